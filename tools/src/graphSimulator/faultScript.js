"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.FaultScript = void 0;
exports.parseFault = parseFault;
const KINDS = ['429', '503', '504', 'drop', '410'];
/** A queue of deterministic faults for tests, consumed in order by the next matching requests. */
class FaultScript {
    queue = [];
    push(...faults) {
        for (const fault of faults) {
            checkFault(fault);
            this.queue.push({ ...fault, remaining: fault.times ?? 1 });
        }
    }
    /** The first queued fault matching the request, used up by one; `undefined` when none matches. */
    take(target) {
        const index = this.queue.findIndex((fault) => matches(fault.match, target));
        const fault = this.queue[index];
        if (!fault)
            return undefined;
        fault.remaining -= 1;
        if (fault.remaining <= 0)
            this.queue.splice(index, 1);
        const { remaining: _remaining, ...taken } = fault;
        return taken;
    }
    clear() {
        this.queue.length = 0;
    }
    /** The faults still queued, with how many uses each has left. */
    get pending() {
        return this.queue.map((fault) => ({ ...fault }));
    }
}
exports.FaultScript = FaultScript;
/**
 * Reads a fault from JSON: `match` is `"delta"`, `"folders"`, `"any"` or else the source of a RegExp.
 */
function parseFault(json) {
    if (json === null || typeof json !== 'object')
        throw new RangeError('a fault must be an object');
    const { kind, retryAfterSeconds, match, times } = json;
    const fault = { kind: String(kind) };
    if (retryAfterSeconds !== undefined)
        fault.retryAfterSeconds = retryAfterSeconds;
    if (times !== undefined)
        fault.times = times;
    if (match !== undefined && match !== 'any') {
        if (typeof match !== 'string')
            throw new RangeError('fault "match" must be "delta", "folders", "any" or a RegExp source');
        fault.match = match === 'delta' || match === 'folders' ? match : new RegExp(match);
    }
    checkFault(fault);
    return fault;
}
function checkFault(fault) {
    if (!KINDS.includes(fault.kind))
        throw new RangeError(`fault "kind" must be one of ${KINDS.join(', ')}`);
    const { retryAfterSeconds: after, times } = fault;
    if (after !== undefined && !(Number.isInteger(after) && after >= 0))
        throw new RangeError('fault "retryAfterSeconds" must be whole seconds ≥ 0');
    if (times !== undefined && !(Number.isInteger(times) && times >= 1))
        throw new RangeError('fault "times" must be a whole number ≥ 1');
}
function matches(match, target) {
    if (match === undefined)
        return true;
    if (match instanceof RegExp) {
        match.lastIndex = 0;
        return match.test(target.pathAndQuery);
    }
    return match === target.kind;
}
//# sourceMappingURL=faultScript.js.map