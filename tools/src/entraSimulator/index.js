"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.GRAPH_RESOURCE = exports.CONTACTS_READ = exports.createGraphTokenAuthenticator = exports.createSigningKey = exports.EntraSimulator = void 0;
exports.startEntraSimulator = startEntraSimulator;
const entraSimulator_1 = require("./entraSimulator");
const httpServer_1 = require("./httpServer");
var entraSimulator_2 = require("./entraSimulator");
Object.defineProperty(exports, "EntraSimulator", { enumerable: true, get: function () { return entraSimulator_2.EntraSimulator; } });
var signingKeys_1 = require("./signingKeys");
Object.defineProperty(exports, "createSigningKey", { enumerable: true, get: function () { return signingKeys_1.createSigningKey; } });
var graphTokenAuthenticator_1 = require("./graphTokenAuthenticator");
Object.defineProperty(exports, "createGraphTokenAuthenticator", { enumerable: true, get: function () { return graphTokenAuthenticator_1.createGraphTokenAuthenticator; } });
Object.defineProperty(exports, "CONTACTS_READ", { enumerable: true, get: function () { return graphTokenAuthenticator_1.CONTACTS_READ; } });
var graphTokenIssuer_1 = require("./graphTokenIssuer");
Object.defineProperty(exports, "GRAPH_RESOURCE", { enumerable: true, get: function () { return graphTokenIssuer_1.GRAPH_RESOURCE; } });
/**
 * Starts a local Entra ID authority over real HTTP: per-tenant OpenID discovery, JWKS and a token
 * endpoint for the on-behalf-of and refresh-token grants, with per-user consent.
 */
async function startEntraSimulator(options) {
    const sim = await entraSimulator_1.EntraSimulator.create(options);
    const { server, url } = await (0, httpServer_1.listen)(sim, options.port ?? 0);
    return { url, sim, stop: () => close(server) };
}
function close(server) {
    return new Promise((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        // Keep-alive sockets of msal/jose clients would otherwise hold close() open.
        server.closeAllConnections();
    });
}
//# sourceMappingURL=index.js.map