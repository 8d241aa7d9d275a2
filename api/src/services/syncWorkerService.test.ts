import { AppError, type AppErrorCode } from '../errors/appError';
import type { SyncRequest, SyncSummary } from '../sync/syncService';
import type { SyncJob } from './syncJobQueue';
import { SyncWorkerService } from './syncWorkerService';

const job: SyncJob = { tenantId: 'tenant-1', userId: 'user-1', syncId: 'sync-1', full: true, trigger: 'manual' };
const summary: SyncSummary = {
  syncId: 'sync-1', resumed: false, continued: false, new: 1, updated: 0, deleted: 0, unchanged: 0, skipped: 0,
  graphRequests: 2, tableTransactions: 3, durationMs: 4, syncDurationMs: 4,
};

function workerWith(run: (request: SyncRequest) => Promise<SyncSummary>, enabled = true) {
  const lines: string[] = [];
  const log = { log: (line: string) => lines.push(line), warn: (line: string) => lines.push(line) };
  const requests: SyncRequest[] = [];
  const sent: SyncJob[] = [];
  const worker = new SyncWorkerService({
    sync: { run: (request) => { requests.push(request); return run(request); } },
    isTenantEnabled: () => Promise.resolve(enabled),
    queue: { send: (queued) => { sent.push(queued); return Promise.resolve(); } },
    timeBudgetMs: 1234,
  });
  return { run: (which: SyncJob = job) => worker.runJob(which, log), lines, requests, sent };
}

describe('sync worker', () => {
  it('runs the job as a sync of its mailbox with its reserved id, trigger and mode', async () => {
    const worker = workerWith(() => Promise.resolve(summary));
    await expect(worker.run()).resolves.toBe('completed');
    expect(worker.requests).toEqual([{
      mailbox: { tenantId: 'tenant-1', userId: 'user-1' }, trigger: 'manual', full: true, reservedSyncId: 'sync-1',
      timeBudgetMs: 1234, continuation: undefined,
    }]);
  });

  it('queues a continuation with the same sync id when the sync stopped at its time budget', async () => {
    const worker = workerWith(() => Promise.resolve({ ...summary, continued: true }));
    await expect(worker.run({ ...job, syncId: undefined, trigger: 'schedule' })).resolves.toBe('continued');
    expect(worker.sent).toEqual([{ ...job, syncId: 'sync-1', trigger: 'schedule', continuation: true }]);
  });

  it('runs a continuation as a continuation of its sync', async () => {
    const worker = workerWith(() => Promise.resolve(summary));
    await expect(worker.run({ ...job, continuation: true })).resolves.toBe('completed');
    expect(worker.requests[0]).toMatchObject({ reservedSyncId: 'sync-1', continuation: true });
    expect(worker.sent).toEqual([]);
  });

  it.each([
    ['its own sync still holds the lease', { syncId: 'sync-1' }],
    ['another attempt of its own sync took its lease over', { syncId: 'sync-1', leaseLost: true }],
    ['its lease expired with no one taking over (renewals failed)', { leaseLost: true }],
  ])('throws, so that the queue delivers it again later, a job when %s', async (_case, details) => {
    const worker = workerWith(() => Promise.reject(new AppError('sync_running', 'busy', { details })));
    await expect(worker.run()).rejects.toMatchObject({ code: 'sync_running' });
    expect(worker.lines.join('\n')).toContain('retried later');
  });

  it.each([
    ['its sync finished already', { syncId: 'sync-1', finished: true }],
    ['another sync took its lease over', { syncId: 'other', leaseLost: true }],
  ])('completes, without retry, a job when %s', async (_case, details) => {
    const worker = workerWith(() => Promise.reject(new AppError('sync_running', 'busy', { details })));
    await expect(worker.run()).resolves.toBe('skipped');
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
