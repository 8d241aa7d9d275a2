import Module from 'node:module';
import type { FunctionCallback, FunctionMetadata, ProgrammingModel } from './coreApiTypes';

/** A `registerFunction(metadata, callback)` call made by `app.http(...)`, `app.storageQueue(...)`, ... */
export interface CapturedFunction {
  metadata: FunctionMetadata;
  callback: FunctionCallback;
}

/** A lifecycle hook registered through `app.hook.*` (`preInvocation`, `postInvocation`, `appStart`, ...). */
export type HookCallback = (context: Record<string, unknown>) => unknown;

/** `Disposable` as the worker ships it: the library returns these from registrations. */
class Disposable {
  static from(...items: { dispose: () => unknown }[]): Disposable {
    return new Disposable(() => items.forEach((item) => item.dispose()));
  }
  #callOnDispose?: () => unknown;
  constructor(callOnDispose: () => unknown) { this.#callOnDispose = callOnDispose; }
  dispose(): void { this.#callOnDispose?.(); this.#callOnDispose = undefined; }
}

/**
 * What `@azure/functions` saw of "the worker". One per module registry (process, or jest test file),
 * because the library caches the core module and calls `setProgrammingModel` only once.
 */
export const coreState = {
  programmingModel: undefined as ProgrammingModel | undefined,
  functions: [] as CapturedFunction[],
  hooks: new Map<string, HookCallback[]>(),
  /** Shared by all hooks across invocations (`appHookData` in the hook contexts). */
  appHookData: {} as Record<string, unknown>,
};

/**
 * The `@azure/functions-core` module. `log` is deliberately absent: the library then refuses
 * `app.setup({ enableHttpStream: true })` at import time, which this host cannot serve.
 */
export const coreApi = {
  version: '4.0.0-local',
  hostVersion: '4.0.0-local',
  Disposable,
  registerFunction(metadata: FunctionMetadata, callback: FunctionCallback): Disposable {
    const captured = { metadata, callback };
    coreState.functions.push(captured);
    return new Disposable(() => { coreState.functions = coreState.functions.filter((f) => f !== captured); });
  },
  setProgrammingModel(model: ProgrammingModel): void { coreState.programmingModel = model; },
  getProgrammingModel(): ProgrammingModel | undefined { return coreState.programmingModel; },
  registerHook(hookName: string, callback: HookCallback): Disposable {
    const list = coreState.hooks.get(hookName) ?? [];
    coreState.hooks.set(hookName, [...list, callback]);
    return new Disposable(() => {
      coreState.hooks.set(hookName, (coreState.hooks.get(hookName) ?? []).filter((c) => c !== callback));
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
export function installCoreApi(): void {
  if (typeof jest !== 'undefined' && typeof jest.doMock === 'function') {
    jest.doMock(CORE_MODULE, () => coreApi, { virtual: true });
    return;
  }
  const proto = Module.prototype as unknown as Record<symbol, boolean> & { require: NodeJS.Require };
  if (proto[installedFlag]) return;
  proto.require = new Proxy(proto.require, {
    apply(target, thisArg, args: unknown[]) {
      return args[0] === CORE_MODULE ? coreApi : (Reflect.apply(target, thisArg, args) as unknown);
    },
  });
  proto[installedFlag] = true;
}

/** Runs the hooks of one kind in registration order; a throwing hook fails the step, as on Azure. */
export async function executeHooks(hookName: string, context: Record<string, unknown>): Promise<void> {
  for (const hook of coreState.hooks.get(hookName) ?? []) await hook(context);
}
