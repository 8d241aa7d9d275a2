import { TableClient } from '@azure/data-tables';
import { type AzuriteInstance, startAzurite } from '../../../tools/src/azurite/azuriteProcess';
import { PartitionTransaction, WriteConflictError } from './partitionTransaction';

let azurite: AzuriteInstance;
let table: TableClient;
const PK = 'p';

beforeAll(async () => {
  azurite = await startAzurite();
  table = TableClient.fromConnectionString(azurite.connectionString, 'grouping', { allowInsecureConnection: true });
  await table.createTable();
});
afterAll(async () => { await azurite?.stop(); });

async function exists(rowKey: string): Promise<boolean> {
  try {
    await table.getEntity(PK, rowKey);
    return true;
  } catch {
    return false;
  }
}

describe('a unit of work in one partition', () => {
  it('never splits a group between two transactions: a contact and its change-log entry land together or not at all', async () => {
    await table.createEntity({ partitionKey: PK, rowKey: 'clash' });
    const meter = { transactions: 0 };
    const transaction = new PartitionTransaction(table, meter);
    for (let i = 0; i < 98; i += 1) transaction.upsert({ partitionKey: PK, rowKey: `a${i}` });
    // The 99th and 100th actions would fit the first transaction; the group's third would not.
    transaction.together(() => {
      transaction.upsert({ partitionKey: PK, rowKey: 'contact' });
      transaction.upsert({ partitionKey: PK, rowKey: 'log' });
      transaction.create({ partitionKey: PK, rowKey: 'clash' });
    });
    await expect(transaction.commit()).rejects.toThrow(WriteConflictError);
    expect(meter.transactions).toBe(2);
    expect(await exists('a97')).toBe(true);
    expect(await exists('contact')).toBe(false);
    expect(await exists('log')).toBe(false);
  });

});
