"use strict";
var __importDefault = (this && this.__importDefault) || function (mod) {
    return (mod && mod.__esModule) ? mod : { "default": mod };
};
Object.defineProperty(exports, "__esModule", { value: true });
exports.FUNCTIONS_DIR = void 0;
exports.startLocalStack = startLocalStack;
const node_crypto_1 = require("node:crypto");
const node_fs_1 = require("node:fs");
const node_path_1 = __importDefault(require("node:path"));
const azuriteProcess_1 = require("./azurite/azuriteProcess");
const entraSimulator_1 = require("./entraSimulator");
const functionsHost_1 = require("./functionsHost");
const graphSimulator_1 = require("./graphSimulator");
/** Where the app's functions live: the host imports every module there (one function per file). */
exports.FUNCTIONS_DIR = node_path_1.default.resolve(__dirname, '../../api/src/functions');
/**
 * Starts Azurite, the local Entra authority, the Graph simulator (accepting only that authority's Graph
 * tokens with Contacts.Read) and the app's functions in the local Functions host, all on loopback.
 */
async function startLocalStack(options = {}) {
    const clientId = (0, node_crypto_1.randomUUID)();
    const clientSecret = (0, node_crypto_1.randomBytes)(16).toString('hex');
    const [azurite, entra] = await Promise.all([
        (0, azuriteProcess_1.startAzurite)(),
        (0, entraSimulator_1.startEntraSimulator)({ clientId, clientSecret, accessTokenLifetimeSec: options.accessTokenLifetimeSec, consentPropagationMs: options.consentPropagationMs }),
    ]);
    const graph = await (0, graphSimulator_1.startGraphSimulator)({ authenticate: (0, entraSimulator_1.createGraphTokenAuthenticator)(entra.url) });
    const settings = {
        AzureWebJobsStorage: azurite.connectionString, TABLE_PREFIX: `app${(0, node_crypto_1.randomBytes)(4).toString('hex')}`,
        GRAPH_BASE_URL: graph.baseUrl, ENTRA_NETWORK_URL: entra.url, M365_CLIENT_ID: clientId, M365_CLIENT_SECRET: clientSecret,
        TOKEN_CACHE_KEY: (0, node_crypto_1.randomBytes)(32).toString('base64'), SYNC_QUEUE_NAME: 'sync-jobs',
    };
    try {
        const host = await (0, functionsHost_1.startFunctionsHost)({
            modules: (0, node_fs_1.readdirSync)(exports.FUNCTIONS_DIR).filter((file) => /^[^.]+\.ts$/.test(file)).map((file) => node_path_1.default.join(exports.FUNCTIONS_DIR, file)),
            env: settings, port: options.apiPort, queuePollMs: options.queuePollMs ?? 50, enableTimers: false, logger: options.logger,
        });
        return {
            clientId, azurite, entra, graph, host, settings,
            stop: async () => {
                await host.stop();
                await Promise.all([graph.stop(), entra.stop(), azurite.stop()]);
            },
        };
    }
    catch (error) {
        await Promise.all([graph.stop(), entra.stop(), azurite.stop()]);
        throw error;
    }
}
//# sourceMappingURL=localStack.js.map