"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.SsoTokenMinter = exports.TEAMS_CLIENT_ID = void 0;
exports.pairwiseSubject = pairwiseSubject;
const node_crypto_1 = require("node:crypto");
const jose_1 = require("jose");
/** The Teams desktop/mobile client, which requests SSO tokens for tabs (its azp in real tokens). */
exports.TEAMS_CLIENT_ID = '1fec8e78-bce4-4aaf-ab1b-5451cc387264';
/** Mints Teams-SSO-like v2 access tokens for the app. */
class SsoTokenMinter {
    keys;
    clientId;
    constructor(keys, clientId) {
        this.keys = keys;
        this.clientId = clientId;
    }
    async mint(options) {
        const payload = this.claimsFor(options);
        const alg = options.alg ?? 'RS256';
        if (alg === 'none')
            return new jose_1.UnsecuredJWT(payload).encode();
        const kid = options.kid ?? this.keys.current.kid;
        const jwt = new jose_1.SignJWT(payload).setProtectedHeader({ typ: 'JWT', alg, kid });
        if (alg === 'HS256')
            return jwt.sign(new TextEncoder().encode(await this.keys.currentPublicPem()));
        return jwt.sign(options.signingKey ?? this.keys.current.privateKey);
    }
    claimsFor(options) {
        const now = Math.floor(Date.now() / 1000);
        const iat = options.issuedAt ?? now;
        const base = {
            aud: options.aud ?? this.clientId,
            iss: options.iss ?? `https://login.microsoftonline.com/${options.tenantId}/v2.0`,
            iat,
            nbf: options.notBefore ?? iat,
            exp: iat + (options.expiresInSec ?? 3600),
            aio: (0, node_crypto_1.randomBytes)(24).toString('base64url'),
            azp: exports.TEAMS_CLIENT_ID,
            azpacr: '0',
            name: options.name ?? 'Test User',
            oid: options.userId,
            preferred_username: options.upn ?? `${options.userId.slice(0, 8)}@contoso.example`,
            rh: (0, node_crypto_1.randomBytes)(16).toString('base64url'),
            ...(options.roles ? { roles: options.roles } : {}),
            scp: options.scp ?? 'access_as_user',
            sub: pairwiseSubject(options.userId, this.clientId),
            tid: options.tid ?? options.tenantId,
            uti: (0, node_crypto_1.randomUUID)(),
            ver: '2.0',
        };
        return applyOverrides(base, options.claims);
    }
}
exports.SsoTokenMinter = SsoTokenMinter;
/** Entra's `sub` is pairwise: stable per (user, app), different across apps. */
function pairwiseSubject(userId, clientId) {
    return (0, node_crypto_1.createHash)('sha256').update(`${userId}|${clientId}`).digest('base64url').slice(0, 43);
}
function applyOverrides(base, overrides) {
    const result = { ...base, ...overrides };
    for (const [name, value] of Object.entries(overrides ?? {})) {
        if (value === undefined)
            delete result[name];
    }
    return result;
}
//# sourceMappingURL=ssoTokenMinter.js.map