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
afterEach(() => { harness.graph.sim.setKnobs({ latencyMs: 0, maxPageSize: 200 }); });

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
    expect(await mailbox.contacts()).toHaveLength(3000);
    expect((await statusOf(mailbox)).state).toBe('completed');
  }, 180_000); // thousands of new contacts, each with its phonebook index rows, on a shared machine's Azurite
});
