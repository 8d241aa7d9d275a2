import { AppError } from '../errors/appError';
import { mapGraphError, unreadable } from './graphErrors';
import { appThrottle } from './appThrottle';
import { retryAfterSeconds } from './retryAfter';

/** Graph takes at most 20 requests in one `$batch` (https://learn.microsoft.com/graph/json-batching). */
export const BATCH_LIMIT = 20;
/**
 * Rounds in a row in which Graph answered no request of the batch (every one 429/503/504) before the
 * waiting ones fail as `throttled`: Graph is making no progress, so the queue retries the sync later.
 */
const STALLED_ROUNDS = 5;
const TRANSIENT = new Set([429, 503, 504]);
/** Wait before retrying an item whose answer has no Retry-After. */
const DEFAULT_RETRY_MS = 2000;

/** What one request of a batch came to: its body, or the error the engine acts on. */
export type BatchOutcome = { body: unknown } | { error: Error };

/** How items of a batch are retried. */
export interface BatchRetry {
  sleep: (ms: number) => Promise<void>;
  /**
   * `GRAPH_MAX_RETRY_AFTER_SECONDS`: an item that asks for a longer wait is not waited for; it fails as
   * `throttled`, as a single request does (see `retryAfterWithin`), and the queue retries the sync.
   */
  maxRetryAfterSeconds?: number;
  /**
   * No retry wait may end after this time (epoch ms): the sync's time budget plus what it keeps for a
   * page in flight. Without it, retries go on for as long as Graph keeps answering some of the requests.
   */
  retryUntilMs?: number;
  /** The clock of `retryUntilMs` (tests). */
  now?: () => number;
}

/** Sends one `$batch` body and returns Graph's answer (the envelope's own retries are the caller's). */
export type BatchPoster = (body: { requests: object[] }) => Promise<unknown>;

interface ItemAnswer { id?: unknown; status?: unknown; headers?: unknown; body?: unknown }

/**
 * GETs `urls` (relative to the version, e.g. `/me/contactFolders/…`) in `$batch`es of ≤ 20, one batch at a
 * time: Graph runs at most 4 requests of a mailbox at once whatever the batch holds, so parallel batches
 * would only be throttled. A 200 envelope says nothing about its requests: each carries its own status, so
 * an item answered 429/503/504 is sent again in a later round after its Retry-After; any other failure is
 * that item's outcome (410 → DeltaTokenExpiredError, as for a single request).
 *
 * Throttled items are retried while Graph makes progress, bounded by time, not by a count of rounds: a
 * mailbox throttled on every other request still answers half of each round, so the sync goes on. The
 * waiting items fail as `throttled` only when {@link STALLED_ROUNDS} rounds in a row got no answer at all,
 * when an item asks for a wait past `maxRetryAfterSeconds`, or when a wait would end after `retryUntilMs`.
 */
export async function getInBatches(post: BatchPoster, urls: readonly string[], headers: Record<string, string>,
  retry: BatchRetry): Promise<BatchOutcome[]> {
  const now = retry.now ?? Date.now;
  const outcomes = new Array<BatchOutcome>(urls.length);
  let pending = urls.map((url, index) => ({ url, index }));
  for (let stalled = 0; pending.length > 0;) {
    const round = await sendRound(post, pending, headers, outcomes, retry.maxRetryAfterSeconds);
    stalled = round.answered > 0 ? 0 : stalled + 1;
    pending = round.again;
    if (pending.length === 0) break;
    const pastDeadline = retry.retryUntilMs !== undefined && now() + round.waitMs > retry.retryUntilMs;
    if (stalled >= STALLED_ROUNDS || pastDeadline) {
      for (const item of pending) outcomes[item.index] = { error: throttledTooLong(round.lastStatus, pastDeadline) };
      break;
    }
    await retry.sleep(round.waitMs);
  }
  return outcomes;
}

interface PendingItem { url: string; index: number }
interface Round { again: PendingItem[]; answered: number; waitMs: number; lastStatus: number }

/** Sends the pending items once, 20 to a batch; settles every answered item, returns those to retry. */
async function sendRound(post: BatchPoster, pending: readonly PendingItem[], headers: Record<string, string>,
  outcomes: BatchOutcome[], maxRetryAfterSeconds: number | undefined): Promise<Round> {
  const round: Round = { again: [], answered: 0, waitMs: 0, lastStatus: 0 };
  for (let start = 0; start < pending.length; start += BATCH_LIMIT) {
    const chunk = pending.slice(start, start + BATCH_LIMIT);
    const answers = await sendBatch(post, chunk.map((item) => item.url), headers);
    chunk.forEach((item, i) => {
      const answer = answers.get(String(i));
      const status = typeof answer?.status === 'number' ? answer.status : 0;
      if (!answer) outcomes[item.index] = { error: unreadable('a $batch answer left out a request') };
      else if (!TRANSIENT.has(status)) {
        round.answered += 1;
        outcomes[item.index] = status >= 200 && status < 300 ? { body: answer.body } : { error: itemError(status, answer) };
      } else {
        const wait = retryAfterMs(answer.headers);
        // A 429 slows the whole app: the planner starts no scheduled sync before its Retry-After has passed.
        if (status === 429) appThrottle.note(wait / 1000);
        if (maxRetryAfterSeconds !== undefined && wait > maxRetryAfterSeconds * 1000) {
          outcomes[item.index] = { error: throttledPastCap(status) };
          return;
        }
        round.again.push(item);
        round.waitMs = Math.max(round.waitMs, wait);
        round.lastStatus = status;
      }
    });
  }
  return round;
}

async function sendBatch(post: BatchPoster, urls: string[], headers: Record<string, string>): Promise<Map<string, ItemAnswer>> {
  const requests = urls.map((url, i) => ({ id: String(i), method: 'GET', url, ...(Object.keys(headers).length ? { headers } : {}) }));
  const envelope = await post({ requests }) as { responses?: unknown } | undefined;
  if (!Array.isArray(envelope?.responses)) throw unreadable('a $batch answer has no responses');
  const answers = new Map<string, ItemAnswer>();
  for (const answer of envelope.responses as ItemAnswer[]) {
    if (answer && typeof answer === 'object' && typeof answer.id === 'string') answers.set(answer.id, answer);
  }
  return answers;
}

function header(headers: unknown, name: string): string | undefined {
  if (!headers || typeof headers !== 'object') return undefined;
  const found = Object.entries(headers).find(([key]) => key.toLowerCase() === name.toLowerCase());
  return typeof found?.[1] === 'string' ? found[1] : undefined;
}

/** The wait an item's answer asks for (delay-seconds or an HTTP-date), or the default without one. */
export function retryAfterMs(headers: unknown, nowMs: number = Date.now()): number {
  const value = header(headers, 'Retry-After');
  const seconds = value === undefined ? undefined : retryAfterSeconds(value, nowMs);
  return seconds === undefined ? DEFAULT_RETRY_MS : seconds * 1000;
}

function throttledPastCap(status: number): AppError {
  return new AppError('throttled', `Microsoft Graph asked to wait longer than allowed (a $batch request answered ${status}). The sync will continue later.`);
}

function throttledTooLong(status: number, pastDeadline: boolean): AppError {
  const why = pastDeadline ? 'for longer than this sync may wait' : `to ${STALLED_ROUNDS} rounds in a row`;
  const code = status === 429 ? 'throttled' : 'graph_unavailable';
  return new AppError(code, `Microsoft Graph answered every request of a $batch ${status} ${why}. The sync will continue later.`);
}

function itemError(status: number, answer: ItemAnswer): Error {
  const body = answer.body as { error?: { code?: unknown } } | undefined;
  const code = typeof body?.error?.code === 'string' ? body.error.code : undefined;
  const location = header(answer.headers, 'Location');
  const mapped = mapGraphError({ statusCode: status, code, headers: new Headers(location ? { Location: location } : {}) });
  return mapped === 'network' ? unreadable(`a $batch request answered ${status}`) : mapped;
}
