import type { FolderEvent, FolderLog } from './folderLog';
import { mixSeed, SeededRandom } from './seededRandom';

/** The part of a folder's log that one delta round reads. */
export interface RoundWindow {
  /** First log position of the round: 0 for a full round, else the first change after the last round. */
  start: number;
  /** Log position of the snapshot; events at or above it belong to the next round. */
  end: number;
  /** A full round lists the contacts present; an incremental one also reports removals. */
  full: boolean;
  /** Shuffle permutation `(a·k + b) mod size`, fixed for the round. */
  perm?: readonly [number, number];
}

/** How to cut one page. */
export interface PageOptions {
  /** How many round positions earlier pages have read. */
  cursor: number;
  pageSize: number;
  /** Probability per slot of re-sending an entry from an earlier page. */
  replayRate: number;
  seed: number;
}

/** One page: the events to send, and where the next page starts. */
export interface DeltaPageResult {
  events: FolderEvent[];
  cursor: number;
  /** The round is complete: this page carries the delta link. */
  done: boolean;
}

/**
 * Cuts one page of a round, reading only O(page) log entries (plus superseded ones it skips). An entry
 * is sent when it is its contact's last change inside the window, so a contact changed twice is sent
 * once, in its snapshot state. Pages are a pure function of (log, window, options): a retried page is
 * the same page.
 */
export function readDeltaPage(log: FolderLog, window: RoundWindow, options: PageOptions): DeltaPageResult {
  const size = window.end - window.start;
  const positionOf = (k: number): number => window.start + (window.perm ? (window.perm[0] * k + window.perm[1]) % size : k);
  const visible = (k: number): FolderEvent | undefined => {
    const position = positionOf(k);
    const event = log.at(position);
    if (!log.isLatestBefore(position, window.end) || (window.full && !event.contact)) return undefined;
    return event;
  };
  const rng = new SeededRandom(mixSeed(options.seed, window.start, window.end, options.cursor));
  const pageStart = options.cursor;
  const maxReplays = Math.floor(options.pageSize / 2);
  const events: FolderEvent[] = [];
  let cursor = pageStart;
  let replays = 0;
  while (events.length < options.pageSize && cursor < size) {
    if (pageStart > 0 && replays < maxReplays && rng.chance(options.replayRate)) {
      const again = visible(rng.int(pageStart));
      if (again) events.push(again);
      replays += 1;
      if (events.length >= options.pageSize) break;
    }
    const event = visible(cursor);
    cursor += 1;
    if (event) events.push(event);
  }
  return { events, cursor, done: cursor >= size };
}

/** A deterministic permutation `(a·k + b) mod size` of a round's positions; none below 2 positions. */
export function shufflePermutation(size: number, seed: number): [number, number] | undefined {
  if (size < 2) return undefined;
  const rng = new SeededRandom(seed);
  let a = 1 + rng.int(size - 1);
  while (gcd(a, size) !== 1) a = (a % (size - 1)) + 1;
  return [a, rng.int(size)];
}

function gcd(a: number, b: number): number {
  let x = a;
  let y = b;
  while (y !== 0) [x, y] = [y, x % y];
  return x;
}
