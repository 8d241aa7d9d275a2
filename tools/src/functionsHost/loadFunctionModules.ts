import path from 'node:path';
import { coreState, installCoreApi, type CapturedFunction } from './coreApi';
import type { RpcBindingInfo } from './coreApiTypes';
import type { HostLogger } from './hostLog';

/** A registered function with the module that registered it. */
export interface LoadedFunction extends CapturedFunction {
  modulePath: string;
}

/** What the host tells about a registered function (CLI listing, tests). */
export interface RegisteredFunctionInfo {
  name: string;
  /** The trigger binding type: `httpTrigger`, `queueTrigger`, `timerTrigger`, ... */
  triggerType: string;
  modulePath: string;
  /** HTTP: the route template (function name when unset) and the allowed methods. */
  route?: string;
  methods?: string[];
  /** Queue trigger: the queue it listens to. */
  queueName?: string;
  /** Timer trigger: the NCRONTAB schedule. */
  schedule?: string;
}

// Modules run once per module registry; a later host in the same process reuses their registrations.
const functionsByModule = new Map<string, CapturedFunction[]>();

/**
 * Imports function modules (each calls `app.http(...)` etc. at import) and returns what they registered.
 * The core module is provided first, so `@azure/functions` registers with this host, not its test mode.
 */
export function loadFunctionModules(modulePaths: string[], logger: HostLogger): LoadedFunction[] {
  installCoreApi();
  const loaded = modulePaths.flatMap((modulePath) => {
    const absolute = path.resolve(modulePath);
    const registered = loadModule(absolute);
    if (registered.length === 0) logger({ level: 'warning', category: 'system', message: noFunctionMessage(absolute) });
    return registered.map((fn) => ({ ...fn, modulePath: absolute }));
  });
  if (loaded.length === 0) throw new Error(`No function registered by ${modulePaths.join(', ')}`);
  const names = loaded.map((fn) => fn.metadata.name.toLowerCase());
  const duplicate = names.find((name, index) => names.indexOf(name) !== index);
  if (duplicate) throw new Error(`Two functions are named '${duplicate}'; function names must be unique in an app`);
  return loaded;
}

function loadModule(modulePath: string): CapturedFunction[] {
  const known = functionsByModule.get(modulePath);
  if (known) return known;
  const before = new Set(coreState.functions);
  try {
    // require (not import()) so that both tsx and jest load `.ts` modules through their CommonJS hooks.
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    require(modulePath);
  } catch (error) {
    throw new Error(`Loading function module ${modulePath} failed: ${(error as Error).message}`, { cause: error });
  }
  const registered = coreState.functions.filter((fn) => !before.has(fn));
  functionsByModule.set(modulePath, registered);
  return registered;
}

function noFunctionMessage(modulePath: string): string {
  return `${modulePath} registered no function. A function module calls app.http/app.storageQueue/app.timer `
    + 'when imported; if something imported it before the functions host, @azure/functions was in test mode then.';
}

/** The trigger binding of a function and its name (the library names it e.g. `httpTrigger1a2b`). */
export function triggerOf(fn: CapturedFunction): RpcBindingInfo & { name: string; type: string } {
  const entry = Object.entries(fn.metadata.bindings).find(([, b]) => b.direction === 'in' && /trigger$/i.test(b.type ?? ''));
  if (!entry) throw new Error(`Function '${fn.metadata.name}' has no trigger binding`);
  return { ...entry[1], name: entry[0], type: entry[1].type ?? '' };
}

/** Describes a function for listings. */
export function describeFunction(fn: LoadedFunction): RegisteredFunctionInfo {
  const trigger = triggerOf(fn);
  const info: RegisteredFunctionInfo = { name: fn.metadata.name, triggerType: trigger.type, modulePath: fn.modulePath };
  if (/^httpTrigger$/i.test(trigger.type)) {
    info.route = typeof trigger.route === 'string' && trigger.route ? trigger.route : fn.metadata.name;
    info.methods = Array.isArray(trigger.methods) ? trigger.methods.map((m) => String(m).toUpperCase()) : undefined;
  }
  if (typeof trigger.queueName === 'string') info.queueName = trigger.queueName;
  if (typeof trigger.schedule === 'string') info.schedule = trigger.schedule;
  return info;
}
