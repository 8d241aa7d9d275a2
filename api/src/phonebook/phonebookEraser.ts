import type { TableClient, TransactionAction } from '@azure/data-tables';
import type { MailboxRef } from '../contacts/contactModel';
import { mailboxPartitionKey, odataString } from '../storage/tableKeys';

/**
 * Erases a mailbox's rows of the phonebook table (its search index), for the disconnect with erasure:
 * the shape of TABAPI's `MailboxEraser` (`erase(mailbox): Promise<number>`). The change log lives in the
 * contacts partition and goes with it. (Listing `TABLES.phonebook` in `MAILBOX_TABLES` does the same.)
 */
export class PhonebookEraser {
  constructor(private readonly table: () => Promise<TableClient>) {}

  async erase(mailbox: MailboxRef): Promise<number> {
    const client = await this.table();
    const partitionKey = mailboxPartitionKey(mailbox);
    const rows = client.listEntities({ queryOptions: { filter: `PartitionKey eq '${odataString(partitionKey)}'`, select: ['RowKey'] } });
    let batch: TransactionAction[] = [];
    let erased = 0;
    for await (const row of rows) {
      batch.push(['delete', { partitionKey, rowKey: row.rowKey ?? '' }]);
      if (batch.length === 100) {
        await client.submitTransaction(batch);
        erased += batch.length;
        batch = [];
      }
    }
    if (batch.length > 0) await client.submitTransaction(batch);
    return erased + batch.length;
  }
}
