import { AppError } from '../errors/appError';
import type { SyncSummary } from '../sync/syncService';
import type { SyncJob } from './syncJobQueue';
import { type SyncResult, syncResultSchema } from './syncResultQueue';
import { SyncWorkerService } from './syncWorkerService';

const job: SyncJob = { tenantId: 'tenant-1', userId: 'user-1', syncId: 'sync-1', full: false, trigger: 'manual' };
const summary: SyncSummary = {
  syncId: 'sync-1', resumed: false, continued: false, new: 3, updated: 2, deleted: 1, unchanged: 4, skipped: 1,
  graphRequests: 2, tableTransactions: 3, durationMs: 123, syncDurationMs: 5123, // the card says the whole sync's
};

function workerWith(outcome: () => Promise<SyncSummary>, sendResult: (result: SyncResult) => Promise<void> = () => Promise.resolve()) {
  const results: SyncResult[] = [];
  const lines: string[] = [];
  const worker = new SyncWorkerService({
    sync: { run: outcome }, isTenantEnabled: () => Promise.resolve(true), timeBudgetMs: 1000,
    queue: { send: () => Promise.resolve() },
    results: { send: (result) => { results.push(syncResultSchema.parse(result)); return sendResult(result); } },
  });
  const log = { log: (line: string) => lines.push(line), warn: (line: string) => lines.push(line) };
  return { run: (which: SyncJob = job, finalAttempt = false) => worker.runJob(which, log, { finalAttempt }), results, lines };
}

describe('the worker announces every finished sync on the results queue', () => {
  it('a completed sync: its counts and duration', async () => {
    const worker = workerWith(() => Promise.resolve(summary));
    await expect(worker.run({ ...job, trigger: 'bot' })).resolves.toBe('completed');
    expect(worker.results).toEqual([{
      tenantId: 'tenant-1', userId: 'user-1', syncId: 'sync-1', trigger: 'bot', outcome: 'completed',
      counts: { new: 3, updated: 2, deleted: 1, unchanged: 4, skipped: 1 }, durationMs: 5123, at: expect.any(String),
    }]);
  });

  it('a sync that failed for good: its code and message', async () => {
    const worker = workerWith(() => Promise.reject(new AppError('reconnect_needed', 'Open Contact Sync in Teams to reconnect.')));
    await expect(worker.run()).resolves.toBe('failed');
    expect(worker.results).toEqual([expect.objectContaining({ outcome: 'failed', error: { code: 'reconnect_needed', message: 'Open Contact Sync in Teams to reconnect.' } })]);
  });

  it.each<[string, () => Promise<SyncSummary>]>([
    ['a sync that continues in a new job (not finished)', () => Promise.resolve({ ...summary, continued: true })],
    ['a failure the queue retries (not finished)', () => Promise.reject(new AppError('throttled', 'busy'))],
    ['a job whose sync another worker runs', () => Promise.reject(new AppError('sync_running', 'busy', { details: { syncId: 'other' } }))],
  ])('nothing for %s', async (_case, outcome) => {
    const worker = workerWith(outcome);
    await worker.run().catch(() => undefined);
    expect(worker.results).toEqual([]);
  });

  it('a results queue that fails never fails the sync', async () => {
    const worker = workerWith(() => Promise.resolve(summary), () => Promise.reject(new Error('queue down')));
    await expect(worker.run()).resolves.toBe('completed');
    expect(worker.lines.join('\n')).toContain('Sync result not announced');
  });
});

describe('a failure the queue would retry, on its last delivery', () => {
  it('is announced as failed (no retry follows), and still thrown so the message goes to the poison queue', async () => {
    const worker = workerWith(() => Promise.reject(new AppError('graph_unavailable', 'Outlook is not answering.')));
    await expect(worker.run()).rejects.toMatchObject({ code: 'graph_unavailable' });
    expect(worker.results).toEqual([]);
    await expect(worker.run(job, true)).rejects.toMatchObject({ code: 'graph_unavailable' });
    expect(worker.results).toEqual([expect.objectContaining({ outcome: 'failed', error: { code: 'graph_unavailable', message: 'Outlook is not answering.' } })]);
  });
});
