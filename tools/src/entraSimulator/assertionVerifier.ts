import { createLocalJWKSet, errors, jwtVerify, type JWTPayload } from 'jose';
import type { UserProfile } from './refreshTokens';
import type { SigningKeyRing } from './signingKeys';

/** Why an on-behalf-of assertion was refused; `expired` gets its own AADSTS code. */
export type AssertionProblem = { kind: 'expired' } | { kind: 'invalid'; reason: string };

/** Entra accepts tokens a few minutes off its clock. */
const CLOCK_SKEW_SEC = 300;

/**
 * Checks an on-behalf-of assertion the way Entra does: signed by this authority (a published key,
 * RS256), issued for the calling app (`aud` = client id or an `api://…/{clientId}` URI), by this tenant,
 * not expired, and a user's delegated token (`scp`, `oid`).
 */
export async function verifyAssertion(
  assertion: string, tenantId: string, clientId: string, keys: SigningKeyRing,
): Promise<UserProfile | AssertionProblem> {
  let payload: JWTPayload;
  try {
    ({ payload } = await jwtVerify(assertion, createLocalJWKSet(keys.jwks()), {
      algorithms: ['RS256'], clockTolerance: CLOCK_SKEW_SEC, requiredClaims: ['exp', 'tid', 'oid'],
    }));
  } catch (error) {
    if (error instanceof errors.JWTExpired) return { kind: 'expired' };
    return { kind: 'invalid', reason: error instanceof errors.JOSEError ? error.code : 'malformed token' };
  }
  const tid = String(payload.tid);
  if (tid.toLowerCase() !== tenantId.toLowerCase()) return { kind: 'invalid', reason: 'tenant mismatch' };
  if (!isTenantIssuer(payload.iss, tid)) return { kind: 'invalid', reason: 'issuer mismatch' };
  if (!audienceIsClient(payload.aud, clientId)) return { kind: 'invalid', reason: 'audience mismatch' };
  if (typeof payload.scp !== 'string' || !payload.scp) return { kind: 'invalid', reason: 'not a delegated token' };
  return {
    tenantId: tid,
    userId: String(payload.oid),
    name: typeof payload.name === 'string' ? payload.name : '',
    upn: typeof payload.preferred_username === 'string' ? payload.preferred_username : '',
  };
}

/** True for the v2 or v1 issuer of the tenant. */
export function isTenantIssuer(iss: unknown, tenantId: string): boolean {
  return iss === `https://login.microsoftonline.com/${tenantId}/v2.0` || iss === `https://sts.windows.net/${tenantId}/`;
}

/** True when `aud` is the client id or an Application ID URI ending in it (`api://host/{clientId}`). */
export function audienceIsClient(aud: unknown, clientId: string): boolean {
  if (typeof aud !== 'string') return false;
  const id = clientId.toLowerCase();
  const value = aud.toLowerCase();
  return value === id || (value.startsWith('api://') && (value === `api://${id}` || value.endsWith(`/${id}`)));
}
