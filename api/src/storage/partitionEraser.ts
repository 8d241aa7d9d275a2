import type { TableClient, TransactionAction } from '@azure/data-tables';
import { MAX_TRANSACTION_ACTIONS } from './partitionTransaction';
import { odataString } from './tableKeys';

/** What {@link erasePartition} deleted. */
export interface PartitionErased {
  /** Every row deleted. */
  rows: number;
  /** The rows whose key passed `counted` (e.g. the contacts among folder states and markers). */
  counted: number;
}

/** Options for {@link erasePartition}. */
export interface ErasePartitionOptions {
  /** Which deleted rows to count apart (by RowKey). */
  counted?: (rowKey: string) => boolean;
  /** Called before each transaction; throwing stops the erasure (e.g. a lease that was lost). */
  beforeTransaction?: () => void;
}

/** Rows read per query page: ten transactions' worth, keys only. */
const PAGE_SIZE = 1000;

/**
 * Deletes every row of one partition, in transactions of at most 100 deletes (one partition each, as Table
 * Storage requires). Reads keys only. Rows are deleted behind the query's cursor, so paging stays valid.
 */
export async function erasePartition(client: TableClient, partitionKey: string, options: ErasePartitionOptions = {}): Promise<PartitionErased> {
  const erased: PartitionErased = { rows: 0, counted: 0 };
  const pages = client.listEntities({
    queryOptions: { filter: `PartitionKey eq '${odataString(partitionKey)}'`, select: ['RowKey'] },
  }).byPage({ maxPageSize: PAGE_SIZE });
  for await (const page of pages) {
    const rowKeys = page.map((entity) => entity.rowKey ?? '');
    for (let start = 0; start < rowKeys.length; start += MAX_TRANSACTION_ACTIONS) {
      const chunk = rowKeys.slice(start, start + MAX_TRANSACTION_ACTIONS);
      options.beforeTransaction?.();
      const actions: TransactionAction[] = chunk.map((rowKey) => ['delete', { partitionKey, rowKey }]);
      await client.submitTransaction(actions);
      erased.rows += chunk.length;
      erased.counted += options.counted ? chunk.filter(options.counted).length : 0;
    }
  }
  return erased;
}
