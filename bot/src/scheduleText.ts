/**
 * The sentence about the user's scheduled sync under every `sync status` card. Times use the Adaptive Cards
 * `{{DATE()}}`/`{{TIME()}}` functions, so Teams shows the next run in the reader's own time zone and locale.
 */

/** The user's schedule as the API reads it (`off` when never chosen). */
export interface ScheduleSummary {
  kind: 'off' | 'hourly' | 'everyHours' | 'daily';
  everyHours?: number;
  /** `HH:MM` in `timeZone`. */
  dailyAt?: string;
  timeZone?: string;
  /** ISO time of the next run; absent when off or while runs wait for a reconnect. */
  nextRunAt?: string;
  /** Scheduled runs wait until the user connects Outlook again. */
  reconnectNeeded?: boolean;
}

const HOW_TO_TURN_ON = 'To turn it on, open Contact Sync and choose a schedule under **Scheduled sync**.';

/** `daily at 07:30 (Europe/Berlin)`: the schedule as chosen. */
export function describeSchedule(schedule: ScheduleSummary): string {
  switch (schedule.kind) {
    case 'hourly': return 'every hour';
    case 'everyHours': return `every ${schedule.everyHours ?? '?'} hours`;
    case 'daily': return `daily at ${schedule.dailyAt ?? '?'}${schedule.timeZone ? ` (${schedule.timeZone})` : ''}`;
    default: return 'off';
  }
}

/** An ISO time as Adaptive Cards' DATE/TIME functions accept it: RFC 3339 without fractions of a second. */
function cardTime(iso: string): string | undefined {
  const time = new Date(iso);
  return Number.isNaN(time.getTime()) ? undefined : time.toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/** What `sync status` says about scheduled sync: off (and how to turn it on), paused, or when the next run is. */
export function scheduleLine(schedule: ScheduleSummary): string {
  if (schedule.kind === 'off') return `Scheduled sync is off. ${HOW_TO_TURN_ON}`;
  const chosen = `Scheduled sync: ${describeSchedule(schedule)}.`;
  if (schedule.reconnectNeeded) return `${chosen} It is paused until you connect Outlook again: open Contact Sync and select Outlook Sync once.`;
  const next = schedule.nextRunAt && cardTime(schedule.nextRunAt);
  if (!next) return `${chosen} The next run is being planned.`;
  return `${chosen} Next run: {{DATE(${next}, SHORT)}} at {{TIME(${next})}}.`;
}
