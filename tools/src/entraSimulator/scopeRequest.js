"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.parseScopeRequest = parseScopeRequest;
exports.isCovered = isCovered;
const graphTokenIssuer_1 = require("./graphTokenIssuer");
const OIDC_SCOPES = new Set(['openid', 'profile', 'email', 'offline_access']);
/** Parses `scope`; bare permission names mean Graph, as they do at Entra. */
function parseScopeRequest(scope) {
    const result = { graphScopes: [], oidcScopes: new Set() };
    for (const item of scope.split(/\s+/).filter(Boolean)) {
        if (OIDC_SCOPES.has(item.toLowerCase()))
            result.oidcScopes.add(item.toLowerCase());
        else if (item.toLowerCase().startsWith(`${graphTokenIssuer_1.GRAPH_RESOURCE}/`))
            result.graphScopes.push(item.slice(graphTokenIssuer_1.GRAPH_RESOURCE.length + 1));
        else if (!item.includes('/') && !item.includes(':'))
            result.graphScopes.push(item);
        else
            result.unsupported ??= item;
    }
    return result;
}
/**
 * True when the granted permissions cover the request: every Graph permission asked for, and
 * `offline_access` when a refresh token is asked for. An empty grant covers nothing.
 */
function isCovered(request, granted) {
    if (granted.length === 0)
        return false;
    const grantedLower = new Set(granted.map((scope) => scope.toLowerCase()));
    const wanted = request.graphScopes.filter((scope) => scope !== '.default').map((scope) => scope.toLowerCase());
    if (request.oidcScopes.has('offline_access'))
        wanted.push('offline_access');
    return wanted.every((scope) => grantedLower.has(scope));
}
//# sourceMappingURL=scopeRequest.js.map