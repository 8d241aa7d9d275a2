import type { IncomingMessage, ServerResponse } from 'node:http';
import { simToken } from './authentication';
import { parseFault } from './faultScript';
import type { GraphSimulator } from './graphSimulator';
import { readJsonBody, sendJson } from './httpIo';
import type { Mailbox } from './mailbox';
import { applyChanges } from './mailboxChanges';
import type { SeedOptions } from './mailboxGenerator';

import { type AdminAnswer, AdminError } from './adminError';
import { SUBSCRIPTION_ADMIN_ROUTES } from './subscriptionAdmin';

type Handler = (sim: GraphSimulator, params: string[], body: unknown, url: URL) => AdminAnswer;

/** `METHOD /_sim/path` patterns; `*` is one URI-encoded segment, passed to the handler decoded. */
const ROUTES: Array<[string, string, Handler]> = [
  ['GET', 'health', () => ok({ ok: true })],
  ['PUT', 'mailboxes/*/*', (sim, [t, u], body) => ok(putMailbox(sim, t ?? '', u ?? '', body), 201)],
  ['GET', 'mailboxes/*/*', (sim, [t, u]) => ok(summary(existing(sim, t, u)))],
  ['DELETE', 'mailboxes/*/*', (sim, [t, u]) => ok({ deleted: sim.deleteMailbox(t ?? '', u ?? '') })],
  ['POST', 'mailboxes/*/*/changes', (sim, [t, u], body) => changes(existing(sim, t, u), body)],
  ['GET', 'mailboxes/*/*/contacts', (sim, [t, u], _b, url) => ok({ value: existing(sim, t, u).listContacts(url.searchParams.get('folderId') ?? undefined) })],
  ['GET', 'mailboxes/*/*/folders', (sim, [t, u]) => ok({ value: existing(sim, t, u).listFolders() })],
  ['GET', 'knobs', (sim) => ok(sim.knobs)],
  ['PUT', 'knobs', (sim, _p, body) => ok(sim.setKnobs(body as never))],
  ['GET', 'faults', (sim) => ok({ value: sim.faults.pending.map(faultJson) })],
  ['POST', 'faults', (sim, _p, body) => addFaults(sim, body)],
  ['DELETE', 'faults', (sim) => { sim.faults.clear(); return ok({ value: [] }); }],
  ['GET', 'counts', (sim) => ok(sim.counts)],
  ['DELETE', 'counts', (sim) => { sim.resetCounts(); return ok(sim.counts); }],
  ['POST', 'expire-delta-tokens', (sim) => { sim.expireDeltaTokens(); return ok({ expired: true }); }],
  ...SUBSCRIPTION_ADMIN_ROUTES,
];

/** Answers one `/_sim/…` admin request (no auth, no faults, not counted). Errors: `{error:{code,message}}`. */
export async function serveAdminRequest(sim: GraphSimulator, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const url = new URL(req.url ?? '/', 'http://simulator');
  const segments = url.pathname.split('/').filter(Boolean).slice(1);
  try {
    const { handler, params } = findRoute(req.method ?? 'GET', segments);
    const answer = handler(sim, params, await readJsonBody(req), url);
    sendJson(res, answer.status, answer.body);
  } catch (error) {
    const status = error instanceof AdminError ? error.status : error instanceof RangeError || error instanceof URIError ? 400 : 500;
    const code = status === 404 ? 'notFound' : status === 405 ? 'methodNotAllowed' : status === 400 ? 'invalidRequest' : 'internal';
    sendJson(res, status, { error: { code, message: error instanceof Error ? error.message : String(error) } });
  }
}

function findRoute(method: string, segments: string[]): { handler: Handler; params: string[] } {
  let pathMatched = false;
  for (const [routeMethod, pattern, handler] of ROUTES) {
    const params = matchPattern(pattern.split('/'), segments);
    if (!params) continue;
    pathMatched = true;
    if (routeMethod === method) return { handler, params };
  }
  throw pathMatched ? new AdminError(405, `${method} is not supported here`) : new AdminError(404, `no admin endpoint /_sim/${segments.join('/')}`);
}

function matchPattern(pattern: string[], segments: string[]): string[] | undefined {
  if (pattern.length !== segments.length) return undefined;
  const params: string[] = [];
  for (const [i, part] of pattern.entries()) {
    const segment = segments[i] ?? '';
    if (part === '*') params.push(decodeURIComponent(segment));
    else if (part !== segment) return undefined;
  }
  return params;
}

function putMailbox(sim: GraphSimulator, tenantId: string, userId: string, body: unknown): object {
  const mailbox = sim.createMailbox(tenantId, userId);
  if (body !== undefined) mailbox.seed(body as SeedOptions);
  return summary(mailbox);
}

function changes(mailbox: Mailbox, body: unknown): AdminAnswer {
  const list = body !== null && typeof body === 'object' && 'changes' in body ? body.changes : body;
  return ok({ results: applyChanges(mailbox, list), version: mailbox.version });
}

function addFaults(sim: GraphSimulator, body: unknown): AdminAnswer {
  sim.faults.push(...(Array.isArray(body) ? body : [body]).map(parseFault));
  return ok({ value: sim.faults.pending.map(faultJson) }, 201);
}

function existing(sim: GraphSimulator, tenantId = '', userId = ''): Mailbox {
  const mailbox = sim.findMailbox(tenantId, userId);
  if (!mailbox) throw new AdminError(404, `no mailbox for tenant ${JSON.stringify(tenantId)} and user ${JSON.stringify(userId)}`);
  return mailbox;
}

function summary(mailbox: Mailbox): object {
  return {
    tenantId: mailbox.tenantId, userId: mailbox.userId, bearerToken: simToken(mailbox.tenantId, mailbox.userId),
    defaultFolderId: mailbox.defaultFolderId, version: mailbox.version, contacts: mailbox.contactCount, folders: mailbox.listFolders(),
  };
}

function faultJson(fault: { match?: unknown }): object {
  return { ...fault, match: fault.match instanceof RegExp ? fault.match.source : fault.match ?? 'any' };
}

function ok(body: unknown, status = 200): AdminAnswer {
  return { status, body };
}
