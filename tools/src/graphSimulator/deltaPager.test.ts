import type { SimContact } from './contactShape';
import { readDeltaPage, type RoundWindow, shufflePermutation } from './deltaPager';
import { type FolderEvent, FolderLog } from './folderLog';

const contact = (id: string, version: number) => ({ id, surname: `v${version}` }) as unknown as SimContact;

/** A log from `[version, id, 'upsert' | 'deleted' | 'changed']` rows. */
function logOf(rows: Array<[number, string, 'upsert' | 'deleted' | 'changed']>): FolderLog {
  const log = new FolderLog();
  for (const [version, id, what] of rows) {
    log.append(what === 'upsert' ? { version, contactId: id, contact: contact(id, version) } : { version, contactId: id, removed: what });
  }
  return log;
}

const page = (log: FolderLog, window: RoundWindow, cursor = 0, pageSize = 100, replayRate = 0) =>
  readDeltaPage(log, window, { cursor, pageSize, replayRate, seed: 1 });
const summary = (events: FolderEvent[]) => events.map((e) => `${e.contactId}:${e.contact ? (e.contact.surname ?? '') : e.removed ?? ''}`);

describe('FolderLog', () => {
  const log = logOf([[1, 'a', 'upsert'], [2, 'b', 'upsert'], [2, 'c', 'upsert'], [5, 'a', 'upsert'], [7, 'b', 'deleted']]);

  it.each([[0, 0], [1, 1], [2, 3], [4, 3], [5, 4], [9, 5]])('puts the first event after version %i at %i', (version, position) => {
    expect(log.positionAfter(version)).toBe(position);
  });

  it('knows whether an event is its contact’s latest below a position', () => {
    expect([log.isLatestBefore(0, 3), log.isLatestBefore(0, 4), log.isLatestBefore(1, 5), log.isLatestBefore(3, 5)]).toEqual([true, false, false, true]);
  });

  it('refuses events out of version order', () => {
    expect(() => log.append({ version: 3, contactId: 'x' })).toThrow(RangeError);
  });
});

describe('readDeltaPage', () => {
  const log = logOf([[1, 'a', 'upsert'], [2, 'b', 'upsert'], [3, 'c', 'upsert'], [4, 'a', 'upsert'], [5, 'b', 'deleted'], [6, 'd', 'upsert']]);

  it.each<[string, RoundWindow, string[]]>([
    ['a full round at version 3', { start: 0, end: 3, full: true }, ['a:v1', 'b:v2', 'c:v3']],
    ['a full round at version 6 (latest states, no removals)', { start: 0, end: 6, full: true }, ['c:v3', 'a:v4', 'd:v6']],
    ['changes after version 3 up to 6', { start: 3, end: 6, full: false }, ['a:v4', 'b:deleted', 'd:v6']],
    ['changes after version 3 up to 5', { start: 3, end: 5, full: false }, ['a:v4', 'b:deleted']],
  ])('reads %s', (_name, window, expected) => {
    expect(summary(page(log, window).events)).toEqual(expected);
  });

  it('continues at the cursor and says when the round is done', () => {
    const first = page(log, { start: 0, end: 6, full: true }, 0, 2);
    const second = page(log, { start: 0, end: 6, full: true }, first.cursor, 2);
    expect([summary(first.events), first.done, summary(second.events), second.done]).toEqual([['c:v3', 'a:v4'], false, ['d:v6'], true]);
  });

  it('reads only about a page of a 100,000-event log per page', () => {
    const big = new FolderLog();
    for (let i = 1; i <= 100_000; i += 1) big.append({ version: i, contactId: `c${i}`, contact: contact(`c${i}`, i) });
    const reads = jest.spyOn(big, 'at');
    const result = page(big, { start: 0, end: 100_000, full: true }, 60_000, 200);
    expect(result.events).toHaveLength(200);
    expect(reads.mock.calls.length).toBeLessThanOrEqual(200);
  });

  it('never replays on the first page, and replays only entries of earlier pages', () => {
    const window: RoundWindow = { start: 0, end: 6, full: true };
    expect(page(log, window, 0, 3, 0.9).events).toHaveLength(3);
    const later = page(log, window, 2, 4, 0.9);
    const firstPage = new Set(summary(page(log, window, 0, 2).events));
    const repeated = summary(later.events).filter((entry) => firstPage.has(entry));
    expect(repeated.length).toBeGreaterThan(0);
  });
});

describe('shufflePermutation', () => {
  it.each([2, 3, 10, 97, 100, 1024])('permutes %i positions', (size) => {
    const [a, b] = shufflePermutation(size, 12345) ?? [1, 0];
    const positions = Array.from({ length: size }, (_, k) => (a * k + b) % size);
    expect(new Set(positions).size).toBe(size);
  });

  it('leaves rounds of fewer than 2 positions alone', () => {
    expect([shufflePermutation(0, 1), shufflePermutation(1, 1)]).toEqual([undefined, undefined]);
  });
});
