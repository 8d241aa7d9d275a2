import { type AppErrorCode, toAppError } from '../errors/appError';
import type { SyncService } from '../sync/syncService';
import type { SyncJob } from './syncJobQueue';

/** What became of a job; anything else was thrown so that the queue retries it. */
export type SyncJobOutcome = 'completed' | 'failed' | 'skipped';

/** Where the worker reports; ids and codes only, never tokens or contact details. `InvocationContext` fits. */
export interface SyncWorkerLog {
  log(message: string): void;
  warn(message: string): void;
}

/** What {@link SyncWorkerService} needs. */
export interface SyncWorkerDeps {
  sync: Pick<SyncService, 'run'>;
  isTenantEnabled(tenantId: string): Promise<boolean>;
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
  constructor(private readonly deps: SyncWorkerDeps) {}

  async runJob(job: SyncJob, log: SyncWorkerLog): Promise<SyncJobOutcome> {
    const who = `tenant=${job.tenantId} user=${job.userId} syncId=${job.syncId ?? '-'}`;
    if (!(await this.deps.isTenantEnabled(job.tenantId))) {
      log.warn(`Sync job dropped: the tenant's Outlook integration is not enabled (${who})`);
      return 'skipped';
    }
    try {
      const summary = await this.deps.sync.run({
        mailbox: { tenantId: job.tenantId, userId: job.userId }, trigger: job.trigger, full: job.full, reservedSyncId: job.syncId,
      });
      log.log(`Sync completed (${who} resumed=${summary.resumed} new=${summary.new} updated=${summary.updated} deleted=${summary.deleted})`);
      return 'completed';
    } catch (error) {
      const appError = toAppError(error);
      if (appError.code === 'sync_running') {
        // The reservation was taken over, or this job was delivered twice: the running sync does the work.
        log.warn(`Sync job not run: another sync of the mailbox holds the lease (${who} running=${String(appError.details?.syncId)})`);
        return 'skipped';
      }
      if (FINAL_FAILURES.has(appError.code)) {
        log.warn(`Sync failed and will not be retried: ${appError.code} (${who})`);
        return 'failed';
      }
      log.warn(`Sync failed and will be retried by the queue: ${appError.code} (${who})`);
      throw appError;
    }
  }
}
