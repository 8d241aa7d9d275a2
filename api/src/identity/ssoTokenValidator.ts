import { decodeJwt, errors, jwtVerify, type JWTPayload, type JWTVerifyGetKey } from 'jose';
import { AppError } from '../errors/appError';
import { TENANT_ID_PATTERN, tenantIssuers } from './authorityUrls';
import { KeySetUnavailableError } from './tenantSigningKeys';
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
  /** Public authority host: the issuer must be `{authorityHost}/{tid}/v2.0` (or v1 `https://sts.windows.net/{tid}/`). */
  authorityHost: string;
  /** Key resolver per tenant (see TenantSigningKeys). */
  signingKeys: { get(tenantId: string): Promise<JWTVerifyGetKey> };
  /** True when the tenant has an enabled integration; checked before any key lookup. */
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
 * Full validation with jose: RS256 only, signed by a key of the tenant's JWKS, issuer of that tenant,
 * audience = the client id or `api://…/{clientId}`, exp/nbf within the skew, scope `access_as_user`, and
 * the tenant enabled. The tenant check comes first so that unknown tenants cost no request to Entra.
 */
export function createSsoTokenValidator(options: SsoTokenValidatorOptions): SsoTokenValidator {
  const clockTolerance = Math.min(options.clockToleranceSec ?? MAX_CLOCK_TOLERANCE_SEC, MAX_CLOCK_TOLERANCE_SEC);
  return {
    async validate(token) {
      if (!token) throw rejectToken('missing_token');
      const tenantId = unverifiedTenant(token);
      if (!(await options.isTenantEnabled(tenantId))) throw rejectToken('tenant_not_enabled');
      const keys = await keysOf(options, tenantId);
      const payload = await verifySignatureAndTimes(token, keys, tenantIssuers(options.authorityHost, tenantId), clockTolerance);
      return identityFrom(payload, options.clientId, token);
    },
  };
}

/** The `tid` the token claims, before anything is verified: only used to pick the tenant's keys. */
function unverifiedTenant(token: string): string {
  let claims: JWTPayload;
  try {
    claims = decodeJwt(token);
  } catch {
    throw rejectToken('malformed');
  }
  if (typeof claims.tid !== 'string' || !TENANT_ID_PATTERN.test(claims.tid)) throw rejectToken('missing_claim', 'tid');
  return claims.tid;
}

async function keysOf(options: SsoTokenValidatorOptions, tenantId: string): Promise<JWTVerifyGetKey> {
  try {
    return await options.signingKeys.get(tenantId);
  } catch (error) {
    throw unavailable(error);
  }
}

async function verifySignatureAndTimes(
  token: string, keys: JWTVerifyGetKey, issuers: string[], clockTolerance: number,
): Promise<JWTPayload> {
  try {
    const { payload } = await jwtVerify(token, keys, {
      algorithms: ['RS256'], issuer: issuers, clockTolerance, requiredClaims: ['exp', 'tid', 'oid'],
    });
    return payload;
  } catch (error) {
    if (error instanceof KeySetUnavailableError) throw unavailable(error);
    if (error instanceof errors.JOSEError) throw rejectToken(reasonFromJose(error));
    throw rejectToken('malformed');
  }
}

function identityFrom(payload: JWTPayload, clientId: string, rawToken: string): CallerIdentity {
  if (!isOurAudience(payload.aud, clientId)) throw rejectToken('wrong_audience');
  const scopes = typeof payload.scp === 'string' ? payload.scp.split(' ').filter(Boolean) : [];
  if (!scopes.includes(REQUIRED_SCOPE)) throw rejectToken('missing_scope');
  if (typeof payload.oid !== 'string' || !payload.oid) throw rejectToken('missing_claim', 'oid');
  return {
    tenantId: String(payload.tid),
    userId: payload.oid,
    name: stringClaim(payload.name),
    upn: stringClaim(payload.preferred_username) || stringClaim(payload.upn),
    roles: Array.isArray(payload.roles) ? payload.roles.filter((role): role is string => typeof role === 'string') : [],
    scopes,
    rawToken,
  };
}

/**
 * Teams SSO tokens carry the client id (v2) or the Application ID URI, `api://{host}/{clientId}` or
 * `api://{clientId}` (v1). A single string only: a token meant for several audiences is not ours alone.
 */
export function isOurAudience(aud: unknown, clientId: string): boolean {
  if (typeof aud !== 'string') return false;
  const value = aud.toLowerCase();
  const id = clientId.toLowerCase();
  return value === id || (value.startsWith('api://') && value.endsWith(`/${id}`));
}

function stringClaim(value: unknown): string {
  return typeof value === 'string' ? value : '';
}

function unavailable(error: unknown): AppError {
  return new AppError('internal', 'Your sign-in could not be checked right now. Please try again in a moment.', { cause: error });
}
