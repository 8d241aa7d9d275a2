"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.startFunctionsHost = startFunctionsHost;
const appSettings_1 = require("./appSettings");
const coreApi_1 = require("./coreApi");
const hostLog_1 = require("./hostLog");
const httpMessages_1 = require("./httpMessages");
const httpServer_1 = require("./httpServer");
const invocationTracker_1 = require("./invocationTracker");
const invokeFunction_1 = require("./invokeFunction");
const loadFunctionModules_1 = require("./loadFunctionModules");
const queueClients_1 = require("./queueClients");
const queueListener_1 = require("./queueListener");
const queueOutputs_1 = require("./queueOutputs");
const timerTrigger_1 = require("./timerTrigger");
const SUPPORTED_TRIGGERS = ['httptrigger', 'queuetrigger', 'timertrigger'];
const SUPPORTED_OUTPUTS = ['http', 'queue'];
/**
 * Starts a local Functions host for the v4 Node.js programming model: imports the function modules,
 * serves HTTP triggers, polls queue triggers and runs timer triggers, for development and tests.
 * Production runs on Azure Functions; this host only mirrors its behaviour for the bindings used.
 */
async function startFunctionsHost(options) {
    const restoreEnv = (0, appSettings_1.applyAppSettings)(options.env);
    const logger = options.logger ?? hostLog_1.consoleLogger;
    try {
        const functions = (0, loadFunctionModules_1.loadFunctionModules)(options.modules, logger);
        functions.forEach((fn) => warnAboutUnsupported(fn, logger));
        const ofType = (type) => functions.filter((fn) => (0, loadFunctionModules_1.triggerOf)(fn).type.toLowerCase() === type);
        const tracker = new invocationTracker_1.InvocationTracker();
        const clients = new queueClients_1.QueueClients();
        const invoke = createInvoker(tracker, clients, logger);
        const settings = { ...queueListener_1.DEFAULT_QUEUE_SETTINGS, ...options.queues, maxPollingIntervalMs: options.queuePollMs ?? queueListener_1.DEFAULT_QUEUE_SETTINGS.maxPollingIntervalMs };
        const listeners = await Promise.all(ofType('queuetrigger').map((fn) => createQueueListener(fn, clients, settings, invoke, logger)));
        const timers = ofType('timertrigger').map((fn) => new timerTrigger_1.TimerTrigger(fn, invoke, logger));
        await (0, coreApi_1.executeHooks)('appStart', { hookData: {}, appHookData: coreApi_1.coreState.appHookData, functionAppDirectory: process.cwd() });
        const server = await (0, httpServer_1.startHttpServer)({
            functions: ofType('httptrigger'), port: options.port ?? 0, routePrefix: options.routePrefix ?? 'api',
            maxBodyBytes: options.maxRequestBodyBytes ?? httpMessages_1.DEFAULT_MAX_BODY_BYTES, invoke, logger, tracker,
        });
        listeners.forEach((listener) => listener.start());
        if (options.enableTimers ?? true)
            timers.forEach((timer) => timer.start());
        let stopping;
        return {
            url: server.url,
            functions: functions.map(loadFunctionModules_1.describeFunction),
            fireTimer: (name) => fireTimer(timers, name),
            drainQueues: (timeoutMs) => drainQueues(listeners, tracker, timeoutMs ?? 30000),
            stop: () => (stopping ??= stopHost(timers, listeners, server, restoreEnv)),
        };
    }
    catch (error) {
        restoreEnv();
        throw error;
    }
}
/** Every trigger's invocation: counted, then its queue outputs sent; an output failure fails the invocation. */
function createInvoker(tracker, clients, logger) {
    return (fn, input, reason) => tracker.track(async () => {
        const response = await (0, invokeFunction_1.invokeFunction)(fn, input, logger, reason);
        await (0, queueOutputs_1.sendQueueOutputs)(fn, response, clients).catch((error) => {
            logger({ level: 'error', category: 'system', functionName: fn.metadata.name, message: `Output bindings failed: ${(0, hostLog_1.describeError)(error)}` });
            throw error;
        });
        return response;
    });
}
/** A listener on the function's queue; the queue and its `-poison` twin are created if missing. */
async function createQueueListener(fn, clients, settings, invoke, logger) {
    const { connection, queueName } = (0, loadFunctionModules_1.triggerOf)(fn);
    const queue = await clients.get(connection, String(queueName));
    const poison = await clients.get(connection, `${queue.name}-poison`);
    return new queueListener_1.QueueListener(fn, queue, poison, settings, invoke, logger);
}
/** Stops triggers first, so that the running invocations are the last ones, then the server. */
async function stopHost(timers, listeners, server, restoreEnv) {
    timers.forEach((timer) => timer.stop());
    await Promise.all(listeners.map((listener) => listener.stop()));
    await server.close();
    await (0, coreApi_1.executeHooks)('appTerminate', { hookData: {}, appHookData: coreApi_1.coreState.appHookData });
    restoreEnv();
}
async function fireTimer(timers, name) {
    const timer = timers.find((t) => t.fn.metadata.name.toLowerCase() === name.toLowerCase());
    if (!timer)
        throw new Error(`No timer function named '${name}'`);
    await timer.fire();
}
/** Waits until the trigger queues are empty and nothing runs, with no invocation started while looking. */
async function drainQueues(listeners, tracker, timeoutMs) {
    const deadline = Date.now() + timeoutMs;
    let counts = [];
    for (;;) {
        listeners.forEach((listener) => listener.wake());
        const started = tracker.started;
        const idle = () => tracker.running === 0 && listeners.every((l) => !l.busy);
        if (idle()) {
            counts = await Promise.all(listeners.map((listener) => listener.pendingCount()));
            if (counts.every((count) => count === 0) && idle() && tracker.started === started)
                return;
        }
        if (Date.now() > deadline) {
            const queues = listeners.map((l, i) => `${l.fn.metadata.name}: ${counts[i] ?? '?'} messages`).join(', ');
            throw new Error(`Queues not drained after ${timeoutMs} ms (${tracker.running} invocations running; ${queues})`);
        }
        await new Promise((resolve) => setTimeout(resolve, 20));
    }
}
function warnAboutUnsupported(fn, logger) {
    const warn = (message) => logger({ level: 'warning', category: 'system', functionName: fn.metadata.name, message });
    for (const [name, binding] of Object.entries(fn.metadata.bindings)) {
        const type = (binding.type ?? '').toLowerCase();
        if (binding.direction === 'in' && /trigger$/.test(type) && !SUPPORTED_TRIGGERS.includes(type)) {
            warn(`Trigger '${binding.type}' is not supported by the local host; the function will not run`);
        }
        else if (binding.direction === 'in' && !/trigger$/.test(type)) {
            warn(`Input binding '${name}' (${binding.type}) is not supported by the local host; it will be undefined`);
        }
        else if (binding.direction === 'out' && !SUPPORTED_OUTPUTS.includes(type)) {
            warn(`Output binding '${name}' (${binding.type}) is not supported by the local host; its value is dropped`);
        }
    }
}
//# sourceMappingURL=functionsHost.js.map