import { DateTime, IANAZone } from 'luxon';
import { SYNC_SCHEDULES, type SyncSchedule } from '../admin/tenantSettings';

/** What a user may choose: no scheduled syncs, every hour, every N hours, or daily at a local time. */
export const SCHEDULE_KINDS = SYNC_SCHEDULES;
export type ScheduleKind = SyncSchedule;

/** A user's schedule as they chose it (`everyHours` only with `everyHours`; `dailyAt` and `timeZone` only with `daily`). */
export interface ScheduleChoice {
  kind: ScheduleKind;
  /** 2–12 (every hour is `hourly`, so a policy that forbids `hourly` cannot be bypassed). */
  everyHours?: number;
  /** Local wall-clock time `HH:MM` (24 h). */
  dailyAt?: string;
  /** IANA time zone of `dailyAt`, e.g. `Europe/Berlin`. */
  timeZone?: string;
}

/** How often the planner runs; index buckets are this many minutes wide. */
export const PLANNER_PERIOD_MINUTES = 5;

const HOUR_MS = 3_600_000;

/** True when `zone` is an IANA time zone this runtime knows (Intl's tz database, as luxon reads it). */
export function isKnownTimeZone(zone: string): boolean {
  return IANAZone.isValidZone(zone);
}

/**
 * The first run strictly after `after`, or undefined for `off`. Interval schedules keep their rhythm: with
 * `anchor` (the run just planned) the next is `anchor + k × interval`, so a planner that starts a run a few
 * minutes late does not shift every later run. Daily runs follow the local clock of the user's zone:
 * across a daylight-saving change 09:00 stays 09:00 local (the UTC instant moves); a time the clocks skip
 * ("spring forward", 02:30 in Berlin on the last Sunday of March) runs at the same distance past the jump
 * (03:30 local), and a time the clocks show twice ("fall back") runs once, at its first occurrence.
 */
export function nextRunAfter(choice: ScheduleChoice, after: Date, anchor?: Date): Date | undefined {
  switch (choice.kind) {
    case 'off':
      return undefined;
    case 'hourly':
      return nextInterval(HOUR_MS, after, anchor);
    case 'everyHours':
      return nextInterval((choice.everyHours ?? 1) * HOUR_MS, after, anchor);
    case 'daily':
      return nextDaily(choice.dailyAt ?? '00:00', choice.timeZone ?? 'UTC', after);
  }
}

function nextInterval(intervalMs: number, after: Date, anchor: Date | undefined): Date {
  if (!anchor) return new Date(after.getTime() + intervalMs);
  const steps = Math.max(1, Math.floor((after.getTime() - anchor.getTime()) / intervalMs) + 1);
  return new Date(anchor.getTime() + steps * intervalMs);
}

function nextDaily(dailyAt: string, zone: string, after: Date): Date {
  const [hour, minute] = dailyAt.split(':').map(Number) as [number, number];
  const start = DateTime.fromJSDate(after, { zone });
  // Two local days always hold the next occurrence; a third covers a zone that skips a whole day.
  for (let day = 0; day < 3; day += 1) {
    const date = start.plus({ days: day });
    const candidate = firstOccurrence(DateTime.fromObject({ year: date.year, month: date.month, day: date.day, hour, minute }, { zone }));
    if (candidate.toMillis() > after.getTime()) return candidate.toJSDate();
  }
  throw new Error(`no daily run found for ${dailyAt} ${zone} after ${after.toISOString()}`);
}

/**
 * luxon resolves a local time the clocks show twice to its later occurrence; a schedule runs at the first.
 * The earlier occurrence exists when the zone's offset dropped within the last few hours and the same wall
 * time, under the older (larger) offset, is earlier.
 */
function firstOccurrence(local: DateTime): DateTime {
  const before = local.minus({ hours: 3 });
  if (before.offset <= local.offset) return local;
  const earlier = local.minus({ minutes: before.offset - local.offset });
  return earlier.hour === local.hour && earlier.minute === local.minute ? earlier : local;
}

/** Index bucket of a run: the planner tick at or after it (`YYYYMMDDHHmm`, UTC), so no run starts early. */
export function bucketOf(runAt: Date, periodMinutes = PLANNER_PERIOD_MINUTES): string {
  const periodMs = periodMinutes * 60_000;
  return bucketKey(new Date(Math.ceil(runAt.getTime() / periodMs) * periodMs));
}

/** The latest bucket that is due at `now` (the tick at or before it). */
export function dueBucket(now: Date, periodMinutes = PLANNER_PERIOD_MINUTES): string {
  const periodMs = periodMinutes * 60_000;
  return bucketKey(new Date(Math.floor(now.getTime() / periodMs) * periodMs));
}

function bucketKey(at: Date): string {
  return at.toISOString().slice(0, 16).replace(/[-T:]/g, '');
}
