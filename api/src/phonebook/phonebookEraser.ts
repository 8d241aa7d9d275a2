import type { TableClient, TransactionAction } from '@azure/data-tables';
import type { MailboxRef } from '../contacts/contactModel';
import { keyRangeFilter, mailboxPartitionKey } from '../storage/tableKeys';
import { indexPartitionPrefix } from './phonebookRows';

/** Table Storage's limit of actions in one transaction (all in one partition). */
const MAX_BATCH = 100;

/**
 * Erases a mailbox's rows of the phonebook table (its search index, spread over the mailbox's index
 * partitions), for the disconnect with erasure: a `MailboxEraser`. Reads keys only; rows are deleted
 * behind the query's cursor, one partition's transaction at a time. The change log lives in the contacts
 * partition and goes with it.
 */
export class PhonebookEraser {
  constructor(private readonly table: () => Promise<TableClient>) {}

  async erase(mailbox: MailboxRef): Promise<number> {
    const client = await this.table();
    const filter = keyRangeFilter('PartitionKey', indexPartitionPrefix(mailboxPartitionKey(mailbox), ''));
    let batch: TransactionAction[] = [];
    let batchPartition = '';
    let erased = 0;
    const flush = async (): Promise<void> => {
      if (batch.length > 0) await client.submitTransaction(batch);
      erased += batch.length;
      batch = [];
    };
    for await (const row of client.listEntities({ queryOptions: { filter, select: ['PartitionKey', 'RowKey'] } })) {
      const partitionKey = row.partitionKey ?? '';
      if (partitionKey !== batchPartition || batch.length === MAX_BATCH) await flush();
      batchPartition = partitionKey;
      batch.push(['delete', { partitionKey, rowKey: row.rowKey ?? '' }]);
    }
    await flush();
    return erased;
  }
}
