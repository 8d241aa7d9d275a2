import { createLocalJWKSet } from 'jose';
import { AuthorizationCodeStore } from './authorizationCodes';
import { AuthorizeEndpoint, type ConsentPromptMode } from './authorizeEndpoint';
import { ConsentRegistry, type ConsentState } from './consentRegistry';
import { verifyGraphToken, type GraphCaller } from './graphTokenAuthenticator';
import { GraphTokenIssuer } from './graphTokenIssuer';
import { RefreshTokenStore, type UserProfile } from './refreshTokens';
import { SigningKeyRing } from './signingKeys';
import { SsoTokenMinter, type SsoTokenOptions } from './ssoTokenMinter';
import { servesTenant, TokenEndpoint } from './tokenEndpoint';

/** Options of the simulated authority. */
export interface EntraSimulatorOptions {
  /** The app registration's Application (client) ID: the audience of SSO tokens and the OBO client. */
  clientId: string;
  clientSecret: string;
  /** After a grant, on-behalf-of keeps answering consent_required for this long (default 0). */
  consentPropagationMs?: number;
  /** Consent of users nobody set (default 'missing'). */
  defaultConsent?: ConsentState;
  /** Graph permissions a grant covers (default Contacts.Read, User.Read, offline_access). */
  grantedScopes?: readonly string[];
  /** Lifetime of issued Graph tokens (default 3600 s). Under the API's 5-minute margin, every background call refreshes. */
  accessTokenLifetimeSec?: number;
}

/** Requests served, so tests can see that a cache or a refetch happened. */
export interface EntraSimulatorStats {
  discoveryRequests: number;
  jwksRequests: number;
  tokenRequests: number;
  /** Token requests with the on-behalf-of grant (`urn:ietf:params:oauth:grant-type:jwt-bearer`). */
  oboRequests: number;
  /** Token requests with the `refresh_token` grant. */
  refreshRequests: number;
}

/** The state and test controls of the simulated authority; the HTTP server serves it. */
export class EntraSimulator {
  readonly stats: EntraSimulatorStats = { discoveryRequests: 0, jwksRequests: 0, tokenRequests: 0, oboRequests: 0, refreshRequests: 0 };
  /** Every request served, as `METHOD /path` (the last 10 000): tests see which tenant's endpoints were asked. */
  readonly requests: string[] = [];
  readonly tokenEndpoint: TokenEndpoint;
  readonly authorizeEndpoint: AuthorizeEndpoint;
  /** What the consent page does (`page`: waits for a click on Accept / Cancel). */
  consentPromptMode: ConsentPromptMode = 'page';
  /** Users the simulator has seen (their SSO tokens), by tenant and UPN: `login_hint` finds them. */
  private readonly directory = new Map<string, UserProfile>();
  private readonly consent: ConsentRegistry;
  private readonly refreshTokens = new RefreshTokenStore();
  private readonly minter: SsoTokenMinter;

  private constructor(readonly options: EntraSimulatorOptions, readonly keys: SigningKeyRing) {
    this.consent = new ConsentRegistry({
      propagationMs: options.consentPropagationMs,
      defaultState: options.defaultConsent,
      grantedScopes: options.grantedScopes,
    });
    this.minter = new SsoTokenMinter(keys, options.clientId);
    const issuer = new GraphTokenIssuer(keys, options.clientId, this.refreshTokens, options.accessTokenLifetimeSec ?? 3600);
    const codes = new AuthorizationCodeStore();
    this.tokenEndpoint = new TokenEndpoint({
      clientId: options.clientId, clientSecret: options.clientSecret,
      keys, consent: this.consent, refreshTokens: this.refreshTokens, issuer, codes,
    });
    this.authorizeEndpoint = new AuthorizeEndpoint({
      clientId: options.clientId, codes,
      findUser: (tenantId, loginHint) => this.findUser(tenantId, loginHint),
      grantConsent: (user) => this.consent.set(user.tenantId, user.userId, 'granted'),
      promptMode: () => this.consentPromptMode,
    });
  }

  static async create(options: EntraSimulatorOptions): Promise<EntraSimulator> {
    return new EntraSimulator(options, await SigningKeyRing.create());
  }

  /** Records a request (the HTTP server calls it for each one). */
  recordRequest(method: string, path: string): void {
    if (this.requests.length >= 10_000) this.requests.shift();
    this.requests.push(`${method} ${path}`);
  }

  /** The recorded requests to a tenant's endpoints (`/{tenant}/…`), case-insensitively. */
  requestsFor(tenant: string): string[] {
    const prefix = `/${tenant.toLowerCase()}/`;
    return this.requests.filter((request) => request.slice(request.indexOf(' ') + 1).toLowerCase().startsWith(prefix));
  }

  /** A Teams-SSO-like access token for the app; overrides forge bad ones. */
  mintSsoToken(options: SsoTokenOptions): Promise<string> {
    // The minter's default preferred_username, so login_hint finds users minted without a UPN too.
    const upn = options.upn ?? `${options.userId.slice(0, 8)}@contoso.example`;
    const user = { tenantId: options.tenantId, userId: options.userId, name: options.name ?? 'Test User', upn };
    this.directory.set(`${options.tenantId.toLowerCase()}|${upn.toLowerCase()}`, user);
    return this.minter.mint(options);
  }

  /**
   * The user a `login_hint` names in a tenant: a UPN the simulator minted an SSO token for (what Teams'
   * `context.user.loginHint` carries), or `{oid}@{tenant id}` for a user it has not seen. At `organizations`
   * or `common`, any tenant's user (Entra finds the home tenant from the sign-in).
   */
  findUser(tenantId: string, loginHint: string): UserProfile | undefined {
    const hint = loginHint.toLowerCase();
    const known = [...this.directory.values()].find((user) => user.upn.toLowerCase() === hint && servesTenant(tenantId, user.tenantId));
    if (known) return known;
    const [oid, domain = ''] = loginHint.split('@');
    if (!oid || !/^[0-9a-f-]{36}$/i.test(domain) || !servesTenant(tenantId, domain)) return undefined;
    return { tenantId: domain, userId: oid, name: loginHint, upn: loginHint };
  }

  /** `propagated`: consent given long ago (an established user); otherwise a grant propagates first. */
  setConsent(tenantId: string, userId: string, state: ConsentState, options: { propagated?: boolean } = {}): void {
    // Outstanding refresh tokens stay known: their next redemption meets the new state (AADSTS65001).
    this.consent.set(tenantId, userId, state, options);
  }

  /**
   * Revokes every refresh token the user holds, as Graph `revokeSignInSessions` or a password reset does:
   * their next redemption answers invalid_grant AADSTS50173. Consent stays as it is.
   */
  revokeSignInSessions(tenantId: string, userId: string): void {
    this.refreshTokens.revokeAll(tenantId, userId);
  }

  getConsent(tenantId: string, userId: string): ConsentState {
    return this.consent.get(tenantId, userId);
  }

  /** Publishes a new signing key and signs new tokens with it; returns its kid. Old keys stay published. */
  rotateKeys(): Promise<string> {
    return this.keys.rotate();
  }

  /** Stops publishing a key: tokens signed with it no longer verify. */
  removeKey(kid: string): void {
    this.keys.remove(kid);
  }

  /** The Graph simulator's check: a Graph token of this authority with Contacts.Read, or undefined. */
  verifyGraphToken(token: string): Promise<GraphCaller | undefined> {
    return verifyGraphToken(token, createLocalJWKSet(this.keys.jwks()));
  }
}
