"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.DEFAULT_FOLDER_PAGE_SIZE = exports.DEFAULT_DELTA_PAGE_SIZE = exports.FaultScript = exports.DEFAULT_KNOBS = exports.simTokenAuthenticator = exports.simToken = exports.applyChanges = exports.seedMailbox = exports.Mailbox = exports.GraphSimulator = exports.startGraphSimulator = void 0;
/** A local Microsoft Graph stand-in for the contact sync: folders, per-folder contact delta, faults. */
var simulatorServer_1 = require("./simulatorServer");
Object.defineProperty(exports, "startGraphSimulator", { enumerable: true, get: function () { return simulatorServer_1.startGraphSimulator; } });
var graphSimulator_1 = require("./graphSimulator");
Object.defineProperty(exports, "GraphSimulator", { enumerable: true, get: function () { return graphSimulator_1.GraphSimulator; } });
var mailbox_1 = require("./mailbox");
Object.defineProperty(exports, "Mailbox", { enumerable: true, get: function () { return mailbox_1.Mailbox; } });
var mailboxGenerator_1 = require("./mailboxGenerator");
Object.defineProperty(exports, "seedMailbox", { enumerable: true, get: function () { return mailboxGenerator_1.seedMailbox; } });
var mailboxChanges_1 = require("./mailboxChanges");
Object.defineProperty(exports, "applyChanges", { enumerable: true, get: function () { return mailboxChanges_1.applyChanges; } });
var authentication_1 = require("./authentication");
Object.defineProperty(exports, "simToken", { enumerable: true, get: function () { return authentication_1.simToken; } });
Object.defineProperty(exports, "simTokenAuthenticator", { enumerable: true, get: function () { return authentication_1.simTokenAuthenticator; } });
var simulatorKnobs_1 = require("./simulatorKnobs");
Object.defineProperty(exports, "DEFAULT_KNOBS", { enumerable: true, get: function () { return simulatorKnobs_1.DEFAULT_KNOBS; } });
var faultScript_1 = require("./faultScript");
Object.defineProperty(exports, "FaultScript", { enumerable: true, get: function () { return faultScript_1.FaultScript; } });
var deltaEndpoint_1 = require("./deltaEndpoint");
Object.defineProperty(exports, "DEFAULT_DELTA_PAGE_SIZE", { enumerable: true, get: function () { return deltaEndpoint_1.DEFAULT_DELTA_PAGE_SIZE; } });
var folderEndpoints_1 = require("./folderEndpoints");
Object.defineProperty(exports, "DEFAULT_FOLDER_PAGE_SIZE", { enumerable: true, get: function () { return folderEndpoints_1.DEFAULT_FOLDER_PAGE_SIZE; } });
//# sourceMappingURL=index.js.map