"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.serveAdminRequest = serveAdminRequest;
const authentication_1 = require("./authentication");
const faultScript_1 = require("./faultScript");
const httpIo_1 = require("./httpIo");
const mailboxChanges_1 = require("./mailboxChanges");
class AdminError extends Error {
    status;
    constructor(status, message) {
        super(message);
        this.status = status;
    }
}
/** `METHOD /_sim/path` patterns; `*` is one URI-encoded segment, passed to the handler decoded. */
const ROUTES = [
    ['GET', 'health', () => ok({ ok: true })],
    ['PUT', 'mailboxes/*/*', (sim, [t, u], body) => ok(putMailbox(sim, t ?? '', u ?? '', body), 201)],
    ['GET', 'mailboxes/*/*', (sim, [t, u]) => ok(summary(existing(sim, t, u)))],
    ['DELETE', 'mailboxes/*/*', (sim, [t, u]) => ok({ deleted: sim.deleteMailbox(t ?? '', u ?? '') })],
    ['POST', 'mailboxes/*/*/changes', (sim, [t, u], body) => changes(existing(sim, t, u), body)],
    ['GET', 'mailboxes/*/*/contacts', (sim, [t, u], _b, url) => ok({ value: existing(sim, t, u).listContacts(url.searchParams.get('folderId') ?? undefined) })],
    ['GET', 'mailboxes/*/*/folders', (sim, [t, u]) => ok({ value: existing(sim, t, u).listFolders() })],
    ['GET', 'knobs', (sim) => ok(sim.knobs)],
    ['PUT', 'knobs', (sim, _p, body) => ok(sim.setKnobs(body))],
    ['GET', 'faults', (sim) => ok({ value: sim.faults.pending.map(faultJson) })],
    ['POST', 'faults', (sim, _p, body) => addFaults(sim, body)],
    ['DELETE', 'faults', (sim) => { sim.faults.clear(); return ok({ value: [] }); }],
    ['GET', 'counts', (sim) => ok(sim.counts)],
    ['DELETE', 'counts', (sim) => { sim.resetCounts(); return ok(sim.counts); }],
    ['POST', 'expire-delta-tokens', (sim) => { sim.expireDeltaTokens(); return ok({ expired: true }); }],
];
/** Answers one `/_sim/…` admin request (no auth, no faults, not counted). Errors: `{error:{code,message}}`. */
async function serveAdminRequest(sim, req, res) {
    const url = new URL(req.url ?? '/', 'http://simulator');
    const segments = url.pathname.split('/').filter(Boolean).slice(1);
    try {
        const { handler, params } = findRoute(req.method ?? 'GET', segments);
        const answer = handler(sim, params, await (0, httpIo_1.readJsonBody)(req), url);
        (0, httpIo_1.sendJson)(res, answer.status, answer.body);
    }
    catch (error) {
        const status = error instanceof AdminError ? error.status : error instanceof RangeError || error instanceof URIError ? 400 : 500;
        const code = status === 404 ? 'notFound' : status === 405 ? 'methodNotAllowed' : status === 400 ? 'invalidRequest' : 'internal';
        (0, httpIo_1.sendJson)(res, status, { error: { code, message: error instanceof Error ? error.message : String(error) } });
    }
}
function findRoute(method, segments) {
    let pathMatched = false;
    for (const [routeMethod, pattern, handler] of ROUTES) {
        const params = matchPattern(pattern.split('/'), segments);
        if (!params)
            continue;
        pathMatched = true;
        if (routeMethod === method)
            return { handler, params };
    }
    throw pathMatched ? new AdminError(405, `${method} is not supported here`) : new AdminError(404, `no admin endpoint /_sim/${segments.join('/')}`);
}
function matchPattern(pattern, segments) {
    if (pattern.length !== segments.length)
        return undefined;
    const params = [];
    for (const [i, part] of pattern.entries()) {
        const segment = segments[i] ?? '';
        if (part === '*')
            params.push(decodeURIComponent(segment));
        else if (part !== segment)
            return undefined;
    }
    return params;
}
function putMailbox(sim, tenantId, userId, body) {
    const mailbox = sim.createMailbox(tenantId, userId);
    if (body !== undefined)
        mailbox.seed(body);
    return summary(mailbox);
}
function changes(mailbox, body) {
    const list = body !== null && typeof body === 'object' && 'changes' in body ? body.changes : body;
    return ok({ results: (0, mailboxChanges_1.applyChanges)(mailbox, list), version: mailbox.version });
}
function addFaults(sim, body) {
    sim.faults.push(...(Array.isArray(body) ? body : [body]).map(faultScript_1.parseFault));
    return ok({ value: sim.faults.pending.map(faultJson) }, 201);
}
function existing(sim, tenantId = '', userId = '') {
    const mailbox = sim.findMailbox(tenantId, userId);
    if (!mailbox)
        throw new AdminError(404, `no mailbox for tenant ${JSON.stringify(tenantId)} and user ${JSON.stringify(userId)}`);
    return mailbox;
}
function summary(mailbox) {
    return {
        tenantId: mailbox.tenantId, userId: mailbox.userId, bearerToken: (0, authentication_1.simToken)(mailbox.tenantId, mailbox.userId),
        defaultFolderId: mailbox.defaultFolderId, version: mailbox.version, contacts: mailbox.contactCount, folders: mailbox.listFolders(),
    };
}
function faultJson(fault) {
    return { ...fault, match: fault.match instanceof RegExp ? fault.match.source : fault.match ?? 'any' };
}
function ok(body, status = 200) {
    return { status, body };
}
//# sourceMappingURL=adminRouter.js.map