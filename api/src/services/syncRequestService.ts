import { randomUUID } from 'node:crypto';
import { DEFAULT_POLICY, type TenantSettingsStore } from '../admin/tenantSettings';
import type { MailboxRef } from '../contacts/contactModel';
import type { CallerIdentity, TokenBroker } from '../identity';
import { SyncHistoryRepository, type SyncTrigger } from '../storage/syncHistoryRepository';
import type { AcquireOptions, LeaseRow, SyncLeaseRepository } from '../storage/syncLeaseRepository';
import type { UserRowStore } from '../storage/userRowStore';
import { AppError } from '../errors/appError';
import { mailboxOf, requireMaySync } from './permissions';
import type { SyncJobQueue } from './syncJobQueue';

/** A queued sync stays reserved this long: a second request meanwhile is told a sync is running. */
export const RESERVATION_MS = 10 * 60_000;

/** What {@link SyncRequestService} needs. */
export interface SyncRequestDeps {
  settings: Pick<TenantSettingsStore, 'getPolicy'>;
  broker: Pick<TokenBroker, 'exchange' | 'tokenForBackground'>;
  leases(): Promise<Pick<SyncLeaseRepository, 'peek' | 'reserve' | 'acquire'>>;
  queue: SyncJobQueue;
  /** Keeps the caller's display name on their users row (the company's health view shows it). */
  names?: Pick<UserRowStore, 'rememberName'>;
  now?: () => number;
}

/** Who starts a sync without the user in the tab. */
export type BackgroundTrigger = Extract<SyncTrigger, 'bot' | 'schedule' | 'notification'>;

/** The sync a request queued. */
export interface SyncAccepted {
  syncId: string;
}

/**
 * The "sync my contacts now" use case: the policy allows it, Entra still has the user's consent (and the
 * token cache for the worker is refreshed), no other sync runs, and the job is queued.
 */
export class SyncRequestService {
  constructor(private readonly deps: SyncRequestDeps) {}

  async requestSync(caller: CallerIdentity, options: { full: boolean }): Promise<SyncAccepted> {
    const mailbox = mailboxOf(caller);
    requireMaySync(caller, (await this.deps.settings.getPolicy(caller.tenantId)) ?? DEFAULT_POLICY);
    if (caller.name) await this.deps.names?.rememberName(mailbox, caller.name);
    const leases = await this.deps.leases();
    // A second press while a sync runs is answered from one table read, before the exchange costs Entra;
    // the reservation below stays the race-safe check (ETag) for presses that pass this peek together.
    refuseWhileRunning(await leases.peek(mailbox), (this.deps.now ?? Date.now)());
    // Asks Entra now, so a missing consent is a 403 the tab can act on, not a failed background sync.
    await this.deps.broker.exchange(caller.rawToken, mailbox);
    return this.reserveAndQueue(leases, mailbox, options.full, 'manual');
  }

  /**
   * A sync the user did not start in the tab (the bot's `sync contacts`, the schedule): it runs on the user's
   * stored delegated consent, which was given in the tab, where the policy was checked. 409 `sync_running`
   * while a sync runs; `reconnect_needed` (and the user marked so) when no stored consent works any more.
   */
  async requestBackgroundSync(mailbox: MailboxRef, trigger: BackgroundTrigger): Promise<SyncAccepted> {
    const leases = await this.deps.leases();
    refuseWhileRunning(await leases.peek(mailbox), (this.deps.now ?? Date.now)());
    // Proves the stored grant works now (the worker reuses the token it leaves), so the bot can answer with
    // a connect card at once instead of a failed sync later.
    await this.deps.broker.tokenForBackground(mailbox.tenantId, mailbox.userId);
    return this.reserveAndQueue(leases, mailbox, false, trigger);
  }

  private async reserveAndQueue(leases: Pick<SyncLeaseRepository, 'reserve' | 'acquire'>, mailbox: MailboxRef, full: boolean, trigger: SyncTrigger): Promise<SyncAccepted> {
    const start = this.startOptions(full);
    const { syncId } = await leases.reserve(mailbox, start, RESERVATION_MS);
    try {
      await this.deps.queue.send({ ...mailbox, syncId, full, trigger });
    } catch (error) {
      await cancelReservation(leases, mailbox, { ...start, reservedSyncId: syncId }).catch(() => undefined);
      throw error;
    }
    return { syncId };
  }

  private startOptions(full: boolean): AcquireOptions {
    const now = this.deps.now ?? Date.now;
    return {
      fresh: full,
      newSync: () => {
        const syncId = randomUUID();
        return { syncId, historyKey: SyncHistoryRepository.historyKey(now(), syncId) };
      },
    };
  }
}

/** The same 409 the reservation gives, when the lease is held (by a running or a queued sync). */
function refuseWhileRunning(lease: LeaseRow | undefined, now: number): void {
  if (lease && lease.expiresAt > now) {
    throw new AppError('sync_running', 'A sync of this mailbox is already running.', { details: { syncId: lease.syncId } });
  }
}

/** Takes over the reservation and lets it go unfinished, so the next request is not told a sync runs. */
async function cancelReservation(leases: Pick<SyncLeaseRepository, 'acquire'>, mailbox: MailboxRef, start: AcquireOptions): Promise<void> {
  const held = await leases.acquire(mailbox, start);
  await held.release(false);
}
