import { SyncHarness, type TestMailbox } from '../../../tools/src/testing/syncHarness';
import { TABLES } from '../storage/tableClientFactory';
import { DUPLICATE_ROW_PREFIX, duplicateEntryOf, duplicateRow } from './duplicateRows';
import { DuplicateKeeper } from './duplicateKeeper';
import { mailboxPartitionKey } from '../storage/tableKeys';
import { findDuplicates } from './phonebookDuplicates';
import { PhonebookReader } from './phonebookReader';

let harness: SyncHarness;
beforeAll(async () => { harness = await SyncHarness.start(); });
afterAll(async () => { await harness?.stop(); });

/**
 * A sync (which brings the list up to date key by key before it completes), then with `rebuildAbove` 0
 * the list rewritten whole (what a sync of more than that many numbers and addresses does).
 */
async function syncAndIndex(mailbox: TestMailbox, rebuildAbove: number): Promise<void> {
  await mailbox.sync();
  if (rebuildAbove > 0) return;
  const index = await mailbox.tables.get(TABLES.phonebook);
  await new DuplicateKeeper(new PhonebookReader(await mailbox.tables.get(TABLES.contacts), mailbox.ref, index), index, mailboxPartitionKey(mailbox.ref), 0).rebuild();
}

async function groups(mailbox: TestMailbox): Promise<Array<{ value: string; ids: string[] }>> {
  const reader = new PhonebookReader(await mailbox.tables.get(TABLES.contacts), mailbox.ref, await mailbox.tables.get(TABLES.phonebook));
  return (await findDuplicates(reader, 50)).map((group) => ({ value: group.value, ids: group.contacts.map((c) => c.id).sort() }));
}

/** The keys of the stored list's rows (what a read of the list costs: one range). */
async function listRows(mailbox: TestMailbox): Promise<string[]> {
  const keys: string[] = [];
  for await (const row of (await mailbox.tables.get(TABLES.phonebook)).listEntities()) {
    if (row.rowKey?.startsWith(DUPLICATE_ROW_PREFIX)) keys.push(String(row.key));
  }
  return keys.sort();
}

describe.each([['key by key', 1_000], ['rebuilt whole', 0]])('the list of suspected duplicates, %s', (_how, rebuildAbove) => {
  it('follows the contacts: a shared number appears, and a contact that moves to another number leaves its group', async () => {
    const mailbox = harness.mailbox();
    const other = mailbox.source.addFolder('Clients').id;
    const folder = mailbox.source.defaultFolderId;
    const ada = mailbox.source.addContact(folder, { givenName: 'Ada', surname: 'Lovelace', mobilePhone: '+44 20 7946 0958' }).id;
    const copy = mailbox.source.addContact(other, { givenName: 'Ada', surname: 'Lovelace', mobilePhone: '+44 20 7946 0958', emailAddresses: [{ address: 'ada@example.com' }] }).id;
    const bob = mailbox.source.addContact(folder, { givenName: 'Bob', surname: 'Stone', mobilePhone: '+44 20 7946 0001', emailAddresses: [{ address: 'bob@example.com' }] }).id;
    await syncAndIndex(mailbox, rebuildAbove);
    expect(await groups(mailbox)).toEqual([{ value: '+442079460958', ids: [ada, copy].sort() }]);
    expect(await listRows(mailbox)).toEqual(['n+442079460958']);

    // The copy takes Bob's number and address: one group leaves, two come.
    mailbox.source.updateContact(copy, { mobilePhone: '+44 20 7946 0001', emailAddresses: [{ address: 'Bob@Example.com' }] });
    await syncAndIndex(mailbox, rebuildAbove);
    expect(await groups(mailbox)).toEqual([ // by key: addresses, then numbers
      { value: 'bob@example.com', ids: [bob, copy].sort() },
      { value: '+442079460001', ids: [bob, copy].sort() },
    ]);
    // The number no longer shared leaves the list: key by key too (a changed contact's old values are refreshed).
    expect(await listRows(mailbox)).toEqual(['ebob@example.com', 'n+442079460001']);
  });
});

describe('keepers of one mailbox\'s list running at once', () => {
  it('leave a group written by a sync that read the index later, to that sync (a rebuild does not delete it)', async () => {
    const mailbox = harness.mailbox();
    const folder = mailbox.source.defaultFolderId;
    const x = mailbox.source.addContact(folder, { givenName: 'Xavier', surname: 'One', mobilePhone: '+44 20 7946 0958' }).id;
    const contacts = await mailbox.tables.get(TABLES.contacts);
    const index = await mailbox.tables.get(TABLES.phonebook);
    await syncAndIndex(mailbox, 1_000);
    const y = mailbox.source.addContact(folder, { givenName: 'Yvonne', surname: 'Two', mobilePhone: '+44 20 7946 0958' }).id;

    // A rebuilds the list; right after it read the numbers, the next sync (Yvonne's) runs to its end.
    const real = new PhonebookReader(contacts, mailbox.ref, index);
    let raced = false;
    const reader = {
      indexKey: (key: string) => real.indexKey(key),
      contacts: (ids: Iterable<string>) => real.contacts(ids),
      indexRange: async (prefix: string, limit?: number) => {
        const rows = await real.indexRange(prefix, limit);
        if (!raced) {
          raced = true;
          await mailbox.sync();
          expect(await groups(mailbox)).toEqual([{ value: '+442079460958', ids: [x, y].sort() }]);
        }
        return rows;
      },
    };
    await new DuplicateKeeper(reader, index, mailboxPartitionKey(mailbox.ref)).rebuild();
    expect(raced).toBe(true);
    expect(await groups(mailbox)).toEqual([{ value: '+442079460958', ids: [x, y].sort() }]);
  });
});

it('lists the first ten contacts of a shared mailbox\'s group, with how many share it', async () => {
  const mailbox = harness.mailbox();
  const ids = Array.from({ length: 12 }, (_, i) => mailbox.source.addContact(mailbox.source.defaultFolderId,
    { givenName: `Person ${i}`, surname: 'Shared', emailAddresses: [{ address: 'info@contoso.example' }] }).id);
  await syncAndIndex(mailbox, 1_000);
  const reader = new PhonebookReader(await mailbox.tables.get(TABLES.contacts), mailbox.ref, await mailbox.tables.get(TABLES.phonebook));
  const [group, ...others] = await findDuplicates(reader, 50);
  expect(others).toEqual([]);
  expect(group).toMatchObject({ kind: 'email', value: 'info@contoso.example', total: 12 });
  expect(group?.contacts).toHaveLength(10);
  expect(group?.contacts.every((contact) => ids.includes(contact.id))).toBe(true);
});

it('keeps a group of hundreds of long ids in one row under the property limit (a switchboard number)', () => {
  const ids = Array.from({ length: 400 }, (_, i) => `${'A'.repeat(160)}${String(i).padStart(4, '0')}`);
  const row = duplicateRow('t|u', { key: 'n+442079460000', contactIds: ids });
  expect(String(row.contactIds).length).toBeLessThanOrEqual(30_000);
  const kept = duplicateEntryOf(row).contactIds;
  expect(kept.length).toBeGreaterThan(150);
  expect(kept).toEqual(ids.slice(0, kept.length));
  expect(row.contactCount).toBe(400);
});
