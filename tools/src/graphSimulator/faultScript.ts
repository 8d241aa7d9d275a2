/** What kind of Graph request a fault or a count is about. */
export type RequestKind = 'delta' | 'folders' | 'other';

/**
 * A scripted failure: `drop` sends half a page then closes the connection; `410` is an expired delta token
 * or page link; `401` is an access token Graph no longer accepts (expired or revoked).
 */
export type FaultKind = '429' | '503' | '504' | 'drop' | '410' | '401';

/** Which requests a fault applies to: a kind, or a RegExp tested on the path and query (`/v1.0/me/…`). */
export type FaultMatch = 'delta' | 'folders' | RegExp;

/** One entry of the fault script. */
export interface ScriptedFault {
  kind: FaultKind;
  /** Retry-After on 429/503/504; defaults to the `retryAfterSeconds` knob on 429/503, none on 504. */
  retryAfterSeconds?: number;
  /** Default: any Graph request. */
  match?: FaultMatch;
  /** How many matching requests it applies to. Default 1. */
  times?: number;
}

/** The request a fault is matched against. */
export interface FaultTarget {
  kind: RequestKind;
  /** Path and query, e.g. `/v1.0/me/contactFolders/…/contacts/delta?$skiptoken=…`. */
  pathAndQuery: string;
}

const KINDS: readonly FaultKind[] = ['429', '503', '504', 'drop', '410', '401'];

/** A queue of deterministic faults for tests, consumed in order by the next matching requests. */
export class FaultScript {
  private readonly queue: Array<ScriptedFault & { remaining: number }> = [];

  push(...faults: ScriptedFault[]): void {
    for (const fault of faults) {
      checkFault(fault);
      this.queue.push({ ...fault, remaining: fault.times ?? 1 });
    }
  }

  /** The first queued fault matching the request, used up by one; `undefined` when none matches. */
  take(target: FaultTarget): ScriptedFault | undefined {
    const index = this.queue.findIndex((fault) => matches(fault.match, target));
    const fault = this.queue[index];
    if (!fault) return undefined;
    fault.remaining -= 1;
    if (fault.remaining <= 0) this.queue.splice(index, 1);
    const { remaining: _remaining, ...taken } = fault;
    return taken;
  }

  clear(): void {
    this.queue.length = 0;
  }

  /** The faults still queued, with how many uses each has left. */
  get pending(): ReadonlyArray<ScriptedFault & { remaining: number }> {
    return this.queue.map((fault) => ({ ...fault }));
  }
}

/**
 * Reads a fault from JSON: `match` is `"delta"`, `"folders"`, `"any"` or else the source of a RegExp.
 */
export function parseFault(json: unknown): ScriptedFault {
  if (json === null || typeof json !== 'object') throw new RangeError('a fault must be an object');
  const { kind, retryAfterSeconds, match, times } = json as Record<string, unknown>;
  const fault: ScriptedFault = { kind: String(kind) as FaultKind };
  if (retryAfterSeconds !== undefined) fault.retryAfterSeconds = retryAfterSeconds as number;
  if (times !== undefined) fault.times = times as number;
  if (match !== undefined && match !== 'any') {
    if (typeof match !== 'string') throw new RangeError('fault "match" must be "delta", "folders", "any" or a RegExp source');
    fault.match = match === 'delta' || match === 'folders' ? match : new RegExp(match);
  }
  checkFault(fault);
  return fault;
}

function checkFault(fault: ScriptedFault): void {
  if (!KINDS.includes(fault.kind)) throw new RangeError(`fault "kind" must be one of ${KINDS.join(', ')}`);
  const { retryAfterSeconds: after, times } = fault;
  if (after !== undefined && !(Number.isInteger(after) && after >= 0)) throw new RangeError('fault "retryAfterSeconds" must be whole seconds ≥ 0');
  if (times !== undefined && !(Number.isInteger(times) && times >= 1)) throw new RangeError('fault "times" must be a whole number ≥ 1');
}

function matches(match: FaultMatch | undefined, target: FaultTarget): boolean {
  if (match === undefined) return true;
  if (match instanceof RegExp) {
    match.lastIndex = 0;
    return match.test(target.pathAndQuery);
  }
  return match === target.kind;
}
