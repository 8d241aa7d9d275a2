"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.consoleLogger = exports.startFunctionsHost = void 0;
/**
 * A small local Azure Functions host (v4 Node.js programming model) for `npm start` and integration
 * tests: it runs the real function modules of `api/src/functions` with HTTP, Storage Queue and Timer
 * triggers and Storage Queue outputs. Never bundled into the app; production runs on Azure Functions.
 */
var functionsHost_1 = require("./functionsHost");
Object.defineProperty(exports, "startFunctionsHost", { enumerable: true, get: function () { return functionsHost_1.startFunctionsHost; } });
var hostLog_1 = require("./hostLog");
Object.defineProperty(exports, "consoleLogger", { enumerable: true, get: function () { return hostLog_1.consoleLogger; } });
//# sourceMappingURL=index.js.map