import { SyncHarness, type TestMailbox } from '../../../tools/src/testing/syncHarness';
import { TABLES } from '../storage/tableClientFactory';
import { PhonebookIndexer } from './phonebookIndexer';
import { PhonebookReader } from './phonebookReader';
import { contactIndexKeys, indexKeyOfWord } from './searchKeys';
import { indexPartitionKey } from './phonebookRows';
import { ROW_PREFIX, decodeKey, mailboxPartitionKey } from '../storage/tableKeys';

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

async function indexer(mailbox: TestMailbox): Promise<PhonebookIndexer> {
  return new PhonebookIndexer(await mailbox.tables.get(TABLES.contacts), await mailbox.tables.get(TABLES.phonebook));
}

describe('the phonebook index, written after the sync', () => {
  it('is not written by the import itself', async () => {
    const mailbox = harness.mailbox();
    mailbox.source.seed({ contacts: 250, folders: 2, seed: 7 });
    const summary = await mailbox.sync();
    expect(summary.new).toBe(250);
    expect(await phonebookRows(mailbox)).toEqual(new Map());
  });

  it('indexes every key of the sync\'s new contacts, and a second run of the job leaves the same rows', async () => {
    const mailbox = harness.mailbox();
    mailbox.source.seed({ contacts: 230, folders: 2, seed: 8 });
    const { syncId } = await mailbox.sync();
    const stored = await mailbox.contacts();
    const expected = stored.reduce((sum, contact) => sum + contactIndexKeys(contact).length, 0);
    expect(expected).toBeGreaterThan(230);

    expect(await (await indexer(mailbox)).indexSync(mailbox.ref, syncId)).toBe(expected);
    const first = await phonebookRows(mailbox);
    expect(first.size).toBe(expected);
    expect(new Set(first.values())).toEqual(new Set(stored.filter((c) => contactIndexKeys(c).length > 0).map((c) => c.id)));

    await (await indexer(mailbox)).indexSync(mailbox.ref, syncId);
    expect(await phonebookRows(mailbox)).toEqual(first);
  });

  it('indexes an updated contact\'s new keys under the sync that updated it, and nothing of an unchanged one', async () => {
    const mailbox = harness.mailbox();
    const folder = mailbox.source.defaultFolderId;
    const ada = mailbox.source.addContact(folder, { givenName: 'Ada', surname: 'Lovelace' }).id;
    mailbox.source.addContact(folder, { givenName: 'Bob', surname: 'Stone' });
    const first = await mailbox.sync();
    await (await indexer(mailbox)).indexSync(mailbox.ref, first.syncId);
    mailbox.source.updateContact(ada, { surname: 'Byron', mobilePhone: '+44 7700 900123' });
    const second = await mailbox.sync();
    expect(second).toMatchObject({ new: 0, updated: 1 });
    const before = await phonebookRows(mailbox);
    expect(await (await indexer(mailbox)).indexSync(mailbox.ref, second.syncId)).toBe(3); // ada, byron, the number

    const reader = new PhonebookReader(await mailbox.tables.get(TABLES.contacts), mailbox.ref, await mailbox.tables.get(TABLES.phonebook));
    expect((await reader.indexKey('n+447700900123')).map((e) => e.contactId)).toEqual([ada]);
    const added = [...(await phonebookRows(mailbox)).keys()].filter((key) => !before.has(key));
    expect(added).toHaveLength(2); // Byron and the number; Ada's first-name row was there
  });

  it('spreads the index over partitions by key, and a read of a shorter prefix gathers them all', async () => {
    const mailbox = harness.mailbox();
    mailbox.source.seed({ contacts: 230, folders: 2, seed: 9 });
    const { syncId } = await mailbox.sync();
    await (await indexer(mailbox)).indexSync(mailbox.ref, syncId);
    const partitions = new Map<string, string[]>();
    for await (const row of (await mailbox.tables.get(TABLES.phonebook)).listEntities({ queryOptions: { filter: "RowKey ge 'x:' and RowKey lt 'x;'" } })) {
      const key = decodeKey((row.rowKey ?? '').slice(ROW_PREFIX.index.length, (row.rowKey ?? '').lastIndexOf('|')));
      expect(row.partitionKey).toBe(indexPartitionKey(mailboxPartitionKey(mailbox.ref), key));
      partitions.set(row.partitionKey ?? '', [...(partitions.get(row.partitionKey ?? '') ?? []), key]);
    }
    expect(partitions.size).toBeGreaterThan(10);

    const stored = await mailbox.contacts();
    const reader = new PhonebookReader(await mailbox.tables.get(TABLES.contacts), mailbox.ref, await mailbox.tables.get(TABLES.phonebook));
    const numbers = stored.filter((contact) => contact.phoneE164).map((contact) => contact.id);
    expect(new Set(numbers).size).toBeGreaterThan(1);
    expect(new Set(numbers.map((id) => stored.find((c) => c.id === id)?.phoneE164.slice(0, 3))).size).toBeGreaterThan(1); // several number partitions
    expect((await reader.indexRange('n', 100_000)).map((entry) => entry.contactId).sort()).toEqual(numbers.sort());
    const words = [...partitions.values()].flat().filter((key) => key.startsWith('w'));
    expect(await reader.indexRange('w', 100_000)).toHaveLength(words.length);
  });
});

it('spreads words in other scripts over partitions too (their sound code is the word itself)', () => {
  const words = ['иван', 'ольга', 'пётр', '王', '李', 'γιάννης', 'محمد'];
  const partitions = new Set(words.map((word) => indexPartitionKey('t|u', indexKeyOfWord(word))));
  expect(partitions.size).toBe(words.length);
});
