import type { RpcLogCategory, RpcLogLevel } from './coreApiTypes';

/** One log line of the host or of a function (`context.log/warn/error`). */
export interface HostLogEntry {
  level: RpcLogLevel;
  /** `user` for the function's own logs, `system` for the host's. */
  category: RpcLogCategory;
  message: string;
  functionName?: string;
  invocationId?: string;
}

/** Where the host's and the functions' logs go; tests pass one that collects them. */
export type HostLogger = (entry: HostLogEntry) => void;

/** Writes a log line to the console, warnings and errors to stderr (as `func start` does). */
export function consoleLogger(entry: HostLogEntry): void {
  const source = entry.functionName ? `[${entry.functionName}${entry.invocationId ? ` ${entry.invocationId.slice(0, 8)}` : ''}] ` : '';
  const line = `${new Date().toISOString()} ${source}${entry.message}`;
  if (entry.level === 'error' || entry.level === 'critical' || entry.level === 'warning') console.error(line);
  else if (entry.level !== 'trace' && entry.level !== 'debug' && entry.level !== 'none') console.log(line);
}

/** Turns any thrown value into a loggable text with its stack, as the host logs failed invocations. */
export function describeError(error: unknown): string {
  return error instanceof Error ? (error.stack ?? `${error.name}: ${error.message}`) : String(error);
}
