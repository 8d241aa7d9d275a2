"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.serveGraphRequest = serveGraphRequest;
const node_crypto_1 = require("node:crypto");
const graphErrors_1 = require("./graphErrors");
const graphRoutes_1 = require("./graphRoutes");
const httpIo_1 = require("./httpIo");
/**
 * Answers one `/v1.0` request: latency → bearer → mailbox → scripted or random fault → endpoint, then
 * writes the answer (or drops the connection half-way) and counts it.
 */
async function serveGraphRequest(options, req, res) {
    const { sim } = options;
    const requestId = headerValue(req, 'client-request-id') ?? (0, node_crypto_1.randomUUID)();
    const url = new URL(req.url ?? '/', `http://${req.headers.host ?? '127.0.0.1'}`);
    const segments = url.pathname.split('/').filter(Boolean).slice(1);
    const kind = (0, graphRoutes_1.requestKindOf)(segments);
    let drop = false;
    let answer;
    try {
        if (sim.knobs.latencyMs > 0)
            await (0, httpIo_1.delay)(sim.knobs.latencyMs);
        const outcome = await answerRequest(options, req, url, segments, kind);
        answer = outcome.answer;
        drop = outcome.drop;
    }
    catch (error) {
        answer = errorAnswer(error, requestId);
    }
    const headers = { ...answer.headers, 'request-id': requestId, 'client-request-id': requestId };
    if (drop)
        (0, httpIo_1.sendTruncated)(res, answer.status, answer.body, headers);
    else
        (0, httpIo_1.sendJson)(res, answer.status, answer.body, headers);
    sim.recordRequest(kind, drop ? 'dropped' : answer.status);
}
async function answerRequest(options, req, url, segments, kind) {
    const { sim } = options;
    if (req.method !== 'GET')
        throw new graphErrors_1.GraphHttpError(405, 'ErrorInvalidRequest', `The OData request is not supported: ${req.method} on this resource.`);
    const mailbox = await mailboxOf(options, req);
    const scripted = sim.faults.take({ kind, pathAndQuery: url.pathname + url.search });
    if (scripted && scripted.kind !== 'drop' && scripted.kind !== '410')
        throw transientError(scripted.kind, retryAfter(sim, scripted));
    const random = scripted ? undefined : sim.drawRandomFault();
    if (random === '429' || random === '503')
        throw transientError(random, sim.knobs.retryAfterSeconds);
    const baseUrl = `${url.origin}/v1.0`;
    const ctx = { sim, mailbox, url, headers: req.headers, baseUrl };
    const answer = (0, graphRoutes_1.routeGraphRequest)(ctx, segments, scripted?.kind === '410');
    return { answer, drop: scripted?.kind === 'drop' || random === 'drop' };
}
async function mailboxOf(options, req) {
    const match = /^Bearer\s+(\S+)\s*$/i.exec(req.headers.authorization ?? '');
    if (!match?.[1])
        throw unauthenticated('Access token is empty.');
    const identity = await options.authenticate(match[1]);
    if (!identity)
        throw unauthenticated('Access token validation failure. Invalid audience or signature.');
    const found = options.sim.findMailbox(identity.tenantId, identity.userId);
    if (found)
        return found;
    if (options.sim.knobs.unknownMailbox === 'empty')
        return options.sim.mailbox(identity.tenantId, identity.userId);
    throw new graphErrors_1.GraphHttpError(404, 'MailboxNotEnabledForRESTAPI', 'The mailbox is either inactive, soft-deleted, or is hosted on-premise.');
}
function transientError(kind, retryAfterSeconds) {
    const headers = retryAfterSeconds === undefined ? {} : { 'Retry-After': String(retryAfterSeconds) };
    if (kind === '429')
        return new graphErrors_1.GraphHttpError(429, 'ApplicationThrottled', 'Application is over its MailboxConcurrency limit.', headers);
    if (kind === '503')
        return new graphErrors_1.GraphHttpError(503, 'serviceNotAvailable', 'The service is temporarily unavailable. Try again later.', headers);
    return new graphErrors_1.GraphHttpError(504, 'GatewayTimeout', 'The gateway did not receive a response in time.', headers);
}
function retryAfter(sim, fault) {
    return fault.retryAfterSeconds ?? (fault.kind === '504' ? undefined : sim.knobs.retryAfterSeconds);
}
function unauthenticated(message) {
    return new graphErrors_1.GraphHttpError(401, 'InvalidAuthenticationToken', message, {
        'WWW-Authenticate': 'Bearer realm="", authorization_uri="https://login.microsoftonline.com/common/oauth2/authorize", client_id="00000003-0000-0000-c000-000000000000"',
    });
}
function errorAnswer(error, requestId) {
    if (error instanceof graphErrors_1.GraphHttpError) {
        return { status: error.status, headers: { ...error.headers }, body: (0, graphErrors_1.graphErrorBody)(error.code, error.message, requestId) };
    }
    const message = error instanceof Error ? error.message : String(error);
    return { status: 500, body: (0, graphErrors_1.graphErrorBody)('generalException', `The simulator failed: ${message}`, requestId) };
}
function headerValue(req, name) {
    const value = req.headers[name];
    return Array.isArray(value) ? value[0] : value;
}
//# sourceMappingURL=graphRouter.js.map