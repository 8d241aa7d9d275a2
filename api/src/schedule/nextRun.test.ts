import { bucketOf, dueBucket, isKnownTimeZone, nextRunAfter, type ScheduleChoice } from './nextRun';

const berlin9: ScheduleChoice = { kind: 'daily', dailyAt: '09:00', timeZone: 'Europe/Berlin' };

describe('nextRunAfter', () => {
  it.each<[string, ScheduleChoice, string, string | undefined, string | undefined]>([
    ['off never runs', { kind: 'off' }, '2026-03-01T10:00:00Z', undefined, undefined],
    ['hourly without anchor: an hour later', { kind: 'hourly' }, '2026-03-01T10:07:00Z', undefined, '2026-03-01T11:07:00.000Z'],
    ['hourly keeps its rhythm when started late', { kind: 'hourly' }, '2026-03-01T10:04:00Z', '2026-03-01T10:00:00Z', '2026-03-01T11:00:00.000Z'],
    ['hourly skips runs missed while down', { kind: 'hourly' }, '2026-03-01T13:30:00Z', '2026-03-01T10:00:00Z', '2026-03-01T14:00:00.000Z'],
    ['every 6 hours from the anchor', { kind: 'everyHours', everyHours: 6 }, '2026-03-01T06:01:00Z', '2026-03-01T06:00:00Z', '2026-03-01T12:00:00.000Z'],
    ['every 3 hours is absolute time across spring forward', { kind: 'everyHours', everyHours: 3 }, '2026-03-29T00:30:00Z', '2026-03-29T00:00:00Z', '2026-03-29T03:00:00.000Z'],
    // Europe/Berlin: CET (+01) until 2026-03-29 01:00Z, CEST (+02) until 2026-10-25 01:00Z.
    ['daily 09:00 Berlin in winter is 08:00Z', berlin9, '2026-03-27T12:00:00Z', undefined, '2026-03-28T08:00:00.000Z'],
    ['daily 09:00 Berlin on the spring-forward day is 07:00Z', berlin9, '2026-03-28T08:00:00Z', undefined, '2026-03-29T07:00:00.000Z'],
    ['daily 09:00 Berlin later the same morning is today', berlin9, '2026-03-29T06:59:00Z', undefined, '2026-03-29T07:00:00.000Z'],
    ['daily 09:00 Berlin on the fall-back day is 08:00Z', berlin9, '2026-10-24T07:00:00Z', undefined, '2026-10-25T08:00:00.000Z'],
    ['daily 09:00 Berlin the day before fall back is 07:00Z', berlin9, '2026-10-23T07:00:00Z', undefined, '2026-10-24T07:00:00.000Z'],
    ['spring forward: skipped 02:30 runs at 03:30 CEST', { kind: 'daily', dailyAt: '02:30', timeZone: 'Europe/Berlin' }, '2026-03-28T12:00:00Z', undefined, '2026-03-29T01:30:00.000Z'],
    ['fall back: repeated 02:30 runs at its first occurrence (CEST)', { kind: 'daily', dailyAt: '02:30', timeZone: 'Europe/Berlin' }, '2026-10-24T12:00:00Z', undefined, '2026-10-25T00:30:00.000Z'],
    ['fall back: not again at the second 02:30 (CET)', { kind: 'daily', dailyAt: '02:30', timeZone: 'Europe/Berlin' }, '2026-10-25T00:30:00Z', undefined, '2026-10-26T01:30:00.000Z'],
    ['US zone: 09:00 New York after its spring forward is 13:00Z', { kind: 'daily', dailyAt: '09:00', timeZone: 'America/New_York' }, '2026-03-08T12:00:00Z', undefined, '2026-03-08T13:00:00.000Z'],
    ['a zone ahead of UTC crosses the UTC date', { kind: 'daily', dailyAt: '07:15', timeZone: 'Asia/Tokyo' }, '2026-06-01T20:00:00Z', undefined, '2026-06-01T22:15:00.000Z'],
    ['a half-hour zone', { kind: 'daily', dailyAt: '00:00', timeZone: 'Asia/Kolkata' }, '2026-06-01T18:29:00Z', undefined, '2026-06-01T18:30:00.000Z'],
  ])('%s', (_name, choice, after, anchor, expected) => {
    const next = nextRunAfter(choice, new Date(after), anchor ? new Date(anchor) : undefined);
    expect(next?.toISOString()).toBe(expected);
  });
});

describe('buckets', () => {
  it.each([
    ['a run on a tick is in that tick', '2026-03-29T07:00:00.000Z', '202603290700'],
    ['a run between ticks waits for the next tick (never early)', '2026-03-29T07:01:00.000Z', '202603290705'],
    ['the last second of a period', '2026-12-31T23:59:59.000Z', '202701010000'],
  ])('bucketOf: %s', (_name, at, bucket) => {
    expect(bucketOf(new Date(at))).toBe(bucket);
  });

  it.each([
    ['a tick', '2026-03-29T07:00:00.400Z', '202603290700'],
    ['between ticks', '2026-03-29T07:04:59.000Z', '202603290700'],
  ])('dueBucket: %s', (_name, now, bucket) => {
    expect(dueBucket(new Date(now))).toBe(bucket);
  });

  it('a run is due at the first planner tick at or after its time', () => {
    const runAt = new Date('2026-03-29T07:01:00Z');
    expect(bucketOf(runAt) <= dueBucket(new Date('2026-03-29T07:00:30Z'))).toBe(false);
    expect(bucketOf(runAt) <= dueBucket(new Date('2026-03-29T07:05:01Z'))).toBe(true);
  });
});

describe('isKnownTimeZone', () => {
  it.each([['Europe/Berlin', true], ['America/Argentina/Buenos_Aires', true], ['UTC', true], ['Mars/Olympus', false], ['', false]])('%s → %s', (zone, known) => {
    expect(isKnownTimeZone(zone)).toBe(known);
  });
});
