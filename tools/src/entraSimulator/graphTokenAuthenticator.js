"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.CONTACTS_READ = void 0;
exports.createGraphTokenAuthenticator = createGraphTokenAuthenticator;
exports.verifyGraphToken = verifyGraphToken;
const jose_1 = require("jose");
const graphTokenIssuer_1 = require("./graphTokenIssuer");
/** The permission every contacts request needs. */
exports.CONTACTS_READ = 'Contacts.Read';
/** Graph's application id: v1 tokens for Graph may carry it as `aud` instead of the URL. */
const GRAPH_APP_ID = '00000003-0000-0000-c000-000000000000';
/**
 * An authenticator that accepts only Graph tokens signed by the simulator at `simUrl` (its published
 * keys, fetched once and refetched on an unknown kid), for Graph, with `Contacts.Read` in `scp`.
 */
function createGraphTokenAuthenticator(simUrl) {
    const keys = (0, jose_1.createRemoteJWKSet)(new URL(`${simUrl.replace(/\/+$/, '')}/common/discovery/v2.0/keys`), {
        cooldownDuration: 1000,
    });
    return (token) => verifyGraphToken(token, keys);
}
/** Verifies a Graph token against a key set; any failure gives undefined (the caller answers 401). */
async function verifyGraphToken(token, keys) {
    try {
        const { payload } = await (0, jose_1.jwtVerify)(token, keys, { algorithms: ['RS256'], requiredClaims: ['exp', 'tid', 'oid'] });
        return graphCallerFrom(payload);
    }
    catch {
        return undefined;
    }
}
function graphCallerFrom(payload) {
    const tenantId = String(payload.tid);
    if (payload.aud !== graphTokenIssuer_1.GRAPH_RESOURCE && payload.aud !== GRAPH_APP_ID)
        return undefined;
    if (payload.iss !== `https://sts.windows.net/${tenantId}/`)
        return undefined;
    const scopes = typeof payload.scp === 'string' ? payload.scp.split(' ') : [];
    if (!scopes.includes(exports.CONTACTS_READ))
        return undefined;
    return { tenantId, userId: String(payload.oid) };
}
//# sourceMappingURL=graphTokenAuthenticator.js.map