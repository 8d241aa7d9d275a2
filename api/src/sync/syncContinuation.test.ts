import { AppError } from '../errors/appError';
import type { SyncJob } from '../services/syncJobQueue';
import { SyncStatusService } from '../services/syncStatusService';
import { MailboxStore } from '../storage/mailboxStore';
import { SyncHistoryRepository } from '../storage/syncHistoryRepository';
import { SyncLeaseRepository } from '../storage/syncLeaseRepository';
import { TABLES } from '../storage/tableClientFactory';
import { SyncHarness, type TestMailbox } from '../../../tools/src/testing/syncHarness';

let harness: SyncHarness;
beforeAll(async () => { harness = await SyncHarness.start(); });
afterAll(async () => { await harness.stop(); });
afterEach(() => { harness.graph.sim.setKnobs({ latencyMs: 0, maxPageSize: 200 }); harness.graph.sim.faults.clear(); });

/** The status page's view of the mailbox, read from the real tables. */
async function statusOf(mailbox: TestMailbox) {
  const meter = { transactions: 0 };
  const service = new SyncStatusService({
    leases: async () => new SyncLeaseRepository(await mailbox.tables.get(TABLES.leases), meter, 60_000),
    history: async () => new SyncHistoryRepository(await mailbox.tables.get(TABLES.syncs), meter),
    folderStates: async (ref) => new MailboxStore(await mailbox.tables.get(TABLES.contacts), ref, meter).readFolderStates(),
  });
  return service.status({ ...mailbox.ref, name: '', upn: '', roles: [], scopes: [], rawToken: '' });
}

describe('a sync longer than one invocation', () => {
  it('stops at its time budget, queues its continuation and finishes as one sync with exact counts', async () => {
    const mailbox = harness.mailbox();
    mailbox.source.seed({ contacts: 3000, folders: 4, seed: 31 });
    // Pages of 50 that take at least 40 ms each: the sync needs far more than one 400 ms budget.
    mailbox.sim.setKnobs({ latencyMs: 40, maxPageSize: 50 });
    const worker = mailbox.worker(400);
    const syncId = await mailbox.reserve({ fresh: false });
    const outcomes: string[] = [];
    const between: Array<{ state: string; refused: unknown }> = [];
    let job: SyncJob = { ...mailbox.ref, syncId, full: false, trigger: 'manual' };
    for (let invocation = 0; invocation < 200; invocation += 1) {
      outcomes.push(await worker.runJob(job));
      const next = await mailbox.nextJob();
      if (!next) break;
      expect(next).toMatchObject({ syncId, continuation: true });
      between.push({ state: (await statusOf(mailbox)).state, refused: await mailbox.reserve({ fresh: true }).catch((error: unknown) => error) });
      job = { ...job, ...next };
    }

    expect(outcomes.length).toBeGreaterThanOrEqual(2);
    expect(outcomes.at(-1)).toBe('completed');
    expect(outcomes.slice(0, -1).every((outcome) => outcome === 'continued')).toBe(true);
    for (const { state, refused } of between) {
      expect(state).toBe('running');
      expect(refused).toBeInstanceOf(AppError);
      expect(refused).toMatchObject({ code: 'sync_running', details: { syncId } });
    }
    const history = await mailbox.history();
    expect(history).toHaveLength(1);
    expect(history[0]).toMatchObject({ syncId, state: 'completed', resumes: 0, counts: { new: 3000, updated: 0, deleted: 0, unchanged: 0, skipped: 0 } });
    // One result for the bot, when the sync ends, with the whole sync's duration (not its last invocation's).
    const { startedAt, endedAt } = history[0] ?? { startedAt: '', endedAt: '' };
    expect(worker.results).toEqual([expect.objectContaining({ syncId, outcome: 'completed', durationMs: Date.parse(endedAt) - Date.parse(startedAt) })]);
    expect(await mailbox.contacts()).toHaveLength(3000);
    expect((await statusOf(mailbox)).state).toBe('completed');
  });
});

/** Runs a queued sync job and its continuations (at most `limit` invocations); returns their outcomes. */
async function runQueued(mailbox: TestMailbox, timeBudgetMs: number, limit: number): Promise<string[]> {
  const worker = mailbox.worker(timeBudgetMs);
  let job: SyncJob = { ...mailbox.ref, syncId: await mailbox.reserve({ fresh: false }), full: false, trigger: 'manual' };
  const outcomes: string[] = [];
  for (let invocation = 0; invocation < limit; invocation += 1) {
    outcomes.push(await worker.runJob(job));
    const next = await mailbox.nextJob();
    if (!next) break;
    job = { ...job, ...next };
  }
  return outcomes;
}

describe('a sync whose time budget runs out early', () => {
  it('ends as failed with the folder\'s error (reconnect needed), not as an endless continuation', async () => {
    const mailbox = harness.mailbox();
    mailbox.source.seed({ contacts: 10, folders: 0, seed: 3 });
    mailbox.sim.faults.push({ kind: '401', match: /contacts\/delta/, times: 100 });
    mailbox.sim.setKnobs({ latencyMs: 30 });

    expect(await runQueued(mailbox, 5, 4)).toEqual(['failed']);
    const [record] = await mailbox.history();
    expect(record).toMatchObject({ state: 'failed', problemCounts: { reconnect_needed: 1 } });
    expect(record?.endedAt).not.toBe('');
  });

  it('ends in the same invocation when the budget ran out on the last round\'s page, with no continuation', async () => {
    const mailbox = harness.mailbox();
    mailbox.source.seed({ contacts: 50, folders: 0, seed: 6 });
    await mailbox.sync();
    const [changed] = mailbox.source.listContacts() as Array<{ id: string }>;
    if (!changed) throw new Error('no contact');
    mailbox.source.updateContact(changed.id, { givenName: 'Changed' });
    mailbox.sim.setKnobs({ latencyMs: 30 });

    expect(await runQueued(mailbox, 5, 4)).toEqual(['completed']);
    expect((await mailbox.history())[0]).toMatchObject({ state: 'completed', counts: expect.objectContaining({ updated: 1 }) });
  });

  it('completes an incremental sync of untouched folders instead of continuing it without progress', async () => {
    const mailbox = harness.mailbox();
    mailbox.source.seed({ contacts: 50, folders: 6, seed: 5 });
    await mailbox.sync();
    mailbox.sim.setKnobs({ latencyMs: 30 });

    expect(await runQueued(mailbox, 5, 4)).toEqual(['completed']);
    expect(await mailbox.history()).toEqual([
      expect.objectContaining({ state: 'completed', counts: expect.objectContaining({ unchanged: 0, new: 0 }) }),
      expect.objectContaining({ state: 'completed' }),
    ]);
  });
});

describe('the history of a sync resumed across invocations', () => {
  it('clears the end time of a failed sync while it runs again, and counts a crashed continuation\'s retry as a resume', async () => {
    const mailbox = harness.mailbox();
    mailbox.source.seed({ contacts: 1500, folders: 2, seed: 8 });
    mailbox.sim.faults.push({ kind: '503', retryAfterSeconds: 0, match: /skiptoken/, times: 100 });
    await expect(mailbox.sync()).rejects.toMatchObject({ code: 'graph_unavailable' });
    mailbox.sim.faults.clear();
    const [failed] = await mailbox.history();
    expect(failed).toMatchObject({ state: 'failed', resumes: 0, endedAt: expect.stringMatching(/\d/) });

    mailbox.sim.setKnobs({ latencyMs: 40, maxPageSize: 50 });
    const syncId = await mailbox.reserve({ fresh: false });
    const job: SyncJob = { ...mailbox.ref, syncId, full: false, trigger: 'manual' };
    expect(await mailbox.worker(300).runJob(job)).toBe('continued');
    expect((await mailbox.history())[0]).toMatchObject({ syncId: failed?.syncId, state: 'running', endedAt: '', resumes: 1 });

    // The continuation's first delivery takes the hand-over and crashes; the queue delivers it again.
    const continuation = await mailbox.nextJob();
    if (!continuation) throw new Error('no continuation queued');
    const leases = new SyncLeaseRepository(await mailbox.tables.get(TABLES.leases), { transactions: 0 }, 200);
    await leases.acquire(mailbox.ref, { fresh: false, reservedSyncId: syncId, newSync: () => ({ syncId: 'x', historyKey: 'x' }) });
    while (((await leases.peek(mailbox.ref))?.expiresAt ?? 0) >= Date.now()) await new Promise((r) => setTimeout(r, 50));
    mailbox.sim.setKnobs({ latencyMs: 0, maxPageSize: 200 });
    expect(await mailbox.worker(60_000).runJob({ ...job, ...continuation })).toBe('completed');

    expect(await mailbox.history()).toEqual([expect.objectContaining({ state: 'completed', resumes: 2, counts: expect.objectContaining({ new: 1500 }) })]);
  });
});
