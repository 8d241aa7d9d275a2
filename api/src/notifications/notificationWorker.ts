import type { MailboxRef } from '../contacts/contactModel';
import { toAppError } from '../errors/appError';
import type { SyncRequestService } from '../services/syncRequestService';
import type { SyncResultQueue } from '../services/syncResultQueue';
import { jobMailbox } from './notificationIntake';
import type { NotificationJob, NotificationJobQueue } from './notificationJobQueue';
import type { KeepOutcome, SubscriptionKeeper } from './subscriptionKeeper';
import type { SubscriptionStore } from './subscriptionStore';

/** While another sync of the mailbox runs, a notified change is looked at again this often. */
export const RUNNING_RETRY_SECONDS = 10;

/** What became of a notification job. */
export type NotificationOutcome = 'queued' | 'running' | 'renewed' | 'recreated' | 'reconnect_needed' | 'off' | 'failed';

/** What {@link NotificationWorker} needs. */
export interface NotificationWorkerDeps {
  store: () => Promise<Pick<SubscriptionStore, 'clearPending' | 'markPending' | 'listFor'>>;
  keeper: Pick<SubscriptionKeeper, 'renew' | 'recreate' | 'drop'>;
  requests: Pick<SyncRequestService, 'requestBackgroundSync'>;
  queue: NotificationJobQueue;
  /** Where the user is told to reconnect (the bot's card), as the planner does for a scheduled sync. */
  results?: Pick<SyncResultQueue, 'send'>;
  instantAllowed(tenantId: string): Promise<boolean>;
  now?: () => number;
}

/**
 * Runs the work a notification asked for: the ordinary incremental delta sync of the mailbox (trigger
 * `notification`), a renewal, or a re-creation. Nothing of the notification's body reaches here but the
 * mailbox its subscription belongs to.
 */
export class NotificationWorker {
  constructor(private readonly deps: NotificationWorkerDeps) {}

  async run(job: NotificationJob): Promise<NotificationOutcome> {
    const mailbox = jobMailbox(job);
    if (job.kind === 'renew') return this.kept(mailbox, await this.deps.keeper.renew(mailbox), 'renewed');
    if (job.kind === 'recreate') {
      const outcome = await this.deps.keeper.recreate(mailbox, job.subscriptionId ?? '');
      if (outcome !== 'kept') return this.kept(mailbox, outcome, 'recreated');
      // No notification came while the subscription was gone: a sync picks up what changed meanwhile.
      await this.sync(mailbox);
      return 'recreated';
    }
    return this.sync(mailbox);
  }

  private async sync(mailbox: MailboxRef): Promise<NotificationOutcome> {
    const store = await this.deps.store();
    // Cleared before the sync is asked for: a change notified from now on marks and queues again, so none is
    // left behind by the sync queued here (it reads Graph after this point).
    await store.clearPending(mailbox);
    if (!(await this.deps.instantAllowed(mailbox.tenantId))) {
      await this.deps.keeper.drop(mailbox, 'off');
      return 'off';
    }
    // A notification that was in flight when the user disconnected (or the policy dropped them) starts nothing.
    if ((await store.listFor(mailbox)).length === 0) return 'off';
    try {
      await this.deps.requests.requestBackgroundSync(mailbox, 'notification');
      return 'queued';
    } catch (error) {
      const code = toAppError(error).code;
      if (code === 'sync_running') {
        // That sync may have read the folder before this change: look again once it is done.
        if (await store.markPending(mailbox, (this.deps.now ?? Date.now)())) {
          await this.deps.queue.send({ kind: 'sync', ...mailbox }, { delaySeconds: RUNNING_RETRY_SECONDS });
        }
        return 'running';
      }
      if (code === 'reconnect_needed' || code === 'consent_required') return this.kept(mailbox, 'reconnect_needed', 'queued');
      throw error;
    }
  }

  private async kept(mailbox: MailboxRef, outcome: KeepOutcome, done: NotificationOutcome): Promise<NotificationOutcome> {
    if (outcome === 'kept') return done;
    if (outcome === 'reconnect_needed') {
      await this.deps.keeper.drop(mailbox, 'reconnect_needed', false);
      await tellReconnect(this.deps.results, mailbox);
      return 'reconnect_needed';
    }
    return outcome;
  }
}

/** Tells the user (the bot's card) that instant sync stopped until they reconnect in the tab. */
export async function tellReconnect(results: Pick<SyncResultQueue, 'send'> | undefined, mailbox: MailboxRef): Promise<void> {
  await results?.send({
    ...mailbox, trigger: 'notification', outcome: 'reconnect_needed', at: new Date().toISOString(),
    error: { code: 'reconnect_needed', message: 'Instant sync has stopped: open Contact Sync in Teams to reconnect your Outlook.' },
  });
}
