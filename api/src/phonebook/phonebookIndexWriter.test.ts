import { SyncHarness, type TestMailbox } from '../../../tools/src/testing/syncHarness';
import { phoneRegion } from '../contacts/phoneNumber';
import type { SyncJob } from '../services/syncJobQueue';
import { TABLES } from '../storage/tableClientFactory';
import { ROW_PREFIX, decodeKey, mailboxPartitionKey } from '../storage/tableKeys';
import { findDuplicates } from './phonebookDuplicates';
import { indexPartitionKey } from './phonebookRows';
import { PhonebookReader } from './phonebookReader';
import { searchPhonebook } from './phonebookSearch';
import { contactIndexKeys, indexKeyOfWord } from './searchKeys';

let harness: SyncHarness;
beforeAll(async () => { harness = await SyncHarness.start(); });
afterAll(async () => { await harness?.stop(); });

/** Every index row of the phonebook table (one mailbox's own tables): row key → contact id. */
async function phonebookRows(mailbox: TestMailbox): Promise<Map<string, string>> {
  const rows = new Map<string, string>();
  for await (const row of (await mailbox.tables.get(TABLES.phonebook)).listEntities()) {
    if (row.rowKey?.startsWith(ROW_PREFIX.index)) rows.set(row.rowKey, String(row.contactId));
  }
  return rows;
}

async function reader(mailbox: TestMailbox): Promise<PhonebookReader> {
  return new PhonebookReader(await mailbox.tables.get(TABLES.contacts), mailbox.ref, await mailbox.tables.get(TABLES.phonebook));
}

async function found(mailbox: TestMailbox, query: string): Promise<string[]> {
  const page = await searchPhonebook(await reader(mailbox), query, phoneRegion('US'), { top: 20, skip: 0 });
  return page.contacts.flatMap((item) => item.sources.map((source) => source.contactId));
}

describe('the phonebook index, written by the import page by page', () => {
  it('holds every key of the new contacts when the sync returns, and a second full sync leaves the same rows', async () => {
    const mailbox = harness.mailbox();
    mailbox.source.seed({ contacts: 230, folders: 2, seed: 8 });
    const summary = await mailbox.sync();
    expect(summary.new).toBe(230);
    const stored = await mailbox.contacts();
    const expected = stored.reduce((sum, contact) => sum + contactIndexKeys(contact).length, 0);
    expect(expected).toBeGreaterThan(230);
    const first = await phonebookRows(mailbox);
    expect(first.size).toBe(expected);
    expect(new Set(first.values())).toEqual(new Set(stored.filter((c) => contactIndexKeys(c).length > 0).map((c) => c.id)));

    await mailbox.sync({ full: true });
    expect(await phonebookRows(mailbox)).toEqual(first);
  });

  it('indexes an updated contact\'s new keys, and its number is looked up and its group listed when the sync returns', async () => {
    const mailbox = harness.mailbox();
    const folder = mailbox.source.defaultFolderId;
    const ada = mailbox.source.addContact(folder, { givenName: 'Ada', surname: 'Lovelace' }).id;
    const bob = mailbox.source.addContact(folder, { givenName: 'Bob', surname: 'Stone', mobilePhone: '+44 7700 900123' }).id;
    await mailbox.sync();
    const before = await phonebookRows(mailbox);
    mailbox.source.updateContact(ada, { surname: 'Byron', mobilePhone: '+44 7700 900123' });
    expect(await mailbox.sync()).toMatchObject({ new: 0, updated: 1 });

    expect((await (await reader(mailbox)).indexKey('n+447700900123')).map((e) => e.contactId).sort()).toEqual([ada, bob].sort());
    const added = [...(await phonebookRows(mailbox)).keys()].filter((key) => !before.has(key));
    expect(added).toHaveLength(2); // Byron and the number; Ada's first-name row was there
    expect(await found(mailbox, 'byron')).toEqual([ada]);
    expect((await findDuplicates(await reader(mailbox), 50)).map((g) => g.contacts.map((c) => c.id).sort())).toEqual([[ada, bob].sort()]);
  });

  it('makes every contact a sync has stored so far searchable while the sync goes on (a continuation)', async () => {
    const mailbox = harness.mailbox();
    mailbox.source.seed({ contacts: 600, folders: 2, seed: 11 });
    mailbox.sim.setKnobs({ latencyMs: 40, maxPageSize: 50 });
    const syncId = await mailbox.reserve({ fresh: false });
    const job: SyncJob = { ...mailbox.ref, syncId, full: false, trigger: 'manual' };
    expect(await mailbox.worker(300).runJob(job)).toBe('continued');
    expect((await mailbox.history())[0]).toMatchObject({ syncId, state: 'running' });
    const listed = await mailbox.contacts();
    expect(listed.length).toBeGreaterThan(0);
    expect(listed.length).toBeLessThan(600);
    const named = listed.filter((contact) => contact.lastName.length >= 3).slice(0, 10);
    expect(named.length).toBeGreaterThan(0);
    for (const contact of named) expect(await found(mailbox, `${contact.firstName} ${contact.lastName}`)).toContain(contact.id);
  });

  it('spreads the index over partitions by key, and a read of a shorter prefix gathers them all', async () => {
    const mailbox = harness.mailbox();
    mailbox.source.seed({ contacts: 230, folders: 2, seed: 9 });
    await mailbox.sync();
    const partitions = new Map<string, string[]>();
    for await (const row of (await mailbox.tables.get(TABLES.phonebook)).listEntities({ queryOptions: { filter: "RowKey ge 'x:' and RowKey lt 'x;'" } })) {
      const key = decodeKey((row.rowKey ?? '').slice(ROW_PREFIX.index.length, (row.rowKey ?? '').lastIndexOf('|')));
      expect(row.partitionKey).toBe(indexPartitionKey(mailboxPartitionKey(mailbox.ref), key));
      partitions.set(row.partitionKey ?? '', [...(partitions.get(row.partitionKey ?? '') ?? []), key]);
    }
    expect(partitions.size).toBeGreaterThan(10);

    const stored = await mailbox.contacts();
    const numbers = stored.filter((contact) => contact.phoneE164).map((contact) => contact.id);
    expect(new Set(numbers).size).toBeGreaterThan(1);
    expect(new Set(numbers.map((id) => stored.find((c) => c.id === id)?.phoneE164.slice(0, 3))).size).toBeGreaterThan(1); // several number partitions
    expect((await (await reader(mailbox)).indexRange('n', 100_000)).map((entry) => entry.contactId).sort()).toEqual(numbers.sort());
    const words = [...partitions.values()].flat().filter((key) => key.startsWith('w'));
    expect(await (await reader(mailbox)).indexRange('w', 100_000)).toHaveLength(words.length);
  });
});

it('spreads words in other scripts over partitions too (their sound code is the word itself)', () => {
  const words = ['иван', 'ольга', 'пётр', '王', '李', 'γιάννης', 'محمد'];
  const partitions = new Set(words.map((word) => indexPartitionKey('t|u', indexKeyOfWord(word))));
  expect(partitions.size).toBe(words.length);
});
