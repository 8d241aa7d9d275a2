import { TableClient } from '@azure/data-tables';
import { type AzuriteInstance, startAzurite } from '../../../tools/src/azurite/azuriteProcess';
import { mailboxPartitionKey } from '../storage/tableKeys';
import { PhonebookEraser } from './phonebookEraser';
import { indexRow } from './phonebookRows';

let azurite: AzuriteInstance;
beforeAll(async () => { azurite = await startAzurite(); });
afterAll(async () => { await azurite?.stop(); });

it('erases every index row of the mailbox and none of another mailbox', async () => {
  const table = TableClient.fromConnectionString(azurite.connectionString, 'phonebookerase', { allowInsecureConnection: true });
  await table.createTable();
  const gone = { tenantId: 't', userId: 'gone' };
  const kept = { tenantId: 't', userId: 'kept' };
  for (let i = 0; i < 250; i += 1) await table.upsertEntity(indexRow(mailboxPartitionKey(gone), `wj5|john${i}`, `c${i}`));
  await table.upsertEntity(indexRow(mailboxPartitionKey(kept), 'wj5|john', 'c1'));
  expect(await new PhonebookEraser(() => Promise.resolve(table)).erase(gone)).toBe(250);
  const left: string[] = [];
  for await (const row of table.listEntities()) left.push(row.partitionKey ?? '');
  expect(left).toEqual([mailboxPartitionKey(kept)]);
});
