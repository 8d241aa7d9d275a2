/**
 * A small local Azure Functions host (v4 Node.js programming model) for `npm start` and integration
 * tests: it runs the real function modules of `api/src/functions` with HTTP, Storage Queue and Timer
 * triggers. Never bundled into the app; production runs on Azure Functions.
 */
export { startFunctionsHost, type FunctionsHost, type FunctionsHostOptions } from './functionsHost';
export type { RegisteredFunctionInfo } from './loadFunctionModules';
export type { QueueListenerSettings } from './queueListener';
export { consoleLogger, type HostLogEntry, type HostLogger } from './hostLog';
