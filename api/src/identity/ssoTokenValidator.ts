import { decodeJwt, errors, jwtVerify, type JWTPayload, type JWTVerifyGetKey } from 'jose';
import { AppError } from '../errors/appError';
import { TENANT_ID_PATTERN, tenantIssuers } from './authorityUrls';
import { KeySetUnavailableError } from './commonSigningKeys';
import { reasonFromJose, rejectToken } from './tokenRejection';

/** Who is calling, from a validated Teams SSO token. */
export interface CallerIdentity {
  tenantId: string;
  /** The user's object id (`oid`): stable across apps, the key of everything we store for the user. */
  userId: string;
  name: string;
  /** `preferred_username` (v2) or `upn` (v1). */
  upn: string;
  /** App roles (`roles`), e.g. `ContactSync.Admin`. */
  roles: string[];
  /** Delegated scopes (`scp`). */
  scopes: string[];
  /** The token itself: the on-behalf-of assertion. Never log it. */
  rawToken: string;
}

/** Options for {@link createSsoTokenValidator}. */
export interface SsoTokenValidatorOptions {
  /** The app's Application (client) ID. */
  clientId: string;
  /**
   * `TAB_DOMAIN`: the host of the tab, e.g. `contoso.azurewebsites.net`; the Application ID URI
   * `api://{tabDomain}/{clientId}` is then accepted as audience besides the client id. Unset: the client id only.
   */
  tabDomain?: string;
  /** Public authority host: the issuer must be `{authorityHost}/{tid}/v2.0` (or v1 `https://sts.windows.net/{tid}/`). */
  authorityHost: string;
  /** Entra's common signing keys (see createCommonSigningKeys): the same for every tenant. */
  signingKeys: JWTVerifyGetKey;
  /** The operator's allow-list (`ALLOWED_TENANTS`): no I/O, so it is asked before anything else. */
  isTenantAllowed(tenantId: string): boolean;
  /** True when the tenant has an enabled integration (a table read): asked last, for a verified token only. */
  isTenantEnabled(tenantId: string): Promise<boolean>;
  /** Allowed clock difference for exp/nbf (default 300 s, at most 300). */
  clockToleranceSec?: number;
}

/** Validates Teams SSO bearer tokens for the API. */
export interface SsoTokenValidator {
  /** The caller of a token; any failure is `AppError('unauthorized')` with the reason in `cause`. */
  validate(token: string | undefined): Promise<CallerIdentity>;
}

const REQUIRED_SCOPE = 'access_as_user';
const MAX_CLOCK_TOLERANCE_SEC = 300;

/**
 * Full validation with jose, cheapest check first and nothing fetched for an unverified token: the claimed
 * tenant on the operator's allow-list (no I/O); then RS256 only, signed by a key of Entra's common key set
 * (cached, the same for every tenant); exp/nbf within the skew; then the issuer of the token's own tenant,
 * the audience exactly ours, scope `access_as_user`; and last the tenant enabled (a table read).
 */
export function createSsoTokenValidator(options: SsoTokenValidatorOptions): SsoTokenValidator {
  const clockTolerance = Math.min(options.clockToleranceSec ?? MAX_CLOCK_TOLERANCE_SEC, MAX_CLOCK_TOLERANCE_SEC);
  const audiences = ourAudiences(options.clientId, options.tabDomain);
  return {
    async validate(token) {
      if (!token) throw rejectToken('missing_token');
      if (!options.isTenantAllowed(unverifiedTenant(token))) throw rejectToken('tenant_not_allowed');
      const payload = await verifySignatureAndTimes(token, options.signingKeys, clockTolerance);
      const caller = identityFrom(payload, options.authorityHost, audiences, token);
      if (!(await options.isTenantEnabled(caller.tenantId))) throw rejectToken('tenant_not_enabled');
      return caller;
    },
  };
}

/** The `tid` the token claims, before anything is verified: only used to refuse tenants not allowed. */
function unverifiedTenant(token: string): string {
  let claims: JWTPayload;
  try {
    claims = decodeJwt(token);
  } catch {
    throw rejectToken('malformed');
  }
  return tenantOf(claims);
}

function tenantOf(claims: JWTPayload): string {
  if (typeof claims.tid !== 'string' || !TENANT_ID_PATTERN.test(claims.tid)) throw rejectToken('missing_claim', 'tid');
  return claims.tid;
}

async function verifySignatureAndTimes(token: string, keys: JWTVerifyGetKey, clockTolerance: number): Promise<JWTPayload> {
  try {
    const { payload } = await jwtVerify(token, keys, {
      algorithms: ['RS256'], clockTolerance, requiredClaims: ['exp', 'iss', 'tid', 'oid'],
    });
    return payload;
  } catch (error) {
    if (error instanceof KeySetUnavailableError) throw unavailable(error);
    if (error instanceof errors.JOSEError) throw rejectToken(reasonFromJose(error));
    throw rejectToken('malformed');
  }
}

/** The checks of a verified token's claims; Entra's common keys sign every tenant's tokens, so the issuer must be the token's own tenant. */
function identityFrom(payload: JWTPayload, authorityHost: string, audiences: readonly string[], rawToken: string): CallerIdentity {
  const tenantId = tenantOf(payload);
  if (typeof payload.iss !== 'string' || !tenantIssuers(authorityHost, tenantId).includes(payload.iss)) throw rejectToken('wrong_issuer');
  if (!isOurAudience(payload.aud, audiences)) throw rejectToken('wrong_audience');
  const scopes = typeof payload.scp === 'string' ? payload.scp.split(' ').filter(Boolean) : [];
  if (!scopes.includes(REQUIRED_SCOPE)) throw rejectToken('missing_scope');
  if (typeof payload.oid !== 'string' || !payload.oid) throw rejectToken('missing_claim', 'oid');
  return {
    tenantId,
    userId: payload.oid,
    name: stringClaim(payload.name),
    upn: stringClaim(payload.preferred_username) || stringClaim(payload.upn),
    roles: Array.isArray(payload.roles) ? payload.roles.filter((role): role is string => typeof role === 'string') : [],
    scopes,
    rawToken,
  };
}

/**
 * The audiences of our tokens: the client id (v2 tokens) and, when the tab domain is configured, the
 * Application ID URI Teams SSO requires, `api://{tabDomain}/{clientId}` (v1 tokens). Nothing else: an
 * `api://{any host}/{clientId}` would be a URI someone else could register.
 */
export function ourAudiences(clientId: string, tabDomain: string | undefined): string[] {
  const id = clientId.toLowerCase();
  return tabDomain ? [id, `api://${tabDomain.toLowerCase()}/${id}`] : [id];
}

/** A single string audience, one of ours (case-insensitive): a token meant for several audiences is not ours alone. */
export function isOurAudience(aud: unknown, audiences: readonly string[]): boolean {
  return typeof aud === 'string' && audiences.includes(aud.toLowerCase());
}

function stringClaim(value: unknown): string {
  return typeof value === 'string' ? value : '';
}

function unavailable(error: unknown): AppError {
  return new AppError('internal', 'Your sign-in could not be checked right now. Please try again in a moment.', { cause: error });
}
