import type { MailboxRef } from '../contacts/contactModel';
import { toAppError } from '../errors/appError';
import type { SyncRequestService } from '../services/syncRequestService';
import type { SyncResultQueue } from '../services/syncResultQueue';
import type { InstantState } from './instantState';
import { tellReconnect } from './notificationWorker';
import type { SubscriptionKeeper } from './subscriptionKeeper';
import type { SubscriptionStore } from './subscriptionStore';

/** A mailbox on instant sync whose last completed sync is older than this gets a safety sync at its renewal. */
export const SAFETY_SYNC_AFTER_MS = 20 * 3_600_000;

/** What one timer run did. */
export interface RenewalReport {
  due: number;
  renewed: number;
  off: number;
  reconnectNeeded: number;
  failed: number;
  /** Safety syncs queued (no sync completed in the last 20 hours: a lost notification is caught here). */
  safetySyncs: number;
}

/** What {@link RenewalPlanner} needs. */
export interface RenewalPlannerDeps {
  store: () => Promise<Pick<SubscriptionStore, 'dueRenewals' | 'deleteRenewal'>>;
  keeper: Pick<SubscriptionKeeper, 'renew'>;
  state: Pick<InstantState, 'read'>;
  /** When the user's last sync completed (ISO, '' when never). */
  lastCompletedAt(mailbox: MailboxRef): Promise<string>;
  requests: Pick<SyncRequestService, 'requestBackgroundSync'>;
  results?: Pick<SyncResultQueue, 'send'>;
  now?: () => number;
}

/**
 * The renewal timer's use case: every mailbox whose entry is due has its subscriptions renewed (well before
 * their 70-hour expiry) and, when no sync completed for 20 hours, a safety sync queued, so a notification
 * Graph never delivered delays a change by a day at most, and never loses it.
 */
export class RenewalPlanner {
  constructor(private readonly deps: RenewalPlannerDeps) {}

  async run(): Promise<RenewalReport> {
    const now = (this.deps.now ?? Date.now)();
    const report: RenewalReport = { due: 0, renewed: 0, off: 0, reconnectNeeded: 0, failed: 0, safetySyncs: 0 };
    const store = await this.deps.store();
    const due: Array<{ bucket: string; mailbox: MailboxRef }> = [];
    for await (const entry of store.dueRenewals(new Date(now))) due.push(entry);
    for (const { bucket, mailbox } of due) {
      report.due += 1;
      const outcome = await this.deps.keeper.renew(mailbox).catch(() => 'failed' as const);
      if (outcome === 'kept') report.renewed += 1;
      else if (outcome === 'off') report.off += 1;
      else if (outcome === 'failed') report.failed += 1;
      else {
        report.reconnectNeeded += 1;
        await tellReconnect(this.deps.results, mailbox);
      }
      if (outcome === 'kept' && (await this.safetySync(mailbox, now))) report.safetySyncs += 1;
      // An entry the users row no longer names (planned again, or dropped) is not read again.
      if ((await this.deps.state.read(mailbox)).renewBucket !== bucket) await store.deleteRenewal(bucket, mailbox);
    }
    return report;
  }

  private async safetySync(mailbox: MailboxRef, now: number): Promise<boolean> {
    const last = Date.parse(await this.deps.lastCompletedAt(mailbox));
    if (Number.isFinite(last) && now - last < SAFETY_SYNC_AFTER_MS) return false;
    try {
      await this.deps.requests.requestBackgroundSync(mailbox, 'schedule');
      return true;
    } catch (error) {
      // A running sync does the same work; a refused grant was just handled by the renewal.
      // Anything else (throttled…) leaves it to the next renewal or notification; the renewal itself is done.
      void toAppError(error);
      return false;
    }
  }
}
