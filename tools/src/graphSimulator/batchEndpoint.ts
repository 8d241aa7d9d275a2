import { randomUUID } from 'node:crypto';
import type { IncomingHttpHeaders, IncomingMessage, ServerResponse } from 'node:http';
import type { GraphRequestContext, SimResponse } from './graphContext';
import { badRequest, GraphHttpError } from './graphErrors';
import { errorAnswer, type GraphRouterOptions, mailboxOf, retryAfter, transientError } from './graphRouter';
import { requestKindOf, routeGraphRequest } from './graphRoutes';
import { delay, readJsonBody, sendJson } from './httpIo';
import type { Mailbox } from './mailbox';

/** Graph's cap on requests in one batch (https://learn.microsoft.com/graph/json-batching). */
export const MAX_BATCH_REQUESTS = 20;

interface BatchItem { id: string; method: string; url: string; headers: IncomingHttpHeaders }

/**
 * `POST /v1.0/$batch`: the envelope is authenticated once and answers 200 with one response per request
 * (`{ id, status, headers, body }`), each answered as if sent alone — its own scripted or random fault
 * (429/503 with Retry-After; a scripted `drop` becomes a 504 inside a batch), its own count. The envelope
 * counts as one round trip, not as a Graph request. Bad envelopes (no `requests`, over 20, duplicate
 * ids) answer 400.
 */
export async function serveBatch(options: GraphRouterOptions, req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
  const { sim } = options;
  const requestId = randomUUID();
  let answer: SimResponse;
  try {
    if (sim.knobs.latencyMs > 0) await delay(sim.knobs.latencyMs);
    const mailbox = await mailboxOf(options, req);
    const items = parseBatch(await readJsonBody(req).catch(() => undefined));
    const responses = items.map((item) => answerItem(options, mailbox, url, item));
    answer = { status: 200, body: { responses } };
  } catch (error) {
    answer = errorAnswer(error, requestId);
  }
  sendJson(res, answer.status, answer.body, { ...answer.headers, 'request-id': requestId, 'client-request-id': requestId });
  sim.recordBatch();
}

function answerItem(options: GraphRouterOptions, mailbox: Mailbox, envelopeUrl: URL, item: BatchItem): object {
  const { sim } = options;
  const itemUrl = new URL(`/v1.0${item.url.startsWith('/') ? '' : '/'}${item.url}`, envelopeUrl.origin);
  const segments = itemUrl.pathname.split('/').filter(Boolean).slice(1);
  const kind = requestKindOf(segments);
  let answer: SimResponse;
  try {
    if (item.method.toUpperCase() !== 'GET') throw new GraphHttpError(405, 'ErrorInvalidRequest', `The OData request is not supported: ${item.method} on this resource.`);
    const scripted = sim.faults.take({ kind, pathAndQuery: itemUrl.pathname + itemUrl.search });
    if (scripted?.kind === 'drop') throw transientError('504', undefined);
    if (scripted && scripted.kind !== '410') throw transientError(scripted.kind, retryAfter(sim, scripted));
    const random = scripted ? undefined : sim.drawRandomFault();
    if (random === '429' || random === '503') throw transientError(random, sim.knobs.retryAfterSeconds);
    const ctx: GraphRequestContext = { sim, mailbox, url: itemUrl, headers: item.headers, baseUrl: `${envelopeUrl.origin}/v1.0` };
    answer = routeGraphRequest(ctx, segments, scripted?.kind === '410');
  } catch (error) {
    answer = errorAnswer(error, randomUUID());
  }
  sim.recordRequest(kind, answer.status, false);
  return { id: item.id, status: answer.status, headers: { ...answer.headers, 'Content-Type': 'application/json' }, body: answer.body };
}

function parseBatch(body: unknown): BatchItem[] {
  const requests = body !== null && typeof body === 'object' && 'requests' in body ? body.requests : undefined;
  if (!Array.isArray(requests) || requests.length === 0) throw badRequest('Invalid batch payload format: a non-empty "requests" array is required.');
  if (requests.length > MAX_BATCH_REQUESTS) throw badRequest(`Invalid batch payload format: the number of requests exceeds the limit of ${MAX_BATCH_REQUESTS}.`);
  const ids = new Set<string>();
  return requests.map((raw: unknown) => {
    const item = (raw ?? {}) as Record<string, unknown>;
    const { id, method, url } = item;
    if (typeof id !== 'string' || typeof method !== 'string' || typeof url !== 'string') throw badRequest('Invalid batch payload format: every request needs "id", "method" and "url".');
    if (ids.has(id.toLowerCase())) throw badRequest(`Invalid batch payload format: the request id '${id}' is used twice.`);
    ids.add(id.toLowerCase());
    return { id, method, url, headers: lowerCaseHeaders(item.headers) };
  });
}

function lowerCaseHeaders(raw: unknown): IncomingHttpHeaders {
  const headers: IncomingHttpHeaders = {};
  if (raw && typeof raw === 'object') for (const [key, value] of Object.entries(raw)) if (typeof value === 'string') headers[key.toLowerCase()] = value;
  return headers;
}
