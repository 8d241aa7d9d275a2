import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { createServer, request as httpRequest, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import type { LocalStack } from '../localStack';

/** Where `npm run build` puts the tab. */
export const TAB_BUILD_DIR = path.resolve(__dirname, '../../../build/tab');

/** The tenant of the local development sign-in. */
export const DEV_TENANT = '00000000-0000-4000-8000-00000000de70';

const TYPES: Record<string, string> = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript', '.css': 'text/css', '.json': 'application/json', '.svg': 'image/svg+xml', '.png': 'image/png' };

/** A running tab server. */
export interface TabServer {
  url: string;
  stop(): Promise<void>;
}

/**
 * Serves the built tab locally: its files, `/tab-config.json`, `/api/*` forwarded to the local Functions
 * host (one origin, as on a Static Web App with a linked API), and the development sign-in
 * (`POST /_dev/sign-in`, `POST /_dev/consent`) backed by the local Entra authority. Development only.
 */
export async function startTabServer(stack: LocalStack, options: { port?: number; dir?: string } = {}): Promise<TabServer> {
  const dir = options.dir ?? TAB_BUILD_DIR;
  const server = createServer((req, res) => {
    handle(stack, dir, req, res).catch((error: unknown) => send(res, 500, { code: 'internal', message: String(error) }));
  });
  await new Promise<void>((resolve) => server.listen(options.port ?? 0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}`, stop: () => close(server) };
}

async function handle(stack: LocalStack, dir: string, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const url = new URL(req.url ?? '/', 'http://local');
  if (url.pathname.startsWith('/api/')) return forward(stack.host.url, req, res);
  if (url.pathname === '/tab-config.json') {
    return send(res, 200, { apiBaseUrl: '', localMode: true, clientId: stack.clientId, authority: 'https://login.microsoftonline.com/organizations' });
  }
  if (req.method === 'POST' && url.pathname === '/_dev/sign-in') return devSignIn(stack, await bodyOf(req), res);
  if (req.method === 'POST' && url.pathname === '/_dev/consent') {
    const { userName } = JSON.parse(await bodyOf(req)) as { userName: string };
    stack.entra.sim.setConsent(DEV_TENANT, devUserId(userName), 'granted');
    return send(res, 200, { consented: true });
  }
  return serveFile(dir, url.pathname, res);
}

/** A stable user id per test user name, so the same name is the same mailbox. */
export function devUserId(userName: string): string {
  const hex = createHash('sha256').update(userName).digest('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-8${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

async function devSignIn(stack: LocalStack, body: string, res: ServerResponse): Promise<void> {
  const { userName, admin } = JSON.parse(body) as { userName: string; admin?: boolean };
  // A new test user gets a small Outlook mailbox to sync.
  const outlook = stack.graph.sim.mailbox(DEV_TENANT, devUserId(userName));
  if (outlook.listContacts().length === 0) outlook.seed({ contacts: 500, folders: 3, seed: 2026 });
  const token = await stack.entra.sim.mintSsoToken({
    tenantId: DEV_TENANT, userId: devUserId(userName), name: userName, roles: admin ? ['ContactSync.Admin'] : undefined,
  });
  send(res, 200, { token, expiresInSec: 3600 });
}

async function serveFile(dir: string, pathname: string, res: ServerResponse): Promise<void> {
  const clean = path.normalize(decodeURIComponent(pathname)).replace(/^(\.\.[/\\])+/, '');
  const candidates = [path.join(dir, clean), path.join(dir, clean, 'index.html'), path.join(dir, 'index.html')];
  for (const file of candidates) {
    if (!file.startsWith(dir)) continue;
    const content = await readFile(file).catch(() => undefined);
    if (!content) continue;
    res.writeHead(200, { 'content-type': TYPES[path.extname(file)] ?? 'application/octet-stream', 'cache-control': 'no-store' });
    res.end(content);
    return;
  }
  send(res, 404, { code: 'not_found', message: `No ${pathname}: run npm run build first.` });
}

function forward(target: string, req: IncomingMessage, res: ServerResponse): void {
  const upstream = httpRequest(`${target}${req.url ?? ''}`, { method: req.method, headers: { ...req.headers, host: new URL(target).host } }, (answer) => {
    res.writeHead(answer.statusCode ?? 502, answer.headers);
    answer.pipe(res);
  });
  upstream.on('error', () => send(res, 502, { code: 'api_unreachable', message: 'The local API is not running.' }));
  req.pipe(upstream);
}

function bodyOf(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

function send(res: ServerResponse, status: number, body: unknown): void {
  if (res.headersSent) return void res.end();
  res.writeHead(status, { 'content-type': 'application/json' });
  res.end(JSON.stringify(body));
}

function close(server: Server): Promise<void> {
  server.closeAllConnections();
  return new Promise((resolve) => server.close(() => resolve()));
}
