"use strict";
var __importDefault = (this && this.__importDefault) || function (mod) {
    return (mod && mod.__esModule) ? mod : { "default": mod };
};
Object.defineProperty(exports, "__esModule", { value: true });
exports.loadFunctionModules = loadFunctionModules;
exports.triggerOf = triggerOf;
exports.describeFunction = describeFunction;
const node_path_1 = __importDefault(require("node:path"));
const coreApi_1 = require("./coreApi");
// Modules run once per module registry; a later host in the same process reuses their registrations.
const functionsByModule = new Map();
/**
 * Imports function modules (each calls `app.http(...)` etc. at import) and returns what they registered.
 * The core module is provided first, so `@azure/functions` registers with this host, not its test mode.
 */
function loadFunctionModules(modulePaths, logger) {
    (0, coreApi_1.installCoreApi)();
    const loaded = modulePaths.flatMap((modulePath) => {
        const absolute = node_path_1.default.resolve(modulePath);
        const registered = loadModule(absolute);
        if (registered.length === 0)
            logger({ level: 'warning', category: 'system', message: noFunctionMessage(absolute) });
        return registered.map((fn) => ({ ...fn, modulePath: absolute }));
    });
    if (loaded.length === 0)
        throw new Error(`No function registered by ${modulePaths.join(', ')}`);
    const names = loaded.map((fn) => fn.metadata.name.toLowerCase());
    const duplicate = names.find((name, index) => names.indexOf(name) !== index);
    if (duplicate)
        throw new Error(`Two functions are named '${duplicate}'; function names must be unique in an app`);
    return loaded;
}
function loadModule(modulePath) {
    const known = functionsByModule.get(modulePath);
    if (known)
        return known;
    const before = new Set(coreApi_1.coreState.functions);
    try {
        // require (not import()) so that both tsx and jest load `.ts` modules through their CommonJS hooks.
        // eslint-disable-next-line @typescript-eslint/no-require-imports
        require(modulePath);
    }
    catch (error) {
        throw new Error(`Loading function module ${modulePath} failed: ${error.message}`, { cause: error });
    }
    const registered = coreApi_1.coreState.functions.filter((fn) => !before.has(fn));
    functionsByModule.set(modulePath, registered);
    return registered;
}
function noFunctionMessage(modulePath) {
    return `${modulePath} registered no function. A function module calls app.http/app.storageQueue/app.timer `
        + 'when imported; if something imported it before the functions host, @azure/functions was in test mode then.';
}
/** The trigger binding of a function and its name (the library names it e.g. `httpTrigger1a2b`). */
function triggerOf(fn) {
    const entry = Object.entries(fn.metadata.bindings).find(([, b]) => b.direction === 'in' && /trigger$/i.test(b.type ?? ''));
    if (!entry)
        throw new Error(`Function '${fn.metadata.name}' has no trigger binding`);
    return { ...entry[1], name: entry[0], type: entry[1].type ?? '' };
}
/** Describes a function for listings. */
function describeFunction(fn) {
    const trigger = triggerOf(fn);
    const info = { name: fn.metadata.name, triggerType: trigger.type, modulePath: fn.modulePath };
    if (/^httpTrigger$/i.test(trigger.type)) {
        info.route = typeof trigger.route === 'string' && trigger.route ? trigger.route : fn.metadata.name;
        info.methods = Array.isArray(trigger.methods) ? trigger.methods.map((m) => String(m).toUpperCase()) : undefined;
    }
    if (typeof trigger.queueName === 'string')
        info.queueName = trigger.queueName;
    if (typeof trigger.schedule === 'string')
        info.schedule = trigger.schedule;
    return info;
}
//# sourceMappingURL=loadFunctionModules.js.map