import { spawn, type ChildProcess } from 'node:child_process';
import { createServer, connect } from 'node:net';
import path from 'node:path';

/** Azurite's published development account (not a secret: it is in Microsoft's docs). */
export const DEV_ACCOUNT = 'devstoreaccount1';
export const DEV_KEY =
  'Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==';

/** A running Azurite (Tables + Queues) on loopback. */
export interface AzuriteInstance {
  /** The `AzureWebJobsStorage`-style connection string for this instance. */
  connectionString: string;
  tablePort: number;
  queuePort: number;
  stop(): Promise<void>;
}

/** Options for {@link startAzurite}. */
export interface AzuriteOptions {
  /** Fixed ports; free ones are chosen when omitted. */
  tablePort?: number;
  queuePort?: number;
  blobPort?: number;
  /** Milliseconds to wait for the ports to accept connections. */
  startTimeoutMs?: number;
}

export function connectionStringFor(tablePort: number, queuePort: number, blobPort: number): string {
  return [
    'DefaultEndpointsProtocol=http',
    `AccountName=${DEV_ACCOUNT}`,
    `AccountKey=${DEV_KEY}`,
    `BlobEndpoint=http://127.0.0.1:${blobPort}/${DEV_ACCOUNT}`,
    `QueueEndpoint=http://127.0.0.1:${queuePort}/${DEV_ACCOUNT}`,
    `TableEndpoint=http://127.0.0.1:${tablePort}/${DEV_ACCOUNT}`,
  ].join(';') + ';';
}

/**
 * Azurite keeps every table in memory: the benchmarks' million-row runs outgrow Node's default heap
 * (about 4 GB here). A ceiling, not a reservation.
 */
const HEAP_MB = 16_384;

/** Starts Azurite from npm, in memory, on loopback; resolves once its ports accept connections. */
export async function startAzurite(options: AzuriteOptions = {}): Promise<AzuriteInstance> {
  const chosen = options.tablePort === undefined || options.queuePort === undefined || options.blobPort === undefined;
  for (let attempt = 1; ; attempt += 1) {
    try {
      return await startOnce(options);
    } catch (error) {
      // A free port we picked can be taken by another process before Azurite binds it (tests start
      // several Azurites at once): pick again. Fixed ports are the caller's to sort out.
      if (!chosen || attempt >= PORT_ATTEMPTS || !/EADDRINUSE/.test((error as Error).message)) throw error;
    }
  }
}

/** Tries with freshly picked ports when one was taken meanwhile. */
const PORT_ATTEMPTS = 3;

async function startOnce(options: AzuriteOptions): Promise<AzuriteInstance> {
  const [tablePort, queuePort, blobPort] = await Promise.all([
    options.tablePort ?? freePort(),
    options.queuePort ?? freePort(),
    options.blobPort ?? freePort(),
  ]);
  const bin = path.join(path.dirname(require.resolve('azurite/package.json')), 'dist/src/azurite.js');
  const child = spawn(process.execPath, [
    `--max-old-space-size=${HEAP_MB}`, bin, '--silent', '--inMemoryPersistence', '--loose', '--skipApiVersionCheck', '--disableTelemetry',
    '--blobHost', '127.0.0.1', '--queueHost', '127.0.0.1', '--tableHost', '127.0.0.1',
    '--blobPort', String(blobPort), '--queuePort', String(queuePort), '--tablePort', String(tablePort),
  ], { stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => { stderr += chunk.toString(); });
  try {
    await Promise.all([tablePort, queuePort].map((port) =>
      waitForPort(port, child, options.startTimeoutMs ?? 20000)));
  } catch (error) {
    child.kill('SIGKILL');
    throw new Error(`Azurite did not start: ${(error as Error).message}\n${stderr}`);
  }
  return {
    connectionString: connectionStringFor(tablePort, queuePort, blobPort),
    tablePort,
    queuePort,
    stop: () => stopChild(child),
  };
}

/** A port free on loopback now (the OS picks it; it is closed again at once). */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

async function waitForPort(port: number, child: ChildProcess, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`exited with code ${child.exitCode}`);
    if (await canConnect(port)) return;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`port ${port} not ready after ${timeoutMs} ms`);
}

function canConnect(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1');
    socket.once('connect', () => { socket.destroy(); resolve(true); });
    socket.once('error', () => resolve(false));
  });
}

function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const timer = setTimeout(() => child.kill('SIGKILL'), 3000);
    child.once('exit', () => { clearTimeout(timer); resolve(); });
    child.kill('SIGTERM');
  });
}
