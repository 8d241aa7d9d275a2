"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.GraphTokenIssuer = exports.GRAPH_RESOURCE = void 0;
const node_crypto_1 = require("node:crypto");
const jose_1 = require("jose");
const ssoTokenMinter_1 = require("./ssoTokenMinter");
exports.GRAPH_RESOURCE = 'https://graph.microsoft.com';
/** Issues Graph access tokens, id tokens, client_info and refresh tokens. */
class GraphTokenIssuer {
    keys;
    clientId;
    refreshTokens;
    accessTokenLifetimeSec;
    constructor(keys, clientId, refreshTokens, accessTokenLifetimeSec) {
        this.keys = keys;
        this.clientId = clientId;
        this.refreshTokens = refreshTokens;
        this.accessTokenLifetimeSec = accessTokenLifetimeSec;
    }
    async issue(request) {
        const { user, grantedScopes, oidcScopes } = request;
        const resourceScopes = grantedScopes.filter((scope) => scope !== 'offline_access');
        const withRefresh = oidcScopes.has('offline_access') && grantedScopes.includes('offline_access');
        const response = {
            token_type: 'Bearer',
            // Like Entra, the response names every permission the user granted on the resource, fully qualified.
            scope: [...resourceScopes.map((s) => `${exports.GRAPH_RESOURCE}/${s}`), ...(withRefresh ? ['offline_access'] : [])].join(' '),
            expires_in: this.accessTokenLifetimeSec,
            ext_expires_in: this.accessTokenLifetimeSec,
            access_token: await this.sign(this.graphClaims(user, grantedScopes)),
        };
        if (withRefresh)
            response.refresh_token = this.refreshTokens.issue(user, this.clientId);
        if (oidcScopes.has('openid')) {
            response.id_token = await this.sign(this.idTokenClaims(user));
            // msal-node builds the account's home id (uid.utid) from client_info; Entra sends it when asked.
            response.client_info = Buffer.from(JSON.stringify({ uid: user.userId, utid: user.tenantId })).toString('base64url');
        }
        return response;
    }
    /** A v1 access token for Graph, as Entra issues them (Graph tokens are v1). */
    graphClaims(user, grantedScopes) {
        const now = Math.floor(Date.now() / 1000);
        return {
            aud: exports.GRAPH_RESOURCE,
            iss: `https://sts.windows.net/${user.tenantId}/`,
            iat: now, nbf: now, exp: now + this.accessTokenLifetimeSec,
            appid: this.clientId, appidacr: '1', idtyp: 'user',
            name: user.name, oid: user.userId, upn: user.upn, unique_name: user.upn,
            scp: grantedScopes.join(' '),
            sub: (0, ssoTokenMinter_1.pairwiseSubject)(user.userId, exports.GRAPH_RESOURCE),
            tid: user.tenantId, uti: (0, node_crypto_1.randomUUID)(), ver: '1.0',
        };
    }
    idTokenClaims(user) {
        const now = Math.floor(Date.now() / 1000);
        return {
            aud: this.clientId,
            iss: `https://login.microsoftonline.com/${user.tenantId}/v2.0`,
            iat: now, nbf: now, exp: now + 3600,
            name: user.name, oid: user.userId, preferred_username: user.upn,
            rh: (0, node_crypto_1.randomBytes)(16).toString('base64url'),
            sub: (0, ssoTokenMinter_1.pairwiseSubject)(user.userId, this.clientId),
            tid: user.tenantId, uti: (0, node_crypto_1.randomUUID)(), ver: '2.0',
        };
    }
    sign(payload) {
        const key = this.keys.current;
        return new jose_1.SignJWT(payload).setProtectedHeader({ typ: 'JWT', alg: 'RS256', kid: key.kid }).sign(key.privateKey);
    }
}
exports.GraphTokenIssuer = GraphTokenIssuer;
//# sourceMappingURL=graphTokenIssuer.js.map