"use strict";
var __importDefault = (this && this.__importDefault) || function (mod) {
    return (mod && mod.__esModule) ? mod : { "default": mod };
};
Object.defineProperty(exports, "__esModule", { value: true });
exports.DEV_KEY = exports.DEV_ACCOUNT = void 0;
exports.connectionStringFor = connectionStringFor;
exports.startAzurite = startAzurite;
const node_child_process_1 = require("node:child_process");
const node_net_1 = require("node:net");
const node_path_1 = __importDefault(require("node:path"));
/** Azurite's published development account (not a secret: it is in Microsoft's docs). */
exports.DEV_ACCOUNT = 'devstoreaccount1';
exports.DEV_KEY = 'Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==';
function connectionStringFor(tablePort, queuePort, blobPort) {
    return [
        'DefaultEndpointsProtocol=http',
        `AccountName=${exports.DEV_ACCOUNT}`,
        `AccountKey=${exports.DEV_KEY}`,
        `BlobEndpoint=http://127.0.0.1:${blobPort}/${exports.DEV_ACCOUNT}`,
        `QueueEndpoint=http://127.0.0.1:${queuePort}/${exports.DEV_ACCOUNT}`,
        `TableEndpoint=http://127.0.0.1:${tablePort}/${exports.DEV_ACCOUNT}`,
    ].join(';') + ';';
}
/** Starts Azurite from npm, in memory, on loopback; resolves once its ports accept connections. */
async function startAzurite(options = {}) {
    const [tablePort, queuePort, blobPort] = await Promise.all([
        options.tablePort ?? freePort(),
        options.queuePort ?? freePort(),
        options.blobPort ?? freePort(),
    ]);
    const bin = node_path_1.default.join(node_path_1.default.dirname(require.resolve('azurite/package.json')), 'dist/src/azurite.js');
    const child = (0, node_child_process_1.spawn)(process.execPath, [
        bin, '--silent', '--inMemoryPersistence', '--loose', '--skipApiVersionCheck', '--disableTelemetry',
        '--blobHost', '127.0.0.1', '--queueHost', '127.0.0.1', '--tableHost', '127.0.0.1',
        '--blobPort', String(blobPort), '--queuePort', String(queuePort), '--tablePort', String(tablePort),
    ], { stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr?.on('data', (chunk) => { stderr += chunk.toString(); });
    try {
        await Promise.all([tablePort, queuePort].map((port) => waitForPort(port, child, options.startTimeoutMs ?? 20000)));
    }
    catch (error) {
        child.kill('SIGKILL');
        throw new Error(`Azurite did not start: ${error.message}\n${stderr}`);
    }
    return {
        connectionString: connectionStringFor(tablePort, queuePort, blobPort),
        tablePort,
        queuePort,
        stop: () => stopChild(child),
    };
}
async function freePort() {
    return new Promise((resolve, reject) => {
        const server = (0, node_net_1.createServer)();
        server.once('error', reject);
        server.listen(0, '127.0.0.1', () => {
            const address = server.address();
            server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
        });
    });
}
async function waitForPort(port, child, timeoutMs) {
    const deadline = Date.now() + timeoutMs;
    while (Date.now() < deadline) {
        if (child.exitCode !== null)
            throw new Error(`exited with code ${child.exitCode}`);
        if (await canConnect(port))
            return;
        await new Promise((r) => setTimeout(r, 50));
    }
    throw new Error(`port ${port} not ready after ${timeoutMs} ms`);
}
function canConnect(port) {
    return new Promise((resolve) => {
        const socket = (0, node_net_1.connect)(port, '127.0.0.1');
        socket.once('connect', () => { socket.destroy(); resolve(true); });
        socket.once('error', () => resolve(false));
    });
}
function stopChild(child) {
    if (child.exitCode !== null)
        return Promise.resolve();
    return new Promise((resolve) => {
        const timer = setTimeout(() => child.kill('SIGKILL'), 3000);
        child.once('exit', () => { clearTimeout(timer); resolve(); });
        child.kill('SIGTERM');
    });
}
//# sourceMappingURL=azuriteProcess.js.map