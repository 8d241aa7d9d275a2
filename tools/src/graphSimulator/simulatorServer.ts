import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { serveAdminRequest } from './adminRouter';
import { type Authenticator, simTokenAuthenticator } from './authentication';
import { serveGraphRequest } from './graphRouter';
import { GraphSimulator } from './graphSimulator';
import { sendJson } from './httpIo';
import type { SimulatorKnobs } from './simulatorKnobs';

/** Options for {@link startGraphSimulator}. */
export interface GraphSimulatorOptions {
  /** Default 0: a free port. */
  port?: number;
  /** Default `127.0.0.1`. */
  host?: string;
  /** Maps a bearer token to a mailbox; default {@link simTokenAuthenticator} (`sim:<tenant>:<user>`). */
  authenticate?: Authenticator;
  /** Cap on `Prefer: odata.maxpagesize` (the `maxPageSize` knob). Default 200. */
  maxPageSize?: number;
  /** Initial knobs. */
  knobs?: Partial<SimulatorKnobs>;
  /** Serve an existing simulator's state (e.g. across a restart of the HTTP server). */
  sim?: GraphSimulator;
}

/** A listening simulator. */
export interface RunningGraphSimulator {
  /** `http://127.0.0.1:<port>/v1.0`: the `GRAPH_BASE_URL` of the sync engine. */
  baseUrl: string;
  port: number;
  /** Closes the server and every open connection, and cancels pending notification deliveries. */
  stop(): Promise<void>;
  sim: GraphSimulator;
}

/** Starts the Graph simulator over HTTP: Graph under `/v1.0`, the admin API under `/_sim`. */
export async function startGraphSimulator(options: GraphSimulatorOptions = {}): Promise<RunningGraphSimulator> {
  const sim = options.sim ?? new GraphSimulator(options.knobs);
  if (options.sim && options.knobs) sim.setKnobs(options.knobs);
  if (options.maxPageSize !== undefined) sim.setKnobs({ maxPageSize: options.maxPageSize });
  const graph = { sim, authenticate: options.authenticate ?? simTokenAuthenticator };
  const server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      if (!res.headersSent) sendJson(res, 500, { error: { code: 'internal', message: String(error) } });
      else res.destroy();
    });
  });
  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const path = (req.url ?? '/').split('?')[0] ?? '/';
    if (path === '/v1.0' || path.startsWith('/v1.0/')) return serveGraphRequest(graph, req, res);
    if (path === '/_sim' || path.startsWith('/_sim/')) return serveAdminRequest(sim, req, res);
    sendJson(res, 404, { error: { code: 'notFound', message: 'Graph is under /v1.0, the simulator admin API under /_sim' } });
  };
  const host = options.host ?? '127.0.0.1';
  await listen(server, options.port ?? 0, host);
  const { port } = server.address() as AddressInfo;
  return { baseUrl: `http://${urlHost(host)}:${port}/v1.0`, port, sim, stop: () => {
    sim.notifications.stop();
    return close(server);
  } };
}

function listen(server: Server, port: number, host: string): Promise<void> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
}

function close(server: Server): Promise<void> {
  return new Promise((resolve, reject) => {
    server.close((error) => (error ? reject(error) : resolve()));
    server.closeAllConnections();
  });
}

function urlHost(host: string): string {
  if (host === '0.0.0.0' || host === '::') return '127.0.0.1';
  return host.includes(':') ? `[${host}]` : host;
}
