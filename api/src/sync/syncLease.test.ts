import { leaseLostError } from '../storage/heldLease';
import { MailboxStore } from '../storage/mailboxStore';
import { SyncLeaseRepository } from '../storage/syncLeaseRepository';
import { TABLES } from '../storage/tableClientFactory';
import { mailboxPartitionKey } from '../storage/tableKeys';
import { SyncHarness, type TestMailbox } from '../../../tools/src/testing/syncHarness';

let harness: SyncHarness;
beforeAll(async () => { harness = await SyncHarness.start(); });
afterAll(async () => { await harness.stop(); });
afterEach(() => { harness.graph.sim.setKnobs({ latencyMs: 0, maxPageSize: 200 }); harness.graph.sim.faults.clear(); });

function mailboxWith(count: number, folders: number): TestMailbox {
  const mailbox = harness.mailbox();
  mailbox.source.seed({ contacts: count, folders, seed: 21 });
  return mailbox;
}

describe('the lease of a running sync', () => {
  it('is renewed by one writer while four folder rounds store pages side by side (short lease)', async () => {
    const mailbox = mailboxWith(1600, 8);
    mailbox.sim.setKnobs({ latencyMs: 40, maxPageSize: 20 });
    const summary = await mailbox.sync({ leaseMs: 1000 });
    expect(summary).toMatchObject({ new: 1600, updated: 0, deleted: 0 });
    expect(await mailbox.contacts()).toHaveLength(1600);
  });
});

describe('a Retry-After longer than the cap', () => {
  it('is not waited out: the attempt fails as throttled at once, for the queue to retry', async () => {
    const mailbox = mailboxWith(300, 1);
    mailbox.sim.resetCounts();
    mailbox.sim.faults.push({ kind: '429', retryAfterSeconds: 3600, match: 'delta' });
    await expect(mailbox.sync()).rejects.toMatchObject({ code: 'throttled' });
    expect(mailbox.sim.counts.byStatus).toMatchObject({ 429: 1 });
    expect(await mailbox.history()).toEqual([expect.objectContaining({ state: 'failed' })]);
  });

  it('is not waited out inside a $batch either: a folder\'s first page fails as throttled at once', async () => {
    const mailbox = mailboxWith(300, 3);
    await mailbox.sync();
    mailbox.sim.resetCounts();
    // Incremental rounds of several folders fetch their first pages in one $batch.
    mailbox.sim.faults.push({ kind: '429', retryAfterSeconds: 3600, match: /contacts\/delta/ });
    await expect(mailbox.sync()).rejects.toMatchObject({ code: 'throttled' });
    expect(mailbox.sim.counts.byStatus).toMatchObject({ 429: 1 });
    expect(await mailbox.history()).toEqual([expect.objectContaining({ state: 'failed', problemCounts: { throttled: 1 } }), expect.anything()]);
  }, 20_000);
});

describe('a queued job whose own sync still holds the lease', () => {
  it('is thrown for a later delivery while the crashed attempt\'s lease lives, then resumes the same sync', async () => {
    const mailbox = mailboxWith(300, 2);
    const syncId = await mailbox.reserve({ fresh: false });
    // The first attempt took the reservation over and crashed: its lease lives on until it expires.
    const leases = new SyncLeaseRepository(await mailbox.tables.get(TABLES.leases), { transactions: 0 }, 1500);
    const crashed = await leases.acquire(mailbox.ref, { fresh: false, reservedSyncId: syncId, newSync: () => ({ syncId: 'x', historyKey: 'x' }) });
    const worker = mailbox.worker(60_000);
    const job = { ...mailbox.ref, syncId, full: false, trigger: 'manual' as const };

    await expect(worker.runJob(job)).rejects.toMatchObject({ code: 'sync_running', details: { syncId } });
    // A different sync meanwhile is told one is running, and its job completes without a retry.
    await expect(worker.runJob({ ...job, syncId: 'another-sync' })).resolves.toBe('skipped');

    await waitUntil(async () => ((await leases.peek(mailbox.ref))?.expiresAt ?? 0) < Date.now());
    expect(crashed.row.syncId).toBe(syncId);
    await expect(worker.runJob(job)).resolves.toBe('completed');
    expect(await mailbox.history()).toEqual([expect.objectContaining({ syncId, state: 'completed', counts: expect.objectContaining({ new: 300 }) })]);
    // Delivered once more after it finished: nothing is left to do, and no new sync starts.
    await expect(worker.runJob(job)).resolves.toBe('skipped');
    expect(await mailbox.history()).toHaveLength(1);
  });
});

describe('the fence in the mailbox\'s partition', () => {
  it('makes every transaction of a worker fail whole once a later worker took the partition', async () => {
    const mailbox = harness.mailbox();
    const client = await mailbox.tables.get(TABLES.contacts);
    const first = new MailboxStore(client, mailbox.ref, { transactions: 0 });
    const second = new MailboxStore(client, mailbox.ref, { transactions: 0 });
    await first.takeFence('worker-1', 'sync-1', () => undefined);
    const row = (id: string) => ({ partitionKey: first.partitionKey, rowKey: `c:${id}`, value: id });
    await first.transaction().upsert(row('a')).upsert(row('b')).commit();
    await first.transaction().upsert(row('c')).commit(); // consecutive commits keep the guard's ETag

    await second.takeFence('worker-2', 'sync-1', () => undefined);
    const late = first.transaction().upsert(row('d')).upsert(row('e'));
    // The error names the sync that took over (here the same sync: its job is retried, not dropped).
    await expect(late.commit()).rejects.toMatchObject({ code: 'sync_running', details: { leaseLost: true, syncId: 'sync-1' } });
    await second.transaction().upsert(row('f')).commit();
    const stored = [];
    for await (const entity of client.listEntities({ queryOptions: { filter: `PartitionKey eq '${first.partitionKey}' and RowKey ge 'c:' and RowKey lt 'c;'` } })) {
      stored.push(entity.rowKey);
    }
    expect(stored).toEqual(['c:a', 'c:b', 'c:c', 'c:f']);
  });

  it('refuses to send anything once the worker knows its lease is lost', async () => {
    const mailbox = harness.mailbox();
    const store = new MailboxStore(await mailbox.tables.get(TABLES.contacts), mailbox.ref, { transactions: 0 });
    let lost = false;
    await store.takeFence('worker-1', 'sync-1', () => { if (lost) throw leaseLostError(undefined); });
    lost = true;
    await expect(store.transaction().upsert({ partitionKey: store.partitionKey, rowKey: 'c:x' }).commit()).rejects.toMatchObject({ code: 'sync_running' });
    expect(await store.readContact('x')).toBeUndefined();
  });

  it('is not taken back by a worker frozen past its lease after another one took the sync over', async () => {
    const mailbox = harness.mailbox();
    const leases = new SyncLeaseRepository(await mailbox.tables.get(TABLES.leases), { transactions: 0 }, 200);
    const newSync = () => ({ syncId: 'sync-1', historyKey: 'k-1' });
    const frozen = await leases.acquire(mailbox.ref, { fresh: false, newSync });
    await waitUntil(async () => ((await leases.peek(mailbox.ref))?.expiresAt ?? 0) < Date.now());
    const successor = await leases.acquire(mailbox.ref, { fresh: false, newSync });
    const contacts = await mailbox.tables.get(TABLES.contacts);
    const taken = new MailboxStore(contacts, mailbox.ref, { transactions: 0 });
    await taken.takeFence(successor.row.holder, successor.row.syncId, () => undefined, successor.row.generation);

    // The frozen worker wakes before its lease check notices anything: the fence itself refuses it.
    const late = new MailboxStore(contacts, mailbox.ref, { transactions: 0 });
    await expect(late.takeFence(frozen.row.holder, frozen.row.syncId, () => undefined, frozen.row.generation))
      .rejects.toMatchObject({ code: 'sync_running', details: { leaseLost: true, syncId: 'sync-1' } });
    await expect(late.takeFence(frozen.row.holder, frozen.row.syncId, () => frozen.check(), frozen.row.generation))
      .rejects.toMatchObject({ code: 'sync_running', details: { leaseLost: true } });
    await taken.transaction().upsert({ partitionKey: taken.partitionKey, rowKey: 'c:x', id: 'x' }).commit();
    expect((await contacts.getEntity(taken.partitionKey, 'c:x')).id).toBe('x');
  });
});

describe('a job whose lease was lost with no other sync taking it over', () => {
  it('is thrown for the queue to retry, and the retry finishes the same sync', async () => {
    const mailbox = mailboxWith(1000, 2);
    mailbox.sim.setKnobs({ latencyMs: 40, maxPageSize: 20 });
    const syncId = await mailbox.reserve({ fresh: false });
    const worker = mailbox.worker(60_000, 600);
    const job = { ...mailbox.ref, syncId, full: false, trigger: 'manual' as const };
    const leases = await mailbox.tables.get(TABLES.leases);
    const leaseRow = () => leases.getEntity<Record<string, unknown>>(mailboxPartitionKey(mailbox.ref), 'sync');

    const running = worker.runJob(job);
    await waitUntil(async () => (await leaseRow()).holder !== 'queued');
    // The lease row rewritten as it is (a storage-side rewrite): the worker's next renewal meets a new ETag.
    await leases.updateEntity({ ...(await leaseRow()), partitionKey: mailboxPartitionKey(mailbox.ref), rowKey: 'sync' }, 'Replace');

    await expect(running).rejects.toMatchObject({ code: 'sync_running', details: { leaseLost: true, syncId } });
    expect(await mailbox.history()).toEqual([expect.objectContaining({ syncId, state: 'running' })]);
    await waitUntil(async () => Number((await leaseRow()).expiresAt) < Date.now());
    await expect(worker.runJob(job)).resolves.toBe('completed');
    expect(await mailbox.history()).toEqual([expect.objectContaining({ syncId, state: 'completed', counts: expect.objectContaining({ new: 1000 }) })]);
  });
});

async function waitUntil(condition: () => Promise<boolean>): Promise<void> {
  while (!(await condition())) await new Promise((resolve) => setTimeout(resolve, 50));
}
