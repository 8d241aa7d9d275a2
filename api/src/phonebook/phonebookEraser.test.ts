import { TableClient } from '@azure/data-tables';
import { type AzuriteInstance, startAzurite } from '../../../tools/src/azurite/azuriteProcess';
import { mailboxPartitionKey } from '../storage/tableKeys';
import { PhonebookEraser } from './phonebookEraser';
import { indexRow } from './phonebookRows';

let azurite: AzuriteInstance;
beforeAll(async () => { azurite = await startAzurite(); });
afterAll(async () => { await azurite?.stop(); });

it('erases every index row of the mailbox, in all its index partitions, and none of its neighbours\'', async () => {
  const table = TableClient.fromConnectionString(azurite.connectionString, 'phonebookerase', { allowInsecureConnection: true });
  await table.createTable();
  const gone = { tenantId: 't', userId: 'gone' };
  // Neighbours whose keys sort next to it: a prefix of the user id, a longer one, one with the separator, another tenant.
  const kept = [{ tenantId: 't', userId: 'gon' }, { tenantId: 't', userId: 'gone2' }, { tenantId: 't', userId: 'gone|x' }, { tenantId: 't2', userId: 'gone' }];
  const keys = (i: number) => [`wj5|john${i}`, `ws53|smith${i}`, `n+4420794${String(i).padStart(5, '0')}`, `n+1212555${i}`, `ea${i}@example.com`];
  const rows = Array.from({ length: 60 }, (_, i) => keys(i).map((key) => indexRow(mailboxPartitionKey(gone), key, `c${i}`))).flat();
  expect(new Set(rows.map((row) => row.partitionKey)).size).toBe(5);
  for (const row of rows) await table.upsertEntity(row);
  for (const mailbox of kept) for (const key of keys(1)) await table.upsertEntity(indexRow(mailboxPartitionKey(mailbox), key, 'c1'));

  expect(await new PhonebookEraser(() => Promise.resolve(table)).erase(gone)).toBe(300);
  const left = new Set<string>();
  for await (const row of table.listEntities()) left.add(row.partitionKey ?? '');
  const keptPartitions = kept.flatMap((mailbox) => keys(1).map((key) => indexRow(mailboxPartitionKey(mailbox), key, 'c1').partitionKey));
  expect(left).toEqual(new Set(keptPartitions));
});
