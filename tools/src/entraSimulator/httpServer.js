"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.openIdConfiguration = openIdConfiguration;
exports.listen = listen;
const node_http_1 = require("node:http");
const simControlRoutes_1 = require("./simControlRoutes");
const MAX_BODY_BYTES = 1024 * 1024;
const TENANT = '(?<tenant>[A-Za-z0-9.-]+)';
/** Entra's public endpoints for a tenant: discovery, keys, token. */
function authorityRoutes(sim) {
    return [
        {
            method: 'GET', pattern: new RegExp(`^/${TENANT}/v2\\.0/\\.well-known/openid-configuration$`),
            handle: ({ tenant = '' }, _body, baseUrl) => {
                sim.stats.discoveryRequests += 1;
                return { status: 200, body: openIdConfiguration(tenant, baseUrl) };
            },
        },
        {
            method: 'GET', pattern: new RegExp(`^/${TENANT}/discovery/v2\\.0/keys$`),
            handle: () => {
                sim.stats.jwksRequests += 1;
                return { status: 200, body: sim.keys.jwks() };
            },
        },
        {
            method: 'POST', pattern: new RegExp(`^/${TENANT}/oauth2/v2\\.0/token$`),
            handle: ({ tenant = '' }, body) => {
                sim.stats.tokenRequests += 1;
                return sim.tokenEndpoint.handle(tenant, new URLSearchParams(body));
            },
        },
    ];
}
/**
 * The tenant's OpenID configuration. The issuer is the public one (what tokens carry); the endpoints point
 * at this server, so a client that follows them stays local.
 */
function openIdConfiguration(tenant, baseUrl) {
    const issuerTenant = /^(common|organizations|consumers)$/i.test(tenant) ? '{tenantid}' : tenant;
    return {
        issuer: `https://login.microsoftonline.com/${issuerTenant}/v2.0`,
        authorization_endpoint: `${baseUrl}/${tenant}/oauth2/v2.0/authorize`,
        token_endpoint: `${baseUrl}/${tenant}/oauth2/v2.0/token`,
        end_session_endpoint: `${baseUrl}/${tenant}/oauth2/v2.0/logout`,
        jwks_uri: `${baseUrl}/${tenant}/discovery/v2.0/keys`,
        token_endpoint_auth_methods_supported: ['client_secret_post', 'private_key_jwt', 'client_secret_basic'],
        response_modes_supported: ['query', 'fragment', 'form_post'],
        response_types_supported: ['code', 'id_token', 'code id_token', 'id_token token'],
        subject_types_supported: ['pairwise'],
        id_token_signing_alg_values_supported: ['RS256'],
        scopes_supported: ['openid', 'profile', 'email', 'offline_access'],
        claims_supported: ['sub', 'iss', 'aud', 'exp', 'iat', 'nbf', 'name', 'preferred_username', 'oid', 'tid', 'ver'],
        tenant_region_scope: 'EU',
        cloud_instance_name: 'microsoftonline.com',
        msgraph_host: 'graph.microsoft.com',
    };
}
/** Starts the HTTP server on loopback; resolves with it and its base URL. */
async function listen(sim, port) {
    const routes = [...authorityRoutes(sim), ...(0, simControlRoutes_1.simControlRoutes)(sim)];
    let baseUrl = '';
    const server = (0, node_http_1.createServer)((req, res) => {
        void serve(routes, req, res, baseUrl);
    });
    await new Promise((resolve, reject) => {
        server.once('error', reject);
        server.listen(port, '127.0.0.1', () => resolve());
    });
    const address = server.address();
    if (!address || typeof address === 'string')
        throw new Error('the simulator has no TCP address');
    baseUrl = `http://127.0.0.1:${address.port}`;
    return { server, url: baseUrl };
}
async function serve(routes, req, res, baseUrl) {
    try {
        const path = new URL(req.url ?? '/', baseUrl).pathname;
        const matches = routes.filter((route) => route.pattern.test(path));
        const route = matches.find((candidate) => candidate.method === req.method);
        if (!route)
            return send(res, matches.length ? 405 : 404, { error: matches.length ? 'method_not_allowed' : 'not_found' });
        const params = route.pattern.exec(path)?.groups ?? {};
        const result = await route.handle(params, await readBody(req), baseUrl);
        send(res, result.status, result.body);
    }
    catch (error) {
        send(res, 500, { error: 'server_error', error_description: error.message });
    }
}
function send(res, status, body) {
    res.writeHead(status, { 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': 'no-store' });
    res.end(JSON.stringify(body));
}
async function readBody(req) {
    const chunks = [];
    let size = 0;
    for await (const chunk of req) {
        size += chunk.length;
        if (size > MAX_BODY_BYTES)
            throw new Error('request body too large');
        chunks.push(chunk);
    }
    return Buffer.concat(chunks).toString('utf8');
}
//# sourceMappingURL=httpServer.js.map