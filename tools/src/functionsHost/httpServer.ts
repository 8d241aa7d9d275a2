import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { describeError, type HostLogger } from './hostLog';
import { httpInvocationInput, outputOf, readBody, writeHttpResponse } from './httpMessages';
import { HttpRouteTable } from './httpRoutes';
import type { InvocationTracker } from './invocationTracker';
import type { Invoker } from './invokeFunction';
import { describeFunction, triggerOf, type LoadedFunction } from './loadFunctionModules';

/** Options of {@link startHttpServer}. */
export interface HttpServerOptions {
  /** HTTP-triggered functions to serve. */
  functions: LoadedFunction[];
  /** 0 picks a free port. */
  port: number;
  /** `extensions.http.routePrefix` of host.json; `api` on Azure by default, '' for none. */
  routePrefix: string;
  maxBodyBytes: number;
  invoke: Invoker;
  logger: HostLogger;
  tracker: InvocationTracker;
}

/** A listening HTTP front end of the host. */
export interface RunningHttpServer {
  /** `http://127.0.0.1:<port>` */
  url: string;
  /** Stops accepting connections and closes idle keep-alive ones. */
  close(): Promise<void>;
}

/** Serves the HTTP-triggered functions on loopback. */
export async function startHttpServer(options: HttpServerOptions): Promise<RunningHttpServer> {
  const byName = new Map(options.functions.map((fn) => [fn.metadata.name.toLowerCase(), fn]));
  const routes = new HttpRouteTable(options.functions.map((fn) => {
    const info = describeFunction(fn);
    return { functionName: fn.metadata.name, template: info.route ?? fn.metadata.name, methods: info.methods };
  }));
  const prefix = options.routePrefix.replace(/^\/+|\/+$/g, '');
  const server = createServer((req, res) => {
    handleRequest(req, res).catch((error: unknown) => {
      options.logger({ level: 'error', category: 'system', message: `HTTP request failed: ${describeError(error)}` });
      if (!res.headersSent) res.writeHead(500).end();
    });
  });

  async function handleRequest(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', `http://${req.headers.host ?? '127.0.0.1'}`);
    const path = stripPrefix(url.pathname, prefix);
    const lookup = path === undefined ? { kind: 'notFound' as const } : routes.find(req.method ?? 'GET', path);
    if (lookup.kind === 'notFound') return void res.writeHead(404).end();
    if (lookup.kind === 'methodNotAllowed') return void res.writeHead(405, { allow: lookup.allow.join(', ') }).end();
    const body = await readBody(req, options.maxBodyBytes);
    if (!body) return void res.writeHead(413, { connection: 'close' }).end();
    const fn = byName.get(lookup.functionName.toLowerCase());
    if (!fn) return void res.writeHead(404).end();
    const input = httpInvocationInput(triggerOf(fn).name, req, url, lookup.params, body);
    try {
      const response = await options.invoke(fn, input, `HTTP ${req.method ?? 'GET'} ${url.pathname}`);
      writeHttpResponse(res, outputOf(response, httpOutputName(fn))?.http);
    } catch {
      // The invocation logged the error; like Azure, the caller learns nothing about it.
      if (!res.headersSent) res.writeHead(500, { 'content-length': '0' }).end();
    }
  }

  await listen(server, options.port);
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}`, close: () => closeServer(server, options.tracker) };
}

/** The path below `/{prefix}`, or undefined when the request is outside it. */
function stripPrefix(pathname: string, prefix: string): string | undefined {
  if (!prefix) return pathname;
  const lower = pathname.toLowerCase();
  const head = `/${prefix.toLowerCase()}`;
  if (lower === head) return '/';
  return lower.startsWith(`${head}/`) ? pathname.slice(head.length) : undefined;
}

function httpOutputName(fn: LoadedFunction): string {
  const entry = Object.entries(fn.metadata.bindings).find(([, b]) => b.direction === 'out' && b.type?.toLowerCase() === 'http');
  return entry?.[0] ?? '$return';
}

function listen(server: Server, port: number): Promise<void> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => { server.off('error', reject); resolve(); });
  });
}

async function closeServer(server: Server, tracker: InvocationTracker): Promise<void> {
  const closed = new Promise<void>((resolve) => server.close(() => resolve()));
  server.closeIdleConnections();
  // Requests in flight finish first; then keep-alive connections, which would hold close() (and
  // jest's worker) open until they time out, are cut.
  await tracker.idle();
  server.closeAllConnections();
  await closed;
}
