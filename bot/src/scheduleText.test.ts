import { describeSchedule, scheduleLine, type ScheduleSummary } from './scheduleText';

describe('scheduleLine', () => {
  it.each<[string, ScheduleSummary, string]>([
    ['off says how to turn it on', { kind: 'off' },
      'Scheduled sync is off. To turn it on, open Contact Sync and choose a schedule under **Scheduled sync**.'],
    ['daily names the time, the zone and the next run in the reader\'s time', { kind: 'daily', dailyAt: '07:30', timeZone: 'Europe/Berlin', nextRunAt: '2026-12-02T06:30:00.000Z' },
      'Scheduled sync: daily at 07:30 (Europe/Berlin). Next run: {{DATE(2026-12-02T06:30:00Z, SHORT)}} at {{TIME(2026-12-02T06:30:00Z)}}.'],
    ['every N hours', { kind: 'everyHours', everyHours: 6, nextRunAt: '2026-12-01T18:00:00Z' },
      'Scheduled sync: every 6 hours. Next run: {{DATE(2026-12-01T18:00:00Z, SHORT)}} at {{TIME(2026-12-01T18:00:00Z)}}.'],
    ['paused says how to resume', { kind: 'hourly', reconnectNeeded: true },
      'Scheduled sync: every hour. It is paused until you connect Outlook again: open Contact Sync and select Outlook Sync once.'],
    ['no next run yet', { kind: 'hourly' }, 'Scheduled sync: every hour. The next run is being planned.'],
  ])('%s', (_name, schedule, expected) => {
    expect(scheduleLine(schedule)).toBe(expected);
  });

  it.each<[ScheduleSummary, string]>([
    [{ kind: 'daily', dailyAt: '18:15' }, 'daily at 18:15'],
    [{ kind: 'off' }, 'off'],
  ])('describes %j as %j', (schedule, expected) => {
    expect(describeSchedule(schedule)).toBe(expected);
  });
});
