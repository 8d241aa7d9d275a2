/** Fault, speed and behaviour settings; changeable while the simulator runs. */
export interface SimulatorKnobs {
  /** Milliseconds to wait before answering each Graph request. Default 0. */
  latencyMs: number;
  /** Probability a Graph request answers 429 with Retry-After. Default 0. */
  throttleRate: number;
  /**
   * Every Nth Graph request (single or inside a `$batch`, counted from this knob's last change) answers
   * 429 with Retry-After, as a mailbox at its concurrency limit does; 0 = never. Default 0.
   */
  throttleEvery: number;
  /** Probability a Graph request answers 503 with Retry-After. Default 0. */
  unavailableRate: number;
  /** Probability a Graph request sends its headers and half its body, then drops the connection. Default 0. */
  dropRate: number;
  /** Retry-After seconds on 429/503 (random and scripted, unless the script says otherwise). Default 1. */
  retryAfterSeconds: number;
  /** Probability that an entry already sent in a delta round is sent again on a later page. Default 0. */
  replayRate: number;
  /** Serve each delta round in a deterministic permutation instead of change order. Default false. */
  shuffle: boolean;
  /** Seed of the random faults, replays and shuffles. Default 1. */
  seed: number;
  /** Cap on `Prefer: odata.maxpagesize` for contact delta. Default 200. */
  maxPageSize: number;
  /** The code of the 410 an expired delta token gets. Default `syncStateNotFound`. */
  expiredTokenCode: 'syncStateNotFound' | 'resyncRequired';
  /** Whether that 410 carries a `Location` header with a fresh full delta URL of the folder. Default true. */
  expiredTokenLocation: boolean;
  /** A bearer for a mailbox nobody created: 404 `MailboxNotEnabledForRESTAPI`, or an empty mailbox. Default `notFound`. */
  unknownMailbox: 'notFound' | 'empty';
  /**
   * What `GET /me/contactFolders/delta` tracks: every folder below the default Contacts folder (`subtree`),
   * or only the folders directly in it (`children`). Microsoft's page does not say; `children` lets tests
   * check that the engine notices and still finds nested folders. Default `subtree`.
   */
  folderDeltaScope: 'subtree' | 'children';
  /** Change notifications queued for a subscription within this window go out in one POST. Default 20. */
  notificationDelayMs: number;
  /** Retries of a change notification POST that failed (non-2xx, no answer in 3 s); then `missed`. Default 3. */
  notificationRetries: number;
  /** Wait before the first retry, doubled for each next one (Graph retries for hours). Default 200. */
  notificationRetryDelayMs: number;
  /** Probability that a change notification is never sent (lost), counted as `dropped`. Default 0. */
  dropNotificationRate: number;
}

export const DEFAULT_KNOBS: Readonly<SimulatorKnobs> = Object.freeze({
  latencyMs: 0,
  throttleRate: 0,
  throttleEvery: 0,
  unavailableRate: 0,
  dropRate: 0,
  retryAfterSeconds: 1,
  replayRate: 0,
  shuffle: false,
  seed: 1,
  maxPageSize: 200,
  expiredTokenCode: 'syncStateNotFound',
  expiredTokenLocation: true,
  unknownMailbox: 'notFound',
  folderDeltaScope: 'subtree',
  notificationDelayMs: 20,
  notificationRetries: 3,
  notificationRetryDelayMs: 200,
  dropNotificationRate: 0,
});

type Check = (value: unknown) => boolean;
const isRate: Check = (v) => typeof v === 'number' && v >= 0 && v <= 1;
const isCount = (min: number, max: number): Check => (v) => Number.isInteger(v) && (v as number) >= min && (v as number) <= max;
const isOneOf = (...values: unknown[]): Check => (v) => values.includes(v);

const CHECKS: Record<keyof SimulatorKnobs, [Check, string]> = {
  latencyMs: [isCount(0, 600_000), 'a whole number of milliseconds'],
  throttleRate: [isRate, 'a probability between 0 and 1'],
  throttleEvery: [isCount(0, 1_000_000), 'a whole number ≥ 0 (0: off)'],
  unavailableRate: [isRate, 'a probability between 0 and 1'],
  dropRate: [isRate, 'a probability between 0 and 1'],
  retryAfterSeconds: [isCount(0, 3600), 'whole seconds between 0 and 3600'],
  replayRate: [(v) => typeof v === 'number' && v >= 0 && v <= 0.9, 'a probability between 0 and 0.9'],
  shuffle: [isOneOf(true, false), 'true or false'],
  seed: [isCount(0, 2 ** 32 - 1), 'a whole number between 0 and 2^32-1'],
  maxPageSize: [isCount(1, 1000), 'a whole number between 1 and 1000'],
  expiredTokenCode: [isOneOf('syncStateNotFound', 'resyncRequired'), '"syncStateNotFound" or "resyncRequired"'],
  expiredTokenLocation: [isOneOf(true, false), 'true or false'],
  unknownMailbox: [isOneOf('notFound', 'empty'), '"notFound" or "empty"'],
  folderDeltaScope: [isOneOf('subtree', 'children'), '"subtree" or "children"'],
  notificationDelayMs: [isCount(0, 60_000), 'a whole number of milliseconds up to 60000'],
  notificationRetries: [isCount(0, 10), 'a whole number between 0 and 10'],
  notificationRetryDelayMs: [isCount(0, 60_000), 'a whole number of milliseconds up to 60000'],
  dropNotificationRate: [isRate, 'a probability between 0 and 1'],
};

/** Applies a patch (from code or JSON) to the knobs; an unknown knob or a bad value throws a RangeError naming it. */
export function mergeKnobs(current: Readonly<SimulatorKnobs>, patch: unknown): SimulatorKnobs {
  if (patch === null || typeof patch !== 'object' || Array.isArray(patch)) throw new RangeError('knobs must be an object');
  const next: Record<string, unknown> = { ...current };
  for (const [name, value] of Object.entries(patch)) {
    if (value === undefined) continue;
    const check = (CHECKS as Record<string, [Check, string] | undefined>)[name];
    if (!check) throw new RangeError(`unknown knob "${name}"; known: ${Object.keys(CHECKS).join(', ')}`);
    if (!check[0](value)) throw new RangeError(`knob "${name}" must be ${check[1]}, got ${JSON.stringify(value)}`);
    next[name] = value;
  }
  return next as unknown as SimulatorKnobs;
}
