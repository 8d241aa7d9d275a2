"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.invokeFunction = invokeFunction;
const node_crypto_1 = require("node:crypto");
const coreApi_1 = require("./coreApi");
const hostLog_1 = require("./hostLog");
/**
 * Runs one invocation the way the Azure Node.js worker does (its `InvocationHandler`): the registered
 * programming model (`@azure/functions`) converts the trigger data into `HttpRequest`/`InvocationContext`,
 * calls the handler between the pre- and post-invocation hooks, and converts the result back.
 * Rejects with the handler's error; the caller decides what a failure means for its trigger.
 */
async function invokeFunction(fn, input, logger, reason) {
    const model = coreApi_1.coreState.programmingModel;
    if (!model)
        throw new Error('No programming model registered: is @azure/functions v4 loaded?');
    const invocationId = (0, node_crypto_1.randomUUID)();
    const functionName = fn.metadata.name;
    const started = Date.now();
    logger({ level: 'debug', category: 'system', functionName, invocationId, message: `Executing (Reason='${reason}')` });
    let invocationContext;
    const coreCtx = {
        invocationId,
        request: { invocationId, functionId: functionName, ...input },
        metadata: { name: functionName, bindings: fn.metadata.bindings },
        log: (level, category, message) => emitLog(logger, { level, category, message, functionName, invocationId }, invocationContext),
    };
    try {
        const invocation = await model.getInvocationModel(coreCtx);
        const response = await runWithHooks(coreCtx, invocation, fn.callback, (context) => { invocationContext = context; });
        logger({ level: 'information', category: 'system', functionName, invocationId, message: `Executed (Succeeded, Duration=${Date.now() - started}ms)` });
        return response;
    }
    catch (error) {
        logger({ level: 'error', category: 'system', functionName, invocationId, message: `Executed (Failed, Duration=${Date.now() - started}ms): ${(0, hostLog_1.describeError)(error)}` });
        throw error;
    }
}
/** The worker's sequence: arguments, pre-invocation hooks, the handler, post-invocation hooks, response. */
async function runWithHooks(coreCtx, invocation, callback, onContext) {
    const { context, inputs } = await invocation.getArguments();
    onContext(context);
    const base = { hookData: {}, appHookData: coreApi_1.coreState.appHookData, invocationContext: context };
    const pre = { ...base, inputs, functionCallback: callback };
    await inState(coreCtx, 'preInvocationHooks', () => (0, coreApi_1.executeHooks)('preInvocation', pre));
    const post = { ...base, inputs: pre.inputs, result: null, error: null };
    await inState(coreCtx, 'invocation', async () => {
        try {
            post.result = await invocation.invokeFunction(context, pre.inputs, pre.functionCallback);
        }
        catch (error) {
            post.error = error;
        }
    });
    await inState(coreCtx, 'postInvocationHooks', () => (0, coreApi_1.executeHooks)('postInvocation', post));
    // Rethrown as it was thrown (a handler may throw anything), as the Functions worker does.
    // eslint-disable-next-line @typescript-eslint/only-throw-error
    if (post.error !== null && post.error !== undefined)
        throw post.error;
    return invocation.getResponse(context, post.result);
}
/** `InvocationModel` reads `state` to warn about logs after the handler finished (unawaited work). */
async function inState(coreCtx, state, step) {
    coreCtx.state = state;
    try {
        await step();
    }
    finally {
        coreCtx.state = undefined;
    }
}
/** User logs pass through `app.hook.log` handlers, which may change their level and message. */
function emitLog(logger, entry, invocationContext) {
    const hooks = coreApi_1.coreState.hooks.get('log') ?? [];
    if (entry.category === 'user' && hooks.length > 0) {
        const hookContext = { hookData: {}, appHookData: coreApi_1.coreState.appHookData, invocationContext, ...entry };
        for (const hook of hooks)
            void hook(hookContext);
        logger({ ...entry, level: hookContext.level, message: hookContext.message });
        return;
    }
    logger(entry);
}
//# sourceMappingURL=invokeFunction.js.map