import { timingSafeEqual } from 'node:crypto';
import { verifyAssertion } from './assertionVerifier';
import { verifierMatches, type AuthorizationCodeStore } from './authorizationCodes';
import type { ConsentRegistry } from './consentRegistry';
import * as entra from './entraErrors';
import type { GraphTokenIssuer } from './graphTokenIssuer';
import type { RefreshTokenStore, UserProfile } from './refreshTokens';
import { isCovered, parseScopeRequest } from './scopeRequest';
import type { SigningKeyRing } from './signingKeys';

const JWT_BEARER = 'urn:ietf:params:oauth:grant-type:jwt-bearer';

/** What the token endpoint needs. */
export interface TokenEndpointDeps {
  clientId: string;
  clientSecret: string;
  keys: SigningKeyRing;
  consent: ConsentRegistry;
  refreshTokens: RefreshTokenStore;
  issuer: GraphTokenIssuer;
  codes: AuthorizationCodeStore;
}

/**
 * `POST /{tenant}/oauth2/v2.0/token` for a confidential client: the on-behalf-of grant and the
 * refresh-token grant, answering errors with Entra's shapes and AADSTS codes.
 */
export class TokenEndpoint {
  constructor(private readonly deps: TokenEndpointDeps) {}

  async handle(tenantId: string, form: URLSearchParams): Promise<entra.EndpointResult> {
    // A single-page app is a public client: it redeems its code with the PKCE verifier, no secret.
    if (form.get('grant_type') === 'authorization_code') return this.authorizationCode(tenantId, form);
    const clientProblem = this.authenticateClient(form);
    if (clientProblem) return clientProblem;
    const grantType = form.get('grant_type');
    if (!grantType) return entra.missingParameter('grant_type');
    if (grantType === JWT_BEARER) return this.onBehalfOf(tenantId, form);
    if (grantType === 'refresh_token') return this.refresh(tenantId, form);
    return entra.unsupportedGrant(grantType);
  }

  private authenticateClient(form: URLSearchParams): entra.EndpointResult | undefined {
    const clientId = form.get('client_id');
    if (!clientId) return entra.missingParameter('client_id');
    if (clientId.toLowerCase() !== this.deps.clientId.toLowerCase()) return entra.unknownClient(clientId);
    const secret = form.get('client_secret');
    if (!secret) return entra.missingClientCredential();
    if (!sameSecret(secret, this.deps.clientSecret)) return entra.invalidClientSecret(clientId);
    return undefined;
  }

  private async onBehalfOf(tenantId: string, form: URLSearchParams): Promise<entra.EndpointResult> {
    if (form.get('requested_token_use') !== 'on_behalf_of') return entra.missingParameter('requested_token_use');
    const assertion = form.get('assertion');
    if (!assertion) return entra.missingParameter('assertion');
    const verified = await verifyAssertion(assertion, tenantId, this.deps.clientId, this.deps.keys);
    if ('kind' in verified) {
      return verified.kind === 'expired' ? entra.expiredAssertion() : entra.invalidAssertion(verified.reason);
    }
    return this.grant(verified, form, () => entra.consentRequired(this.deps.clientId));
  }

  private async refresh(tenantId: string, form: URLSearchParams): Promise<entra.EndpointResult> {
    const token = form.get('refresh_token');
    if (!token) return entra.missingParameter('refresh_token');
    const found = this.deps.refreshTokens.find(token);
    if (found.state === 'unknown') return entra.badRefreshToken();
    const { record } = found;
    if (record.clientId !== this.deps.clientId || record.user.tenantId !== tenantId) return entra.badRefreshToken();
    if (found.state === 'revoked') return entra.revokedGrant(record.issuedAt, found.validFrom);
    return this.grant(record.user, form, () => entra.consentRevokedOnRefresh(this.deps.clientId));
  }

  private async authorizationCode(tenantId: string, form: URLSearchParams): Promise<entra.EndpointResult> {
    const clientId = form.get('client_id');
    if (!clientId) return entra.missingParameter('client_id');
    if (clientId.toLowerCase() !== this.deps.clientId.toLowerCase()) return entra.unknownClient(clientId);
    const code = form.get('code');
    if (!code) return entra.missingParameter('code');
    const verifier = form.get('code_verifier');
    if (!verifier) return entra.missingParameter('code_verifier');
    const record = this.deps.codes.redeem(code);
    if (!record || !servesTenant(tenantId, record.user.tenantId)) return entra.badAuthorizationCode();
    if (form.get('redirect_uri') !== record.redirectUri) return entra.redirectUriMismatch();
    if (!verifierMatches(verifier, record.codeChallenge, record.codeChallengeMethod)) return entra.codeVerifierMismatch();
    const request = parseScopeRequest(form.get('scope') ?? record.scope);
    if (request.unsupported) return entra.unsupportedScope(request.unsupported);
    // The user consented on the way to this code: the grant is the app's permissions, whatever propagation does.
    const body = await this.deps.issuer.issue({
      user: record.user, grantedScopes: this.deps.consent.grantedScopes, oidcScopes: request.oidcScopes,
      clientInfo: form.get('client_info') === '1', nonce: record.nonce,
    });
    return { status: 200, body };
  }

  /** Issues tokens when the user's propagated consent covers the requested scopes. */
  private async grant(
    user: UserProfile, form: URLSearchParams, noConsent: () => entra.EndpointResult,
  ): Promise<entra.EndpointResult> {
    const request = parseScopeRequest(form.get('scope') ?? '');
    if (request.unsupported) return entra.unsupportedScope(request.unsupported);
    if (request.graphScopes.length === 0) return entra.missingParameter('scope');
    const granted = this.deps.consent.effectiveScopes(user.tenantId, user.userId);
    if (!isCovered(request, granted)) return noConsent();
    const body = await this.deps.issuer.issue({
      user, grantedScopes: granted, oidcScopes: request.oidcScopes, clientInfo: form.get('client_info') === '1',
    });
    return { status: 200, body };
  }
}

/** A tenant's endpoints serve its users; `organizations` and `common` serve every tenant's (multi-tenant apps). */
export function servesTenant(pathTenant: string, userTenant: string): boolean {
  return /^(organizations|common)$/i.test(pathTenant) || pathTenant.toLowerCase() === userTenant.toLowerCase();
}

function sameSecret(given: string, expected: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}
