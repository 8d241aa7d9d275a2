import { DEFAULT_POLICY, type SyncPolicy, type TenantSettingsStore } from '../admin/tenantSettings';
import type { MailboxRef } from '../contacts/contactModel';
import { AppError } from '../errors/appError';
import type { CallerIdentity, TokenBroker } from '../identity';
import { mailboxOf, requireMaySync } from '../services/permissions';
import { bucketOf, nextRunAfter, type ScheduleChoice, type ScheduleKind } from './nextRun';
import type { ScheduleStore, StoredSchedule } from './scheduleStore';

/** A schedule as the API, the tab and the bot show it (`GET /api/me`, `GET /api/me/schedule`). */
export interface ScheduleView {
  kind: ScheduleKind;
  everyHours?: number;
  dailyAt?: string;
  timeZone?: string;
  /** ISO time of the next planned run; absent when off, or while the user must reconnect. */
  nextRunAt?: string;
  /** True while scheduled runs wait for the user to reconnect (their consent is gone). */
  reconnectNeeded?: boolean;
}

/** Reads a user's schedule for other views (`GET /api/me`, the bot's `sync status`); undefined when never chosen. */
export interface ScheduleReader {
  read(mailbox: MailboxRef): Promise<ScheduleView | undefined>;
}

/** What {@link ScheduleService} needs. */
export interface ScheduleServiceDeps {
  store(): Promise<Pick<ScheduleStore, 'read' | 'save'>>;
  settings: Pick<TenantSettingsStore, 'getPolicy'>;
  broker: Pick<TokenBroker, 'exchange'>;
  now?: () => Date;
}

/** The user's own schedule: read, choose within the admin policy, and re-plan after a reconnect. */
export class ScheduleService implements ScheduleReader {
  constructor(private readonly deps: ScheduleServiceDeps) {}

  async read(mailbox: MailboxRef): Promise<ScheduleView | undefined> {
    const stored = await (await this.deps.store()).read(mailbox);
    return stored && viewOf(stored);
  }

  /** `GET /api/me/schedule`: the stored schedule, `off` when never chosen. */
  async get(caller: CallerIdentity): Promise<ScheduleView> {
    return (await this.read(mailboxOf(caller))) ?? { kind: 'off' };
  }

  /**
   * `PUT /api/me/schedule`: 403 `forbidden` unless the policy lets the caller sync and allows the kind (`off`
   * always is). Turning a schedule on exchanges the caller's token now, so the grant the runs use is fresh
   * (403 `consent_required` when consent is missing); that also ends a reconnect-needed pause.
   */
  async put(caller: CallerIdentity, choice: ScheduleChoice): Promise<ScheduleView> {
    const mailbox = mailboxOf(caller);
    if (choice.kind !== 'off') {
      const policy = (await this.deps.settings.getPolicy(caller.tenantId)) ?? DEFAULT_POLICY;
      requireMaySync(caller, policy);
      requireAllowed(choice.kind, policy);
      await this.deps.broker.exchange(caller.rawToken, mailbox);
    }
    return this.plan(mailbox, choice);
  }

  /** After a successful exchange: a user whose runs waited for a reconnect is planned again (one point read otherwise). */
  async resumeAfterReconnect(mailbox: MailboxRef): Promise<void> {
    const stored = await (await this.deps.store()).read(mailbox);
    if (stored?.suspended && stored.choice.kind !== 'off') await this.plan(mailbox, stored.choice, stored.bucket);
  }

  private async plan(mailbox: MailboxRef, choice: ScheduleChoice, previous?: string): Promise<ScheduleView> {
    const store = await this.deps.store();
    const previousBucket = previous ?? (await store.read(mailbox))?.bucket ?? '';
    const runAt = nextRunAfter(choice, (this.deps.now ?? (() => new Date()))());
    await store.save(mailbox, choice, runAt && { runAt, bucket: bucketOf(runAt) }, previousBucket);
    return viewOf({ choice, nextRunAt: runAt, bucket: '', suspended: false });
  }
}

function requireAllowed(kind: ScheduleKind, policy: Pick<SyncPolicy, 'allowedSchedules'>): void {
  if (policy.allowedSchedules.includes(kind)) return;
  throw new AppError('forbidden', 'Your organisation does not allow this sync schedule. Choose one of the schedules offered.', {
    details: { allowedSchedules: ['off', ...policy.allowedSchedules.filter((allowed) => allowed !== 'off')] },
  });
}

function viewOf(stored: StoredSchedule): ScheduleView {
  const { kind, everyHours, dailyAt, timeZone } = stored.choice;
  return {
    kind,
    ...(kind === 'everyHours' ? { everyHours } : {}),
    ...(kind === 'daily' ? { dailyAt, timeZone } : {}),
    ...(stored.nextRunAt ? { nextRunAt: stored.nextRunAt.toISOString() } : {}),
    ...(stored.suspended ? { reconnectNeeded: true } : {}),
  };
}
