"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.RefreshTokenStore = void 0;
const node_crypto_1 = require("node:crypto");
/**
 * Refresh tokens are opaque, as Entra's are: a random handle the authority looks up. Consent is checked
 * again at every redemption, so revoking consent makes every outstanding refresh token useless.
 */
class RefreshTokenStore {
    lifetimeMs;
    now;
    records = new Map();
    constructor(lifetimeMs = 90 * 24 * 3600 * 1000, now = Date.now) {
        this.lifetimeMs = lifetimeMs;
        this.now = now;
    }
    issue(user, clientId) {
        const token = `1.AS${(0, node_crypto_1.randomBytes)(96).toString('base64url')}`;
        this.records.set(token, { user, clientId, expiresAt: this.now() + this.lifetimeMs });
        return token;
    }
    /** The record of a live token; undefined for unknown or expired tokens. */
    find(token) {
        const record = this.records.get(token);
        if (!record || record.expiresAt <= this.now())
            return undefined;
        return record;
    }
}
exports.RefreshTokenStore = RefreshTokenStore;
//# sourceMappingURL=refreshTokens.js.map