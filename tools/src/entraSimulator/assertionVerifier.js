"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.verifyAssertion = verifyAssertion;
exports.isTenantIssuer = isTenantIssuer;
exports.audienceIsClient = audienceIsClient;
const jose_1 = require("jose");
/** Entra accepts tokens a few minutes off its clock. */
const CLOCK_SKEW_SEC = 300;
/**
 * Checks an on-behalf-of assertion the way Entra does: signed by this authority (a published key,
 * RS256), issued for the calling app (`aud` = client id or an `api://…/{clientId}` URI), by this tenant,
 * not expired, and a user's delegated token (`scp`, `oid`).
 */
async function verifyAssertion(assertion, tenantId, clientId, keys) {
    let payload;
    try {
        ({ payload } = await (0, jose_1.jwtVerify)(assertion, (0, jose_1.createLocalJWKSet)(keys.jwks()), {
            algorithms: ['RS256'], clockTolerance: CLOCK_SKEW_SEC, requiredClaims: ['exp', 'tid', 'oid'],
        }));
    }
    catch (error) {
        if (error instanceof jose_1.errors.JWTExpired)
            return { kind: 'expired' };
        return { kind: 'invalid', reason: error instanceof jose_1.errors.JOSEError ? error.code : 'malformed token' };
    }
    const tid = String(payload.tid);
    if (tid.toLowerCase() !== tenantId.toLowerCase())
        return { kind: 'invalid', reason: 'tenant mismatch' };
    if (!isTenantIssuer(payload.iss, tid))
        return { kind: 'invalid', reason: 'issuer mismatch' };
    if (!audienceIsClient(payload.aud, clientId))
        return { kind: 'invalid', reason: 'audience mismatch' };
    if (typeof payload.scp !== 'string' || !payload.scp)
        return { kind: 'invalid', reason: 'not a delegated token' };
    return {
        tenantId: tid,
        userId: String(payload.oid),
        name: typeof payload.name === 'string' ? payload.name : '',
        upn: typeof payload.preferred_username === 'string' ? payload.preferred_username : '',
    };
}
/** True for the v2 or v1 issuer of the tenant. */
function isTenantIssuer(iss, tenantId) {
    return iss === `https://login.microsoftonline.com/${tenantId}/v2.0` || iss === `https://sts.windows.net/${tenantId}/`;
}
/** True when `aud` is the client id or an Application ID URI ending in it (`api://host/{clientId}`). */
function audienceIsClient(aud, clientId) {
    if (typeof aud !== 'string')
        return false;
    const id = clientId.toLowerCase();
    const value = aud.toLowerCase();
    return value === id || (value.startsWith('api://') && (value === `api://${id}` || value.endsWith(`/${id}`)));
}
//# sourceMappingURL=assertionVerifier.js.map