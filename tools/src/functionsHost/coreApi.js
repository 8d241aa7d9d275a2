"use strict";
var __importDefault = (this && this.__importDefault) || function (mod) {
    return (mod && mod.__esModule) ? mod : { "default": mod };
};
Object.defineProperty(exports, "__esModule", { value: true });
exports.coreApi = exports.coreState = void 0;
exports.installCoreApi = installCoreApi;
exports.executeHooks = executeHooks;
const node_module_1 = __importDefault(require("node:module"));
/** `Disposable` as the worker ships it: the library returns these from registrations. */
class Disposable {
    static from(...items) {
        return new Disposable(() => items.forEach((item) => item.dispose()));
    }
    #callOnDispose;
    constructor(callOnDispose) { this.#callOnDispose = callOnDispose; }
    dispose() { this.#callOnDispose?.(); this.#callOnDispose = undefined; }
}
/**
 * What `@azure/functions` saw of "the worker". One per module registry (process, or jest test file),
 * because the library caches the core module and calls `setProgrammingModel` only once.
 */
exports.coreState = {
    programmingModel: undefined,
    functions: [],
    hooks: new Map(),
    /** Shared by all hooks across invocations (`appHookData` in the hook contexts). */
    appHookData: {},
};
/**
 * The `@azure/functions-core` module. `log` is deliberately absent: the library then refuses
 * `app.setup({ enableHttpStream: true })` at import time, which this host cannot serve.
 */
exports.coreApi = {
    version: '4.0.0-local',
    hostVersion: '4.0.0-local',
    Disposable,
    registerFunction(metadata, callback) {
        const captured = { metadata, callback };
        exports.coreState.functions.push(captured);
        return new Disposable(() => { exports.coreState.functions = exports.coreState.functions.filter((f) => f !== captured); });
    },
    setProgrammingModel(model) { exports.coreState.programmingModel = model; },
    getProgrammingModel() { return exports.coreState.programmingModel; },
    registerHook(hookName, callback) {
        const list = exports.coreState.hooks.get(hookName) ?? [];
        exports.coreState.hooks.set(hookName, [...list, callback]);
        return new Disposable(() => {
            exports.coreState.hooks.set(hookName, (exports.coreState.hooks.get(hookName) ?? []).filter((c) => c !== callback));
        });
    },
};
const CORE_MODULE = '@azure/functions-core';
const installedFlag = Symbol.for('contact-sync.functionsHost.coreApiInstalled');
/**
 * Makes `require('@azure/functions-core')` return {@link coreApi}, as the Azure worker does.
 * Under jest, modules are loaded by jest's own registry, which never calls `Module.prototype.require`,
 * so the module is registered there as a virtual mock instead (`jest.doMock` is not hoisted and
 * applies to every later require in the calling test file's registry).
 */
function installCoreApi() {
    if (typeof jest !== 'undefined' && typeof jest.doMock === 'function') {
        jest.doMock(CORE_MODULE, () => exports.coreApi, { virtual: true });
        return;
    }
    const proto = node_module_1.default.prototype;
    if (proto[installedFlag])
        return;
    proto.require = new Proxy(proto.require, {
        apply(target, thisArg, args) {
            return args[0] === CORE_MODULE ? exports.coreApi : Reflect.apply(target, thisArg, args);
        },
    });
    proto[installedFlag] = true;
}
/** Runs the hooks of one kind in registration order; a throwing hook fails the step, as on Azure. */
async function executeHooks(hookName, context) {
    for (const hook of exports.coreState.hooks.get(hookName) ?? [])
        await hook(context);
}
//# sourceMappingURL=coreApi.js.map