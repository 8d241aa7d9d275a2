import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Authenticator } from './authentication';
import type { RequestKind, ScriptedFault } from './faultScript';
import type { GraphRequestContext, SimResponse } from './graphContext';
import { badRequest, GraphHttpError, graphErrorBody } from './graphErrors';
import { requestKindOf, routeGraphRequest } from './graphRoutes';
import type { GraphSimulator } from './graphSimulator';
import { serveBatch } from './batchEndpoint';
import { delay, readJsonBody, sendJson, sendTruncated } from './httpIo';
import type { Mailbox } from './mailbox';
import { isSubscriptionPath, routeSubscriptionRequest } from './subscriptionEndpoints';

/** What the Graph half of the server needs. */
export interface GraphRouterOptions {
  sim: GraphSimulator;
  authenticate: Authenticator;
}

/**
 * Answers one `/v1.0` request: latency → bearer → mailbox → scripted or random fault → endpoint, then
 * writes the answer (or drops the connection half-way) and counts it.
 */
export async function serveGraphRequest(options: GraphRouterOptions, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const { sim } = options;
  const requestId = headerValue(req, 'client-request-id') ?? randomUUID();
  const url = new URL(req.url ?? '/', `http://${req.headers.host ?? '127.0.0.1'}`);
  const segments = url.pathname.split('/').filter(Boolean).slice(1);
  if (segments.length === 1 && segments[0] === '$batch' && req.method === 'POST') return serveBatch(options, req, res, url);
  const kind = requestKindOf(segments);
  let drop = false;
  let answer: SimResponse;
  try {
    if (sim.knobs.latencyMs > 0) await delay(sim.knobs.latencyMs);
    const outcome = await answerRequest(options, req, url, segments, kind);
    answer = outcome.answer;
    drop = outcome.drop;
  } catch (error) {
    answer = errorAnswer(error, requestId);
  }
  const headers = { ...answer.headers, 'request-id': requestId, 'client-request-id': requestId };
  if (drop) sendTruncated(res, answer.status, answer.body, headers);
  else sendJson(res, answer.status, answer.body, headers);
  sim.recordRequest(kind, drop ? 'dropped' : answer.status);
}

async function answerRequest(
  options: GraphRouterOptions, req: IncomingMessage, url: URL, segments: string[], kind: RequestKind,
): Promise<{ answer: SimResponse; drop: boolean }> {
  const { sim } = options;
  const method = req.method ?? 'GET';
  const subscriptions = isSubscriptionPath(segments);
  if (method !== 'GET' && !subscriptions) throw new GraphHttpError(405, 'ErrorInvalidRequest', `The OData request is not supported: ${method} on this resource.`);
  const mailbox = await mailboxOf(options, req);
  const body = subscriptions && method !== 'GET' ? await readGraphBody(req) : undefined;
  const scripted = sim.faults.take({ kind, pathAndQuery: url.pathname + url.search });
  if (scripted?.kind === '401') throw unauthenticated('Access token has expired or is not yet valid.');
  if (scripted && scripted.kind !== 'drop' && scripted.kind !== '410') throw transientError(scripted.kind, retryAfter(sim, scripted));
  const random = scripted ? undefined : sim.drawRandomFault();
  if (random === '429' || random === '503') throw transientError(random, sim.knobs.retryAfterSeconds);
  const baseUrl = `${url.origin}/v1.0`;
  const drop = scripted?.kind === 'drop' || random === 'drop';
  if (subscriptions) return { answer: await routeSubscriptionRequest({ sim, mailbox, method, body, baseUrl }, segments), drop };
  const ctx: GraphRequestContext = { sim, mailbox, url, headers: req.headers, baseUrl };
  const answer = routeGraphRequest(ctx, segments, scripted?.kind === '410');
  return { answer, drop };
}

async function readGraphBody(req: IncomingMessage): Promise<unknown> {
  try {
    return await readJsonBody(req, 1024 * 1024);
  } catch (error) {
    throw badRequest(error instanceof Error ? error.message : String(error), 'InvalidRequest');
  }
}

export async function mailboxOf(options: GraphRouterOptions, req: IncomingMessage): Promise<Mailbox> {
  const match = /^Bearer\s+(\S+)\s*$/i.exec(req.headers.authorization ?? '');
  if (!match?.[1]) throw unauthenticated('Access token is empty.');
  const identity = await options.authenticate(match[1]);
  if (!identity) throw unauthenticated('Access token validation failure. Invalid audience or signature.');
  const found = options.sim.findMailbox(identity.tenantId, identity.userId);
  if (found) return found;
  if (options.sim.knobs.unknownMailbox === 'empty') return options.sim.mailbox(identity.tenantId, identity.userId);
  throw new GraphHttpError(404, 'MailboxNotEnabledForRESTAPI', 'The mailbox is either inactive, soft-deleted, or is hosted on-premise.');
}

export function transientError(kind: '429' | '503' | '504', retryAfterSeconds: number | undefined): GraphHttpError {
  const headers: Record<string, string> = retryAfterSeconds === undefined ? {} : { 'Retry-After': String(retryAfterSeconds) };
  if (kind === '429') return new GraphHttpError(429, 'ApplicationThrottled', 'Application is over its MailboxConcurrency limit.', headers);
  if (kind === '503') return new GraphHttpError(503, 'serviceNotAvailable', 'The service is temporarily unavailable. Try again later.', headers);
  return new GraphHttpError(504, 'GatewayTimeout', 'The gateway did not receive a response in time.', headers);
}

export function retryAfter(sim: GraphSimulator, fault: ScriptedFault): number | undefined {
  return fault.retryAfterSeconds ?? (fault.kind === '504' ? undefined : sim.knobs.retryAfterSeconds);
}

export function unauthenticated(message: string): GraphHttpError {
  return new GraphHttpError(401, 'InvalidAuthenticationToken', message, {
    'WWW-Authenticate': 'Bearer realm="", authorization_uri="https://login.microsoftonline.com/common/oauth2/authorize", client_id="00000003-0000-0000-c000-000000000000"',
  });
}

export function errorAnswer(error: unknown, requestId: string): SimResponse {
  if (error instanceof GraphHttpError) {
    return { status: error.status, headers: { ...error.headers }, body: graphErrorBody(error.code, error.message, requestId) };
  }
  const message = error instanceof Error ? error.message : String(error);
  return { status: 500, body: graphErrorBody('generalException', `The simulator failed: ${message}`, requestId) };
}

function headerValue(req: IncomingMessage, name: string): string | undefined {
  const value = req.headers[name];
  return Array.isArray(value) ? value[0] : value;
}
