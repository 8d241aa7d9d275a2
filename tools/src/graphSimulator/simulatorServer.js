"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.startGraphSimulator = startGraphSimulator;
const node_http_1 = require("node:http");
const adminRouter_1 = require("./adminRouter");
const authentication_1 = require("./authentication");
const graphRouter_1 = require("./graphRouter");
const graphSimulator_1 = require("./graphSimulator");
const httpIo_1 = require("./httpIo");
/** Starts the Graph simulator over HTTP: Graph under `/v1.0`, the admin API under `/_sim`. */
async function startGraphSimulator(options = {}) {
    const sim = options.sim ?? new graphSimulator_1.GraphSimulator(options.knobs);
    if (options.sim && options.knobs)
        sim.setKnobs(options.knobs);
    if (options.maxPageSize !== undefined)
        sim.setKnobs({ maxPageSize: options.maxPageSize });
    const graph = { sim, authenticate: options.authenticate ?? authentication_1.simTokenAuthenticator };
    const server = (0, node_http_1.createServer)((req, res) => {
        handle(req, res).catch((error) => {
            if (!res.headersSent)
                (0, httpIo_1.sendJson)(res, 500, { error: { code: 'internal', message: String(error) } });
            else
                res.destroy();
        });
    });
    const handle = async (req, res) => {
        const path = (req.url ?? '/').split('?')[0] ?? '/';
        if (path === '/v1.0' || path.startsWith('/v1.0/'))
            return (0, graphRouter_1.serveGraphRequest)(graph, req, res);
        if (path === '/_sim' || path.startsWith('/_sim/'))
            return (0, adminRouter_1.serveAdminRequest)(sim, req, res);
        (0, httpIo_1.sendJson)(res, 404, { error: { code: 'notFound', message: 'Graph is under /v1.0, the simulator admin API under /_sim' } });
    };
    const host = options.host ?? '127.0.0.1';
    await listen(server, options.port ?? 0, host);
    const { port } = server.address();
    return { baseUrl: `http://${urlHost(host)}:${port}/v1.0`, port, sim, stop: () => close(server) };
}
function listen(server, port, host) {
    return new Promise((resolve, reject) => {
        server.once('error', reject);
        server.listen(port, host, () => {
            server.off('error', reject);
            resolve();
        });
    });
}
function close(server) {
    return new Promise((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
    });
}
function urlHost(host) {
    if (host === '0.0.0.0' || host === '::')
        return '127.0.0.1';
    return host.includes(':') ? `[${host}]` : host;
}
//# sourceMappingURL=simulatorServer.js.map