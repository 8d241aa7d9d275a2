import type { Schedule, ScheduleKind } from '../../api/apiTypes';

/** Every kind a schedule can have, in the order the picker offers them. */
export const SCHEDULE_KINDS: readonly ScheduleKind[] = ['off', 'hourly', 'everyHours', 'daily'];

/** The choices of "every N hours" (the API accepts 2–12). */
export const EVERY_HOURS = [2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12] as const;

const LABELS: Record<ScheduleKind, string> = {
  off: 'Off', hourly: 'Every hour', everyHours: 'Every few hours', daily: 'Daily at a set time',
};

/** The label of a kind; an unknown kind from a newer API shows as it is. */
export function kindLabel(kind: string): string {
  return (LABELS as Record<string, string | undefined>)[kind] ?? kind;
}

/** The kinds the picker offers: the policy's, `off` always, in picker order; every kind when the policy is unknown. */
export function offeredKinds(allowed: readonly string[] | undefined): ScheduleKind[] {
  if (!allowed) return [...SCHEDULE_KINDS];
  return SCHEDULE_KINDS.filter((kind) => kind === 'off' || allowed.includes(kind));
}

/** What the user reads under the picker: when the next scheduled sync runs, in their own time. */
export function nextRunText(saved: Schedule, locale?: string): string {
  if (saved.kind === 'off') return 'Scheduled sync is off.';
  if (saved.reconnectNeeded) return 'Scheduled syncs are paused until you connect Outlook again: select Outlook Sync once.';
  if (!saved.nextRunAt) return 'The next scheduled sync is being planned.';
  return `Next scheduled sync: ${new Date(saved.nextRunAt).toLocaleString(locale)}.`;
}

/** The user's time zone as the browser knows it (the default of a daily schedule). */
export function browserTimeZone(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
}

/** The time zones to choose from: the runtime's list, with `current` in it even when the list lacks it. */
export function timeZones(current: string): string[] {
  const known = typeof Intl.supportedValuesOf === 'function' ? Intl.supportedValuesOf('timeZone') : [];
  return known.includes(current) ? known : [current, ...known];
}
