"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.ConsentRegistry = exports.DEFAULT_GRANTED_SCOPES = exports.CONSENT_STATES = void 0;
exports.CONSENT_STATES = ['granted', 'missing', 'revoked'];
/** Graph permissions a grant covers: what the app registration asks for. */
exports.DEFAULT_GRANTED_SCOPES = ['Contacts.Read', 'User.Read', 'offline_access'];
/** Per (tenant, user) consent, as the simulated token endpoint sees it. */
class ConsentRegistry {
    records = new Map();
    propagationMs;
    defaultState;
    now;
    grantedScopes;
    constructor(options = {}) {
        this.propagationMs = options.propagationMs ?? 0;
        this.defaultState = options.defaultState ?? 'missing';
        this.grantedScopes = options.grantedScopes ?? exports.DEFAULT_GRANTED_SCOPES;
        this.now = options.now ?? Date.now;
    }
    set(tenantId, userId, state) {
        this.records.set(keyOf(tenantId, userId), { state, changedAt: this.now() });
    }
    /** The state as set (a fresh grant reads 'granted' even while it propagates). */
    get(tenantId, userId) {
        return this.records.get(keyOf(tenantId, userId))?.state ?? this.defaultState;
    }
    /** The Graph permissions the token endpoint honours right now: none until a grant has propagated. */
    effectiveScopes(tenantId, userId) {
        const record = this.records.get(keyOf(tenantId, userId));
        const state = record?.state ?? this.defaultState;
        if (state !== 'granted')
            return [];
        if (record && this.now() - record.changedAt < this.propagationMs)
            return [];
        return this.grantedScopes;
    }
}
exports.ConsentRegistry = ConsentRegistry;
function keyOf(tenantId, userId) {
    return `${tenantId.toLowerCase()}|${userId.toLowerCase()}`;
}
//# sourceMappingURL=consentRegistry.js.map