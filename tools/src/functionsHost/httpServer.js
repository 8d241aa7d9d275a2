"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.startHttpServer = startHttpServer;
const node_http_1 = require("node:http");
const hostLog_1 = require("./hostLog");
const httpMessages_1 = require("./httpMessages");
const httpRoutes_1 = require("./httpRoutes");
const loadFunctionModules_1 = require("./loadFunctionModules");
/** Serves the HTTP-triggered functions on loopback. */
async function startHttpServer(options) {
    const byName = new Map(options.functions.map((fn) => [fn.metadata.name.toLowerCase(), fn]));
    const routes = new httpRoutes_1.HttpRouteTable(options.functions.map((fn) => {
        const info = (0, loadFunctionModules_1.describeFunction)(fn);
        return { functionName: fn.metadata.name, template: info.route ?? fn.metadata.name, methods: info.methods };
    }));
    const prefix = options.routePrefix.replace(/^\/+|\/+$/g, '');
    const server = (0, node_http_1.createServer)((req, res) => {
        handleRequest(req, res).catch((error) => {
            options.logger({ level: 'error', category: 'system', message: `HTTP request failed: ${(0, hostLog_1.describeError)(error)}` });
            if (!res.headersSent)
                res.writeHead(500).end();
        });
    });
    async function handleRequest(req, res) {
        const url = new URL(req.url ?? '/', `http://${req.headers.host ?? '127.0.0.1'}`);
        const path = stripPrefix(url.pathname, prefix);
        const lookup = path === undefined ? { kind: 'notFound' } : routes.find(req.method ?? 'GET', path);
        if (lookup.kind === 'notFound')
            return void res.writeHead(404).end();
        if (lookup.kind === 'methodNotAllowed')
            return void res.writeHead(405, { allow: lookup.allow.join(', ') }).end();
        const body = await (0, httpMessages_1.readBody)(req, options.maxBodyBytes);
        if (!body)
            return void res.writeHead(413, { connection: 'close' }).end();
        const fn = byName.get(lookup.functionName.toLowerCase());
        if (!fn)
            return void res.writeHead(404).end();
        const input = (0, httpMessages_1.httpInvocationInput)((0, loadFunctionModules_1.triggerOf)(fn).name, req, url, lookup.params, body);
        try {
            const response = await options.invoke(fn, input, `HTTP ${req.method ?? 'GET'} ${url.pathname}`);
            (0, httpMessages_1.writeHttpResponse)(res, (0, httpMessages_1.outputOf)(response, httpOutputName(fn))?.http);
        }
        catch {
            // The invocation logged the error; like Azure, the caller learns nothing about it.
            if (!res.headersSent)
                res.writeHead(500, { 'content-length': '0' }).end();
        }
    }
    await listen(server, options.port);
    const { port } = server.address();
    return { url: `http://127.0.0.1:${port}`, close: () => closeServer(server, options.tracker) };
}
/** The path below `/{prefix}`, or undefined when the request is outside it. */
function stripPrefix(pathname, prefix) {
    if (!prefix)
        return pathname;
    const lower = pathname.toLowerCase();
    const head = `/${prefix.toLowerCase()}`;
    if (lower === head)
        return '/';
    return lower.startsWith(`${head}/`) ? pathname.slice(head.length) : undefined;
}
function httpOutputName(fn) {
    const entry = Object.entries(fn.metadata.bindings).find(([, b]) => b.direction === 'out' && b.type?.toLowerCase() === 'http');
    return entry?.[0] ?? '$return';
}
function listen(server, port) {
    return new Promise((resolve, reject) => {
        server.once('error', reject);
        server.listen(port, '127.0.0.1', () => { server.off('error', reject); resolve(); });
    });
}
async function closeServer(server, tracker) {
    const closed = new Promise((resolve) => server.close(() => resolve()));
    server.closeIdleConnections();
    // Requests in flight finish first; then keep-alive connections, which would hold close() (and
    // jest's worker) open until they time out, are cut.
    await tracker.idle();
    server.closeAllConnections();
    await closed;
}
//# sourceMappingURL=httpServer.js.map