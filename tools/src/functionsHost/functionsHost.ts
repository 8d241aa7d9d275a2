import { applyAppSettings } from './appSettings';
import { coreState, executeHooks } from './coreApi';
import { consoleLogger, type HostLogger } from './hostLog';
import { DEFAULT_MAX_BODY_BYTES } from './httpMessages';
import { startHttpServer, type RunningHttpServer } from './httpServer';
import { InvocationTracker } from './invocationTracker';
import { invokeFunction, type Invoker } from './invokeFunction';
import { describeFunction, loadFunctionModules, triggerOf, type LoadedFunction, type RegisteredFunctionInfo } from './loadFunctionModules';
import { QueueClients } from './queueClients';
import { DEFAULT_QUEUE_SETTINGS, QueueListener, type QueueListenerSettings } from './queueListener';
import { TimerTrigger } from './timerTrigger';

/** Options of {@link startFunctionsHost}. */
export interface FunctionsHostOptions {
  /** Absolute paths of the function modules (`api/src/functions/*.ts`) to import. */
  modules: string[];
  /** App settings, merged into `process.env` before the modules are imported and restored on stop. */
  env?: Record<string, string>;
  /** HTTP port on 127.0.0.1; 0 (default) picks a free one. */
  port?: number;
  /** Route prefix of HTTP functions (host.json `extensions.http.routePrefix`); default `api`. */
  routePrefix?: string;
  /** Longest pause between polls of an empty queue; default 1000 ms (tests use less). */
  queuePollMs?: number;
  /** Other queue settings (host.json `extensions.queues`); Azure's defaults otherwise. */
  queues?: Partial<Omit<QueueListenerSettings, 'maxPollingIntervalMs'>>;
  /** Run timer triggers on their schedules (default true); `fireTimer` works either way. */
  enableTimers?: boolean;
  /** Largest accepted request body; default 100 MB, as on Azure. */
  maxRequestBodyBytes?: number;
  /** Receives host and function logs; default the console. */
  logger?: HostLogger;
}

/** A running local Functions host. */
export interface FunctionsHost {
  /** `http://127.0.0.1:<port>`; HTTP functions are under `${url}/${routePrefix}/`. */
  url: string;
  functions: RegisteredFunctionInfo[];
  /** Runs a timer function once now; rejects with its error. */
  fireTimer(name: string): Promise<void>;
  /** Resolves once every trigger queue is empty and no invocation runs; rejects after `timeoutMs` (default 30 s). */
  drainQueues(timeoutMs?: number): Promise<void>;
  /** Stops triggers, waits for running invocations, closes the server and restores `process.env`. */
  stop(): Promise<void>;
}

const SUPPORTED_TRIGGERS = ['httptrigger', 'queuetrigger', 'timertrigger'];
// Queue messages are sent with the Storage SDK (the app's only way): an output binding would be dropped here.
const SUPPORTED_OUTPUTS = ['http'];

/**
 * Starts a local Functions host for the v4 Node.js programming model: imports the function modules,
 * serves HTTP triggers, polls queue triggers and runs timer triggers, for development and tests.
 * Production runs on Azure Functions; this host only mirrors its behaviour for the bindings used.
 */
export async function startFunctionsHost(options: FunctionsHostOptions): Promise<FunctionsHost> {
  const restoreEnv = applyAppSettings(options.env);
  const logger = options.logger ?? consoleLogger;
  try {
    const functions = loadFunctionModules(options.modules, logger);
    functions.forEach((fn) => warnAboutUnsupported(fn, logger));
    const ofType = (type: string) => functions.filter((fn) => triggerOf(fn).type.toLowerCase() === type);
    const tracker = new InvocationTracker();
    const clients = new QueueClients();
    const invoke = createInvoker(tracker, logger);
    const settings = { ...DEFAULT_QUEUE_SETTINGS, ...options.queues, maxPollingIntervalMs: options.queuePollMs ?? DEFAULT_QUEUE_SETTINGS.maxPollingIntervalMs };
    const listeners = await Promise.all(ofType('queuetrigger').map((fn) => createQueueListener(fn, clients, settings, invoke, logger)));
    const timers = ofType('timertrigger').map((fn) => new TimerTrigger(fn, invoke, logger));
    await executeHooks('appStart', { hookData: {}, appHookData: coreState.appHookData, functionAppDirectory: process.cwd() });
    const server = await startHttpServer({
      functions: ofType('httptrigger'), port: options.port ?? 0, routePrefix: options.routePrefix ?? 'api',
      maxBodyBytes: options.maxRequestBodyBytes ?? DEFAULT_MAX_BODY_BYTES, invoke, logger, tracker,
    });
    listeners.forEach((listener) => listener.start());
    if (options.enableTimers ?? true) timers.forEach((timer) => timer.start());
    let stopping: Promise<void> | undefined;
    return {
      url: server.url,
      functions: functions.map(describeFunction),
      fireTimer: (name) => fireTimer(timers, name),
      drainQueues: (timeoutMs) => drainQueues(listeners, tracker, timeoutMs ?? 30000),
      stop: () => (stopping ??= stopHost(timers, listeners, server, restoreEnv)),
    };
  } catch (error) {
    restoreEnv();
    throw error;
  }
}

/**
 * Every trigger's invocation, counted (drainQueues waits for them). Output bindings are not served: the app
 * sends its queue messages with the Storage SDK, so the host offers only what the app uses.
 */
function createInvoker(tracker: InvocationTracker, logger: HostLogger): Invoker {
  return (fn, input, reason) => tracker.track(() => invokeFunction(fn, input, logger, reason));
}

/** A listener on the function's queue; the queue and its `-poison` twin are created if missing. */
async function createQueueListener(
  fn: LoadedFunction, clients: QueueClients, settings: QueueListenerSettings, invoke: Invoker, logger: HostLogger,
): Promise<QueueListener> {
  const { connection, queueName } = triggerOf(fn);
  const queue = await clients.get(connection, String(queueName));
  const poison = await clients.get(connection, `${queue.name}-poison`);
  return new QueueListener(fn, queue, poison, settings, invoke, logger);
}

/** Stops triggers first, so that the running invocations are the last ones, then the server. */
async function stopHost(timers: TimerTrigger[], listeners: QueueListener[], server: RunningHttpServer, restoreEnv: () => void): Promise<void> {
  timers.forEach((timer) => timer.stop());
  await Promise.all(listeners.map((listener) => listener.stop()));
  await server.close();
  await executeHooks('appTerminate', { hookData: {}, appHookData: coreState.appHookData });
  restoreEnv();
}

async function fireTimer(timers: TimerTrigger[], name: string): Promise<void> {
  const timer = timers.find((t) => t.fn.metadata.name.toLowerCase() === name.toLowerCase());
  if (!timer) throw new Error(`No timer function named '${name}'`);
  await timer.fire();
}

/** Waits until the trigger queues are empty and nothing runs, with no invocation started while looking. */
async function drainQueues(listeners: QueueListener[], tracker: InvocationTracker, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let counts: number[] = [];
  for (;;) {
    listeners.forEach((listener) => listener.wake());
    const started = tracker.started;
    const idle = () => tracker.running === 0 && listeners.every((l) => !l.busy);
    if (idle()) {
      counts = await Promise.all(listeners.map((listener) => listener.pendingCount()));
      if (counts.every((count) => count === 0) && idle() && tracker.started === started) return;
    }
    if (Date.now() > deadline) {
      const queues = listeners.map((l, i) => `${l.fn.metadata.name}: ${counts[i] ?? '?'} messages`).join(', ');
      throw new Error(`Queues not drained after ${timeoutMs} ms (${tracker.running} invocations running; ${queues})`);
    }
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

function warnAboutUnsupported(fn: LoadedFunction, logger: HostLogger): void {
  const warn = (message: string) => logger({ level: 'warning', category: 'system', functionName: fn.metadata.name, message });
  for (const [name, binding] of Object.entries(fn.metadata.bindings)) {
    const type = (binding.type ?? '').toLowerCase();
    if (binding.direction === 'in' && /trigger$/.test(type) && !SUPPORTED_TRIGGERS.includes(type)) {
      warn(`Trigger '${binding.type}' is not supported by the local host; the function will not run`);
    } else if (binding.direction === 'in' && !/trigger$/.test(type)) {
      warn(`Input binding '${name}' (${binding.type}) is not supported by the local host; it will be undefined`);
    } else if (binding.direction === 'out' && !SUPPORTED_OUTPUTS.includes(type)) {
      warn(`Output binding '${name}' (${binding.type}) is not supported by the local host; its value is dropped`);
    }
  }
}
