import { randomUUID } from 'node:crypto';
import { coreState, executeHooks, type CapturedFunction } from './coreApi';
import type {
  CoreInvocationContext, FunctionCallback, InvocationModel, RpcInvocationRequest, RpcInvocationResponse, RpcLogCategory, RpcLogLevel,
} from './coreApiTypes';
import { describeError, type HostLogger } from './hostLog';
import type { LoadedFunction } from './loadFunctionModules';

/** The trigger data of one invocation, as the Functions host would send it to the worker. */
export type InvocationInput = Pick<RpcInvocationRequest, 'inputData' | 'triggerMetadata'>;

/** Runs an invocation with everything around it (counting, output bindings); triggers call this. */
export type Invoker = (fn: LoadedFunction, input: InvocationInput, reason: string) => Promise<RpcInvocationResponse>;

/**
 * Runs one invocation the way the Azure Node.js worker does (its `InvocationHandler`): the registered
 * programming model (`@azure/functions`) converts the trigger data into `HttpRequest`/`InvocationContext`,
 * calls the handler between the pre- and post-invocation hooks, and converts the result back.
 * Rejects with the handler's error; the caller decides what a failure means for its trigger.
 */
export async function invokeFunction(
  fn: CapturedFunction, input: InvocationInput, logger: HostLogger, reason: string,
): Promise<RpcInvocationResponse> {
  const model = coreState.programmingModel;
  if (!model) throw new Error('No programming model registered: is @azure/functions v4 loaded?');
  const invocationId = randomUUID();
  const functionName = fn.metadata.name;
  const started = Date.now();
  logger({ level: 'debug', category: 'system', functionName, invocationId, message: `Executing (Reason='${reason}')` });
  let invocationContext: unknown;
  const coreCtx: CoreInvocationContext = {
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
  } catch (error) {
    logger({ level: 'error', category: 'system', functionName, invocationId, message: `Executed (Failed, Duration=${Date.now() - started}ms): ${describeError(error)}` });
    throw error;
  }
}

/** The worker's sequence: arguments, pre-invocation hooks, the handler, post-invocation hooks, response. */
async function runWithHooks(
  coreCtx: CoreInvocationContext, invocation: InvocationModel, callback: FunctionCallback, onContext: (context: unknown) => void,
): Promise<RpcInvocationResponse> {
  const { context, inputs } = await invocation.getArguments();
  onContext(context);
  const base = { hookData: {}, appHookData: coreState.appHookData, invocationContext: context };
  const pre = { ...base, inputs, functionCallback: callback };
  await inState(coreCtx, 'preInvocationHooks', () => executeHooks('preInvocation', pre));
  const post = { ...base, inputs: pre.inputs, result: null as unknown, error: null as unknown };
  await inState(coreCtx, 'invocation', async () => {
    try {
      post.result = await invocation.invokeFunction(context, pre.inputs, pre.functionCallback);
    } catch (error) {
      post.error = error;
    }
  });
  await inState(coreCtx, 'postInvocationHooks', () => executeHooks('postInvocation', post));
  // Rethrown as it was thrown (a handler may throw anything), as the Functions worker does.
  // eslint-disable-next-line @typescript-eslint/only-throw-error
  if (post.error !== null && post.error !== undefined) throw post.error;
  return invocation.getResponse(context, post.result);
}

/** `InvocationModel` reads `state` to warn about logs after the handler finished (unawaited work). */
async function inState(coreCtx: CoreInvocationContext, state: CoreInvocationContext['state'], step: () => Promise<void>): Promise<void> {
  coreCtx.state = state;
  try {
    await step();
  } finally {
    coreCtx.state = undefined;
  }
}

/** User logs pass through `app.hook.log` handlers, which may change their level and message. */
function emitLog(
  logger: HostLogger,
  entry: { level: RpcLogLevel; category: RpcLogCategory; message: string; functionName: string; invocationId: string },
  invocationContext: unknown,
): void {
  const hooks = coreState.hooks.get('log') ?? [];
  if (entry.category === 'user' && hooks.length > 0) {
    const hookContext = { hookData: {}, appHookData: coreState.appHookData, invocationContext, ...entry };
    for (const hook of hooks) void hook(hookContext);
    logger({ ...entry, level: hookContext.level, message: hookContext.message });
    return;
  }
  logger(entry);
}
