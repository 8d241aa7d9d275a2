import type { TableClient, TableEntity } from '@azure/data-tables';
import { TABLES, type TableName, TableClientFactory } from '../storage/tableClientFactory';
import { simToken } from '../../../tools/src/graphSimulator';
import { SyncHarness, type TestMailbox } from '../../../tools/src/testing/syncHarness';
import { createSyncService } from './syncServiceFactory';

let harness: SyncHarness;
beforeAll(async () => { harness = await SyncHarness.start(); });
afterAll(async () => { await harness.stop(); });
afterEach(() => { harness.graph.sim.faults.clear(); });

/** A first attempt that stores the default folder's first page (and small folders whole), then fails on page 2. */
async function failOnSecondPages(mailbox: TestMailbox): Promise<void> {
  mailbox.sim.faults.push({ kind: '503', retryAfterSeconds: 0, match: /skiptoken/, times: 12 });
  await expect(mailbox.sync()).rejects.toMatchObject({ code: 'graph_unavailable' });
  mailbox.sim.faults.clear();
}

async function activeIds(mailbox: TestMailbox): Promise<string[]> {
  return (await mailbox.contacts()).filter((c) => !c.deletedAtSource).map((c) => c.id).sort();
}

const sourceIds = (mailbox: TestMailbox): string[] => mailbox.source.listContacts().map((c: { id: string }) => c.id).sort();

describe('a listing restarted from its first page (410)', () => {
  it('marks deleted a contact stored before a first listing restarted and deleted meanwhile', async () => {
    const mailbox = harness.mailbox();
    mailbox.source.seed({ contacts: 900, folders: 0, seed: 7 });
    await failOnSecondPages(mailbox);
    const [victim] = await mailbox.contacts();
    if (!victim) throw new Error('the first page was not stored');
    mailbox.source.deleteContact(victim.id);
    mailbox.sim.faults.push({ kind: '410', match: /skiptoken/, times: 1 });

    const summary = await mailbox.sync();

    // Imported by the first attempt, gone from the restarted listing: counted new once, then deleted.
    expect(summary).toMatchObject({ resumed: true, new: 900, deleted: 1 });
    expect(await activeIds(mailbox)).toEqual(sourceIds(mailbox));
    expect((await mailbox.contacts()).find((c) => c.id === victim.id)?.deletedAtSource).toBe(true);
  });

  it('marks deleted a contact a delta round stored before it restarted in full and deleted meanwhile', async () => {
    const mailbox = harness.mailbox();
    mailbox.source.seed({ contacts: 300, folders: 0, seed: 9 });
    await mailbox.sync();
    mailbox.source.listContacts().slice(0, 250).forEach((c: { id: string }) => mailbox.source.updateContact(c.id, { givenName: 'Renamed' }));
    await failOnSecondPages(mailbox);
    const victim = (await mailbox.contacts()).find((c) => c.firstName === 'Renamed');
    if (!victim) throw new Error('the first delta page was not stored');
    mailbox.source.deleteContact(victim.id);
    mailbox.sim.faults.push({ kind: '410', match: /skiptoken/, times: 1 });

    const summary = await mailbox.sync();

    expect(summary).toMatchObject({ resumed: true, updated: 250, deleted: 1 });
    expect(await activeIds(mailbox)).toEqual(sourceIds(mailbox));
  });

  it('counts a malformed contact once when the listing meets it again after the restart', async () => {
    const mailbox = harness.mailbox();
    const folder = mailbox.source.defaultFolderId;
    mailbox.source.addContact(folder, { givenName: 7 as unknown as string });
    for (let i = 0; i < 300; i += 1) mailbox.source.addContact(folder, { givenName: `Good ${i}` });
    mailbox.sim.faults.push({ kind: '410', match: /skiptoken/, times: 1 });

    const summary = await mailbox.sync();

    expect(summary).toMatchObject({ new: 300, skipped: 1 });
    const [record] = await mailbox.history();
    expect(record).toMatchObject({ counts: expect.objectContaining({ skipped: 1 }), problemCounts: { malformed_contact: 1 } });
  });
});

describe('a folder deleted while its sync is unfinished', () => {
  it('leaves none of its contacts active, and keeps the counts of its round in the sync', async () => {
    const mailbox = harness.mailbox();
    mailbox.source.seed({ contacts: 600, folders: 0, seed: 4 });
    const child = mailbox.source.addFolder('Clients', mailbox.source.defaultFolderId);
    for (let i = 0; i < 5; i += 1) mailbox.source.addContact(child.id, { givenName: `Client ${i}` });
    // The child's one page is stored; the default folder's page 2 fails.
    await failOnSecondPages(mailbox);
    expect((await mailbox.contacts()).filter((c) => c.folderId === child.id)).toHaveLength(5);
    mailbox.source.deleteFolder(child.id);

    const resumed = await mailbox.sync();

    expect(resumed).toMatchObject({ resumed: true, new: 605, deleted: 5 });
    expect(await activeIds(mailbox)).toEqual(sourceIds(mailbox));
    const full = await mailbox.sync({ full: true });
    expect(full).toMatchObject({ new: 0, deleted: 0, unchanged: 600 });
    expect(await activeIds(mailbox)).toEqual(sourceIds(mailbox));
  });
});

/** The mailbox's tables, except that the process "dies" when it first saves a completed history row. */
class DiesBeforeTheHistoryRow extends TableClientFactory {
  private died = false;

  override async get(name: TableName): Promise<TableClient> {
    const client = await super.get(name);
    if (name !== TABLES.syncs) return client;
    return new Proxy(client, {
      get: (target, property) => {
        const value: unknown = Reflect.get(target, property, target);
        if (property !== 'upsertEntity') return typeof value === 'function' ? (value as (...args: unknown[]) => unknown).bind(target) : value;
        return (entity: TableEntity<{ state?: unknown }>, mode?: 'Merge' | 'Replace') => {
          if (this.died || entity.state !== 'completed') return target.upsertEntity(entity, mode);
          this.died = true;
          return Promise.reject(new Error('the process died'));
        };
      },
    });
  }
}

describe('an end phase whose attempt died before the history row was saved', () => {
  it('counts its deletions again when the sync resumes, though their markers are gone', async () => {
    const mailbox = harness.mailbox();
    mailbox.source.seed({ contacts: 300, folders: 0, seed: 12 });
    await mailbox.sync();
    // More removals than one transaction of marker deletions holds.
    const removed = (mailbox.source.listContacts() as Array<{ id: string }>).slice(0, 150);
    removed.forEach((c) => mailbox.source.deleteContact(c.id));
    const token = simToken(mailbox.ref.tenantId, mailbox.ref.userId);
    const dying = createSyncService({
      config: mailbox.config, tables: new DiesBeforeTheHistoryRow(mailbox.config.storageConnection, mailbox.config.tablePrefix),
      leaseMs: 300, tokenFor: () => () => Promise.resolve(token),
    });
    await expect(dying.run({ mailbox: mailbox.ref, trigger: 'cli' })).rejects.toThrow('the process died');
    await mailbox.waitForLeaseExpiry();

    const resumed = await mailbox.sync();

    expect(resumed).toMatchObject({ resumed: true, deleted: 150 });
    expect((await mailbox.history())[0]).toMatchObject({ state: 'completed', counts: expect.objectContaining({ deleted: 150 }) });
    expect(await activeIds(mailbox)).toEqual(sourceIds(mailbox));
  });
});
