import { type AppError, type AppErrorCode, toAppError } from '../errors/appError';
import { causeOf } from '../http/errorResponse';
import type { SyncService } from '../sync/syncService';
import type { SyncJob, SyncJobQueue } from './syncJobQueue';
import { SyncResultAnnouncer } from './syncResultAnnouncer';
import type { SyncResultQueue } from './syncResultQueue';

/** What became of a job; anything else was thrown so that the queue retries it. */
export type SyncJobOutcome = 'completed' | 'continued' | 'failed' | 'skipped';

/** Where the worker reports; ids and codes only, never tokens or contact details. `InvocationContext` fits. */
export interface SyncWorkerLog {
  log(message: string): void;
  warn(message: string): void;
}

/** What {@link SyncWorkerService} needs. */
export interface SyncWorkerDeps {
  sync: Pick<SyncService, 'run'>;
  isTenantEnabled(tenantId: string): Promise<boolean>;
  /** Where a sync that stopped at its time budget queues its continuation. */
  queue: SyncJobQueue;
  /** `SYNC_TIME_BUDGET_MS`: one invocation syncs this long at most, then queues its continuation. */
  timeBudgetMs: number;
  /** Where every finished sync (completed, or failed for good) is announced to the bot's notifier. */
  results?: SyncResultQueue;
  /**
   * After a completed sync: keeps the mailbox's Graph subscriptions (instant sync) in step with the folders it
   * found. Its failure never fails the sync: it is on the users row for the health view, and logged.
   */
  afterCompleted?(mailbox: { tenantId: string; userId: string }): Promise<unknown>;
}

/** How the queue delivered the job. */
export interface SyncJobDelivery {
  /** The queue's last delivery (`maxDequeueCount`): a failure now is final, no retry follows. */
  finalAttempt?: boolean;
}

/**
 * Failures a retry cannot fix: the user must act (consent, reconnect) or the settings are wrong. The
 * engine has recorded them in the sync's history; the job completes. Everything else (throttled,
 * graph_unavailable, internal) is thrown, and the queue's retry resumes the sync from its checkpoints.
 */
const FINAL_FAILURES: ReadonlySet<AppErrorCode> = new Set<AppErrorCode>([
  'reconnect_needed', 'consent_required', 'unauthorized', 'forbidden', 'configuration_invalid',
  'invalid_request', 'not_found', 'integration_missing',
]);

/** Runs one queued sync job. */
export class SyncWorkerService {
  private readonly announcer: SyncResultAnnouncer;

  constructor(private readonly deps: SyncWorkerDeps) {
    this.announcer = new SyncResultAnnouncer(deps.results);
  }

  async runJob(job: SyncJob, log: SyncWorkerLog, delivery: SyncJobDelivery = {}): Promise<SyncJobOutcome> {
    const who = `tenant=${job.tenantId} user=${job.userId} syncId=${job.syncId ?? '-'}${job.continuation ? ' continuation' : ''}`;
    if (!(await this.deps.isTenantEnabled(job.tenantId))) {
      log.warn(`Sync job dropped: the tenant's Outlook integration is not enabled (${who})`);
      return 'skipped';
    }
    try {
      const summary = await this.deps.sync.run({
        mailbox: { tenantId: job.tenantId, userId: job.userId }, trigger: job.trigger, full: job.full, reservedSyncId: job.syncId,
        timeBudgetMs: this.deps.timeBudgetMs, continuation: job.continuation,
      });
      if (summary.continued) {
        // The lease is kept for the continuation; if this send fails, the job is retried and takes it.
        await this.deps.queue.send({ ...job, syncId: summary.syncId, continuation: true });
        log.log(`Sync reached its time budget and continues in a new job (${who} syncId=${summary.syncId})`);
        return 'continued';
      }
      log.log(`Sync completed (${who} resumed=${summary.resumed} new=${summary.new} updated=${summary.updated} deleted=${summary.deleted})`);
      await this.announcer.completed(job, summary, log);
      await this.deps.afterCompleted?.({ tenantId: job.tenantId, userId: job.userId })
        .catch((error: unknown) => log.warn(`Instant sync not kept up: ${toAppError(error).code} (${who})`));
      return 'completed';
    } catch (error) {
      return this.failedAndAnnounced(job, toAppError(error), who, log, delivery);
    }
  }


  /** A failure is announced once it is final: not retried, or thrown on the queue's last delivery. */
  private async failedAndAnnounced(job: SyncJob, appError: AppError, who: string, log: SyncWorkerLog, delivery: SyncJobDelivery): Promise<SyncJobOutcome> {
    let outcome: SyncJobOutcome;
    try {
      outcome = this.failed(job, appError, who, log);
    } catch (retried) {
      if (delivery.finalAttempt && appError.code !== 'sync_running') await this.announcer.failed(job, appError, log);
      throw retried;
    }
    if (outcome === 'failed') await this.announcer.failed(job, appError, log);
    return outcome;
  }

  private failed(job: SyncJob, appError: AppError, who: string, log: SyncWorkerLog): SyncJobOutcome {
    if (appError.code === 'sync_running') {
      const running = String(appError.details?.syncId);
      if (appError.details?.finished === true) {
        log.warn(`Sync job not run: its sync has finished already (${who})`);
        return 'skipped';
      }
      // A lease that expired with no one taking over (renewals failed) has no winner: no one does the work.
      const nobody = appError.details?.leaseLost === true && appError.details.syncId === undefined;
      if (nobody || (job.syncId !== undefined && running === job.syncId)) {
        // This job's own sync holds the lease: an earlier attempt timed out or crashed and its lease has not
        // expired yet, the job was delivered twice, or another attempt took this one's lease over (it may
        // crash too). Or no one holds it. Thrown, so the queue delivers it again later.
        log.warn(`Sync job retried later: an attempt of this sync holds the lease, or no one does (${who})`);
        throw appError;
      }
      // Another sync holds the lease, or took it over from this attempt: that sync does the work.
      log.warn(`Sync job not run: another sync of the mailbox holds the lease (${who} running=${running})`);
      return 'skipped';
    }
    if (FINAL_FAILURES.has(appError.code)) {
      log.warn(`Sync failed and will not be retried: ${appError.code} (${who})${causeOf(appError)}`);
      return 'failed';
    }
    log.warn(`Sync failed and will be retried by the queue: ${appError.code} (${who})${causeOf(appError)}`);
    throw appError;
  }
}
