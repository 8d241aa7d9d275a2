import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { EntraSimulator } from './entraSimulator';
import { simControlRoutes } from './simControlRoutes';

/** What a route answers. */
export interface RouteResult {
  status: number;
  /** JSON, unless `headers` name a Content-Type (then the body is sent as it is). */
  body: unknown;
  headers?: Record<string, string>;
}

/** One route: method, a path pattern with named groups, and a handler. */
export interface Route {
  method: 'GET' | 'POST' | 'PUT';
  pattern: RegExp;
  handle(params: Record<string, string>, body: string, baseUrl: string, query: URLSearchParams): Promise<RouteResult> | RouteResult;
}

const MAX_BODY_BYTES = 1024 * 1024;
const TENANT = '(?<tenant>[A-Za-z0-9.-]+)';

/** Entra's public endpoints for a tenant: discovery, keys, token. */
function authorityRoutes(sim: EntraSimulator): Route[] {
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
      method: 'GET', pattern: new RegExp(`^/${TENANT}/oauth2/v2\\.0/authorize$`),
      handle: ({ tenant = '' }, _body, _baseUrl, query) => sim.authorizeEndpoint.authorize(tenant, query),
    },
    {
      method: 'POST', pattern: new RegExp(`^/${TENANT}/oauth2/v2\\.0/authorize/decision$`),
      handle: (_params, body) => sim.authorizeEndpoint.decision(new URLSearchParams(body)),
    },
    {
      method: 'POST', pattern: new RegExp(`^/${TENANT}/oauth2/v2\\.0/token$`),
      handle: ({ tenant = '' }, body) => {
        const form = new URLSearchParams(body);
        sim.stats.tokenRequests += 1;
        if (form.get('grant_type') === 'urn:ietf:params:oauth:grant-type:jwt-bearer') sim.stats.oboRequests += 1;
        if (form.get('grant_type') === 'refresh_token') sim.stats.refreshRequests += 1;
        return sim.tokenEndpoint.handle(tenant, form);
      },
    },
  ];
}

/**
 * The tenant's OpenID configuration. The issuer is the public one (what tokens carry); the endpoints point
 * at this server, so a client that follows them stays local.
 */
export function openIdConfiguration(tenant: string, baseUrl: string): Record<string, unknown> {
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
export async function listen(sim: EntraSimulator, port: number): Promise<{ server: Server; url: string }> {
  const routes = [...authorityRoutes(sim), ...simControlRoutes(sim)];
  let baseUrl = '';
  const server = createServer((req, res) => {
    void serve(sim, routes, req, res, baseUrl);
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve());
  });
  const address = server.address();
  if (!address || typeof address === 'string') throw new Error('the simulator has no TCP address');
  baseUrl = `http://127.0.0.1:${address.port}`;
  return { server, url: baseUrl };
}

async function serve(sim: EntraSimulator, routes: Route[], req: IncomingMessage, res: ServerResponse, baseUrl: string): Promise<void> {
  try {
    const url = new URL(req.url ?? '/', baseUrl);
    const path = url.pathname;
    sim.recordRequest(req.method ?? 'GET', path);
    // A single-page app calls discovery, keys and the token endpoint cross-origin: Entra answers with CORS.
    const cors = corsHeaders(req);
    if (req.method === 'OPTIONS') return send(res, 204, undefined, cors);
    const matches = routes.filter((route) => route.pattern.test(path));
    const route = matches.find((candidate) => candidate.method === req.method);
    if (!route) return send(res, matches.length ? 405 : 404, { error: matches.length ? 'method_not_allowed' : 'not_found' }, cors);
    const params = route.pattern.exec(path)?.groups ?? {};
    const result = await route.handle(params, await readBody(req), baseUrl, url.searchParams);
    send(res, result.status, result.body, { ...cors, ...result.headers });
  } catch (error) {
    send(res, 500, { error: 'server_error', error_description: (error as Error).message });
  }
}

function send(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  const json = !('Content-Type' in headers) && !('Location' in headers);
  res.writeHead(status, { ...(json ? { 'Content-Type': 'application/json; charset=utf-8' } : {}), 'Cache-Control': 'no-store', ...headers });
  res.end(json ? (body === undefined ? '' : JSON.stringify(body)) : typeof body === 'string' ? body : '');
}

function corsHeaders(req: IncomingMessage): Record<string, string> {
  const origin = req.headers.origin;
  if (!origin) return {};
  return {
    'Access-Control-Allow-Origin': origin,
    'Access-Control-Allow-Methods': 'GET, POST, OPTIONS',
    'Access-Control-Allow-Headers': req.headers['access-control-request-headers'] ?? 'Content-Type',
    'Access-Control-Max-Age': '86400',
    Vary: 'Origin',
  };
}

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY_BYTES) throw new Error('request body too large');
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}
