import { RestError, type TableClient, type TransactionAction } from '@azure/data-tables';
import { DUPLICATE_ROW_PREFIX, duplicateRow, duplicatesPartitionKey } from './duplicateRows';
import type { PhonebookReader } from './phonebookReader';
import { type IndexKey, hasSharedKey } from './searchKeys';
import { rowKindFilter } from '../storage/tableKeys';

/** Number and address keys of one job above which the whole list is rebuilt rather than read key by key. */
export const REBUILD_ABOVE_KEYS = 1_000;
const READ_CONCURRENCY = 8;
const MAX_BATCH = 100;

/**
 * Keeps a mailbox's list of suspected duplicates (see `duplicateRows.ts`) in step with its index, after
 * the index job wrote a sync's rows: for a few changed contacts, each of their numbers and addresses is
 * read back from the index (one key range each); for a large import, the `n` and `e` ranges are read once
 * and the list is written whole, dropping rows no longer shared. A group's contacts are checked against
 * what is stored (the index keeps rows of values a contact no longer has). A group a contact left by an
 * update is rewritten by the next rebuild; until then it is checked again, and hidden, when read.
 */
export class DuplicateKeeper {
  constructor(
    private readonly reader: Pick<PhonebookReader, 'indexKey' | 'indexRange' | 'contacts'>,
    private readonly index: TableClient,
    private readonly mailboxPartition: string,
    private readonly rebuildAbove = REBUILD_ABOVE_KEYS,
  ) {}

  /** Brings the rows of these number (`n…`) and address (`e…`) keys up to date. */
  async refresh(keys: ReadonlySet<IndexKey>): Promise<void> {
    if (keys.size > this.rebuildAbove) return this.rebuild();
    await inParallel([...keys], (key) => this.refreshKey(key));
  }

  /** Rewrites the whole list from the index's numbers and addresses. */
  async rebuild(): Promise<void> {
    const byKey = new Map<IndexKey, Set<string>>();
    for (const prefix of ['n', 'e']) {
      for (const { key, contactId } of await this.reader.indexRange(prefix, Number.MAX_SAFE_INTEGER)) {
        byKey.set(key, (byKey.get(key) ?? new Set()).add(contactId));
      }
    }
    const rows: ReturnType<typeof duplicateRow>[] = [];
    const candidates = [...byKey].filter(([, ids]) => ids.size > 1);
    await inParallel(candidates, async ([key, ids]) => {
      const shared = await this.stillUnder(key, ids);
      if (shared.length > 1) rows.push(duplicateRow(this.mailboxPartition, { key, contactIds: shared }));
    });
    const kept = new Set(rows.map((row) => row.rowKey));
    const stale = (await this.existingRowKeys()).filter((rowKey) => !kept.has(rowKey));
    const partitionKey = duplicatesPartitionKey(this.mailboxPartition);
    const actions: TransactionAction[] = [
      ...rows.map((row): TransactionAction => ['upsert', row, 'Replace']),
      ...stale.map((rowKey): TransactionAction => ['delete', { partitionKey, rowKey }]),
    ];
    for (let start = 0; start < actions.length; start += MAX_BATCH) await this.index.submitTransaction(actions.slice(start, start + MAX_BATCH));
  }

  private async refreshKey(key: IndexKey): Promise<void> {
    const ids = await this.stillUnder(key, (await this.reader.indexKey(key)).map((entry) => entry.contactId));
    const row = duplicateRow(this.mailboxPartition, { key, contactIds: ids });
    if (ids.length > 1) {
      await this.index.upsertEntity(row, 'Replace');
      return;
    }
    try {
      await this.index.deleteEntity(row.partitionKey, row.rowKey);
    } catch (error) {
      if (!(error instanceof RestError && error.statusCode === 404)) throw error;
    }
  }

  /**
   * The contacts of an index key that still have it as stored (an index row of a value a contact no
   * longer has stays behind): a group of one is not a group, and needs no reads.
   */
  private async stillUnder(key: IndexKey, ids: Iterable<string>): Promise<string[]> {
    const unique = [...new Set(ids)];
    if (unique.length < 2) return unique;
    return [...(await this.reader.contacts(unique)).values()].filter((contact) => hasSharedKey(contact, key)).map((contact) => contact.id);
  }

  private async existingRowKeys(): Promise<string[]> {
    const filter = rowKindFilter(duplicatesPartitionKey(this.mailboxPartition), DUPLICATE_ROW_PREFIX);
    const keys: string[] = [];
    for await (const row of this.index.listEntities({ queryOptions: { filter, select: ['RowKey'] } })) keys.push(row.rowKey ?? '');
    return keys;
  }
}

/** Runs `work` on every item, {@link READ_CONCURRENCY} at a time; the first failure fails the whole. */
async function inParallel<T>(items: T[], work: (item: T) => Promise<void>): Promise<void> {
  const pending = [...items].reverse();
  const worker = async (): Promise<void> => {
    for (let item = pending.pop(); item !== undefined; item = pending.pop()) await work(item);
  };
  await Promise.all(Array.from({ length: Math.min(READ_CONCURRENCY, pending.length) }, worker));
}
