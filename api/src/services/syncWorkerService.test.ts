import { AppError, type AppErrorCode } from '../errors/appError';
import type { SyncRequest, SyncSummary } from '../sync/syncService';
import type { SyncJob } from './syncJobQueue';
import { SyncWorkerService } from './syncWorkerService';

const job: SyncJob = { tenantId: 'tenant-1', userId: 'user-1', syncId: 'sync-1', full: true, trigger: 'manual' };
const summary: SyncSummary = {
  syncId: 'sync-1', resumed: false, continued: false, new: 1, updated: 0, deleted: 0, unchanged: 0, skipped: 0,
  graphRequests: 2, tableTransactions: 3, durationMs: 4,
};

function workerWith(run: (request: SyncRequest) => Promise<SyncSummary>, enabled = true) {
  const lines: string[] = [];
  const log = { log: (line: string) => lines.push(line), warn: (line: string) => lines.push(line) };
  const requests: SyncRequest[] = [];
  const worker = new SyncWorkerService({
    sync: { run: (request) => { requests.push(request); return run(request); } },
    isTenantEnabled: () => Promise.resolve(enabled),
  });
  return { run: () => worker.runJob(job, log), lines, requests };
}

describe('sync worker', () => {
  it('runs the job as a sync of its mailbox with its reserved id, trigger and mode', async () => {
    const worker = workerWith(() => Promise.resolve(summary));
    await expect(worker.run()).resolves.toBe('completed');
    expect(worker.requests).toEqual([{
      mailbox: { tenantId: 'tenant-1', userId: 'user-1' }, trigger: 'manual', full: true, reservedSyncId: 'sync-1',
    }]);
  });

  it('drops the job without syncing when the tenant is no longer enabled', async () => {
    const worker = workerWith(() => Promise.resolve(summary), false);
    await expect(worker.run()).resolves.toBe('skipped');
    expect(worker.requests).toEqual([]);
  });

  it('completes, without retry, a job whose lease another sync holds', async () => {
    const worker = workerWith(() => Promise.reject(new AppError('sync_running', 'busy', { details: { syncId: 'other' } })));
    await expect(worker.run()).resolves.toBe('skipped');
    expect(worker.lines.join('\n')).toContain('running=other');
  });

  it.each<AppErrorCode>(['reconnect_needed', 'consent_required', 'configuration_invalid'])(
    'completes a job that failed with %s (recorded by the engine, not retried)',
    async (code) => {
      const worker = workerWith(() => Promise.reject(new AppError(code, 'act')));
      await expect(worker.run()).resolves.toBe('failed');
    },
  );

  it.each<AppErrorCode>(['throttled', 'graph_unavailable', 'internal'])('throws %s so that the queue retries', async (code) => {
    const worker = workerWith(() => Promise.reject(new AppError(code, 'later')));
    await expect(worker.run()).rejects.toMatchObject({ code });
  });

  it('throws unknown errors as internal, for a retry', async () => {
    const worker = workerWith(() => Promise.reject(new Error('socket hang up')));
    await expect(worker.run()).rejects.toMatchObject({ code: 'internal' });
  });
});
