import { type AppError, toAppError } from '../errors/appError';
import type { SyncSummary } from '../sync/syncService';
import type { SyncJob } from './syncJobQueue';
import type { SyncResult, SyncResultQueue } from './syncResultQueue';

/** Where the announcer reports a result it could not queue. */
interface AnnounceLog {
  warn(message: string): void;
}

/**
 * Puts each finished sync on the results queue for the bot's notifier. A failing queue never fails the
 * sync (the result is in the history either way): it is logged, not thrown.
 */
export class SyncResultAnnouncer {
  constructor(private readonly queue: SyncResultQueue | undefined) {}

  completed(job: SyncJob, summary: SyncSummary, log: AnnounceLog): Promise<void> {
    // An instant sync follows every edit in Outlook: a card for each would be noise. Its failures are announced.
    if (job.trigger === 'notification') return Promise.resolve();
    const { new: added, updated, deleted, unchanged, skipped } = summary;
    return this.send({
      ...basics(job), syncId: summary.syncId, outcome: 'completed',
      counts: { new: added, updated, deleted, unchanged, skipped }, durationMs: Math.round(summary.syncDurationMs),
    }, log);
  }

  failed(job: SyncJob, error: AppError, log: AnnounceLog): Promise<void> {
    return this.send({ ...basics(job), outcome: 'failed', error: { code: error.code, message: error.message } }, log);
  }

  private async send(result: SyncResult, log: AnnounceLog): Promise<void> {
    if (!this.queue) return;
    try {
      await this.queue.send(result);
    } catch (error) {
      log.warn(`Sync result not announced: ${toAppError(error).code} (tenant=${result.tenantId} user=${result.userId} syncId=${result.syncId ?? '-'})`);
    }
  }
}

function basics(job: SyncJob): Pick<SyncResult, 'tenantId' | 'userId' | 'syncId' | 'trigger' | 'at'> {
  return { tenantId: job.tenantId, userId: job.userId, syncId: job.syncId, trigger: job.trigger, at: new Date().toISOString() };
}
