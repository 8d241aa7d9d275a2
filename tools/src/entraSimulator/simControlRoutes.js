"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.simControlRoutes = simControlRoutes;
const consentRegistry_1 = require("./consentRegistry");
const ID = '[A-Za-z0-9.-]+';
/**
 * Controls for local development and demos (the tab in local mode, scripts): mint an SSO token, read and
 * set a user's consent, rotate the signing key. Only the simulator has them; Entra has no such endpoints.
 */
function simControlRoutes(sim) {
    return [
        { method: 'POST', pattern: /^\/_sim\/sso-token$/, handle: (_params, body) => mintSsoToken(sim, body) },
        {
            method: 'GET', pattern: new RegExp(`^/_sim/consent/(?<tenant>${ID})/(?<user>${ID})$`),
            handle: ({ tenant = '', user = '' }) => ({ status: 200, body: { state: sim.getConsent(tenant, user) } }),
        },
        {
            method: 'PUT', pattern: new RegExp(`^/_sim/consent/(?<tenant>${ID})/(?<user>${ID})$`),
            handle: ({ tenant = '', user = '' }, body) => setConsent(sim, tenant, user, body),
        },
        { method: 'POST', pattern: /^\/_sim\/rotate-keys$/, handle: async () => ({ status: 200, body: { kid: await sim.rotateKeys() } }) },
    ];
}
/** Body: `{ tenantId, userId, name?, upn?, roles?, scp?, expiresInSec? }` → `{ token }`. */
async function mintSsoToken(sim, body) {
    const input = parseJson(body);
    if (!input || typeof input.tenantId !== 'string' || typeof input.userId !== 'string') {
        return badRequest('tenantId and userId (strings) are required');
    }
    const token = await sim.mintSsoToken({
        tenantId: input.tenantId,
        userId: input.userId,
        name: optionalString(input.name),
        upn: optionalString(input.upn),
        roles: Array.isArray(input.roles) ? input.roles.filter((r) => typeof r === 'string') : undefined,
        scp: optionalString(input.scp),
        expiresInSec: typeof input.expiresInSec === 'number' ? input.expiresInSec : undefined,
    });
    return { status: 200, body: { token } };
}
/** Body: `{ state: 'granted' | 'missing' | 'revoked' }`. */
function setConsent(sim, tenant, user, body) {
    const state = parseJson(body)?.state;
    if (!consentRegistry_1.CONSENT_STATES.includes(state))
        return badRequest(`state must be one of ${consentRegistry_1.CONSENT_STATES.join(', ')}`);
    sim.setConsent(tenant, user, state);
    return { status: 200, body: { state } };
}
function parseJson(body) {
    try {
        const value = JSON.parse(body);
        return value && typeof value === 'object' ? value : undefined;
    }
    catch {
        return undefined;
    }
}
function optionalString(value) {
    return typeof value === 'string' ? value : undefined;
}
function badRequest(message) {
    return { status: 400, body: { error: 'invalid_request', error_description: message } };
}
//# sourceMappingURL=simControlRoutes.js.map