import diagnostics from 'node:diagnostics_channel';
import type { ClientRequest, IncomingMessage } from 'node:http';

/** Table Storage requests of one run, by kind: how many and their summed duration. */
export type RequestTrace = Record<string, { count: number; totalMs: number }>;

/**
 * Records every `node:http` client request (the Table SDK's transport; the Graph SDK uses fetch and is not
 * seen) by kind — transaction, point read, query, table creation, single write — with its duration.
 * Durations of concurrent requests overlap, so they add up to more than wall time.
 */
export function traceTableRequests(): () => RequestTrace {
  const started = new WeakMap<ClientRequest, number>();
  const trace: RequestTrace = {};
  const onStart = (message: unknown): void => {
    started.set((message as { request: ClientRequest }).request, performance.now());
  };
  const onFinish = (message: unknown): void => {
    const { request, response } = message as { request: ClientRequest; response: IncomingMessage };
    const begin = started.get(request);
    if (begin === undefined) return;
    const key = `${kindOf(request.method, request.path)} ${response.statusCode ?? 0}`;
    const entry = (trace[key] ??= { count: 0, totalMs: 0 });
    entry.count += 1;
    entry.totalMs += performance.now() - begin;
  };
  diagnostics.subscribe('http.client.request.start', onStart);
  diagnostics.subscribe('http.client.response.finish', onFinish);
  return () => {
    diagnostics.unsubscribe('http.client.request.start', onStart);
    diagnostics.unsubscribe('http.client.response.finish', onFinish);
    return trace;
  };
}

function kindOf(method: string, path: string): string {
  const [resource = '', query = ''] = decodeURIComponent(path).split('?');
  if (resource.endsWith('/$batch')) return 'transaction';
  if (/\/Tables$/i.test(resource)) return 'create table';
  if (/\(PartitionKey=.*RowKey=.*\)$/.test(resource)) return method === 'GET' ? 'point read' : `single ${method}`;
  if (method === 'GET') return query.includes('$filter') ? 'query' : 'list';
  if (method === 'POST') return 'single insert';
  return `${method} ${resource.replace(/^\/[^/]+\//, '')}`;
}
