"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.consoleLogger = consoleLogger;
exports.describeError = describeError;
/** Writes a log line to the console, warnings and errors to stderr (as `func start` does). */
function consoleLogger(entry) {
    const source = entry.functionName ? `[${entry.functionName}${entry.invocationId ? ` ${entry.invocationId.slice(0, 8)}` : ''}] ` : '';
    const line = `${new Date().toISOString()} ${source}${entry.message}`;
    if (entry.level === 'error' || entry.level === 'critical' || entry.level === 'warning')
        console.error(line);
    else if (entry.level !== 'trace' && entry.level !== 'debug' && entry.level !== 'none')
        console.log(line);
}
/** Turns any thrown value into a loggable text with its stack, as the host logs failed invocations. */
function describeError(error) {
    return error instanceof Error ? (error.stack ?? `${error.name}: ${error.message}`) : String(error);
}
//# sourceMappingURL=hostLog.js.map