import { RestError, type TableClient } from '@azure/data-tables';
import { DUPLICATE_ROW_PREFIX, duplicateRow, duplicatesPartitionKey } from './duplicateRows';
import type { PhonebookReader } from './phonebookReader';
import { type IndexKey, hasSharedKey } from './searchKeys';
import { inParallel } from '../storage/inParallel';
import { rowKindFilter } from '../storage/tableKeys';

/** Number and address keys of one job above which the whole list is rebuilt rather than read key by key. */
export const REBUILD_ABOVE_KEYS = 1_000;
const CONCURRENCY = 8;

/** A list row as read before the index was: its ETag, or none when the row did not exist. */
type Seen = string | undefined;

/**
 * Keeps a mailbox's list of suspected duplicates (see `duplicateRows.ts`) in step with its index, after
 * a sync wrote its index rows: for a few changed contacts, each of their numbers and addresses is
 * read back from the index (one key range each); for a large import, the `n` and `e` ranges are read once
 * and the whole list is written, dropping rows no longer shared. A group's contacts are checked against
 * what is stored (the index keeps rows of values a contact no longer has).
 *
 * Keepers of one mailbox may run at once (two syncs, or a sync and a rewrite). Each list row is
 * read before the index, and written only if it is still as read (create if it was absent, replace or
 * delete with its ETag): one that lost the race leaves the row to the one that read the index later.
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
    await inParallel(keys, CONCURRENCY, async (key) => {
      const seen = await this.seenRow(key);
      await this.write(key, await this.stillUnder(key, (await this.reader.indexKey(key)).map((entry) => entry.contactId)), seen);
    });
  }

  /** Rewrites the whole list from the index's numbers and addresses. */
  async rebuild(): Promise<void> {
    const seen = await this.seenRows();
    const byKey = new Map<IndexKey, Set<string>>();
    for (const prefix of ['n', 'e']) {
      for (const { key, contactId } of await this.reader.indexRange(prefix, Number.MAX_SAFE_INTEGER)) {
        byKey.set(key, (byKey.get(key) ?? new Set()).add(contactId));
      }
    }
    const keys = new Set([...seen.keys(), ...[...byKey].filter(([, ids]) => ids.size > 1).map(([key]) => key)]);
    await inParallel(keys, CONCURRENCY, async (key) => this.write(key, await this.stillUnder(key, byKey.get(key) ?? []), seen.get(key)));
  }

  /** Writes the key's row (two or more contacts) or deletes it, if it is still as `seen`. */
  private async write(key: IndexKey, ids: string[], seen: Seen): Promise<void> {
    const row = duplicateRow(this.mailboxPartition, { key, contactIds: ids });
    try {
      if (ids.length > 1 && seen) await this.index.updateEntity(row, 'Replace', { etag: seen });
      else if (ids.length > 1) await this.index.createEntity(row);
      else if (seen) await this.index.deleteEntity(row.partitionKey, row.rowKey, { etag: seen });
    } catch (error) {
      // 409 (created meanwhile), 412 (changed meanwhile), 404 (deleted meanwhile): a later job's say.
      if (!(error instanceof RestError && [404, 409, 412].includes(error.statusCode ?? 0))) throw error;
    }
  }

  /**
   * The contacts of an index key that still have it as stored (an index row of a value a contact no
   * longer has stays behind): a group of one is not a group, and needs no reads.
   */
  private async stillUnder(key: IndexKey, ids: Iterable<string>): Promise<string[]> {
    const unique = [...new Set(ids)];
    if (unique.length < 2) return [];
    return [...(await this.reader.contacts(unique)).values()].filter((contact) => hasSharedKey(contact, key)).map((contact) => contact.id);
  }

  private async seenRow(key: IndexKey): Promise<Seen> {
    const { partitionKey, rowKey } = duplicateRow(this.mailboxPartition, { key, contactIds: [] });
    try {
      return (await this.index.getEntity(partitionKey, rowKey, { queryOptions: { select: ['RowKey'] } })).etag;
    } catch (error) {
      if (error instanceof RestError && error.statusCode === 404) return undefined;
      throw error;
    }
  }

  /** Every row of the list: its key → its ETag. */
  private async seenRows(): Promise<Map<IndexKey, string>> {
    const filter = rowKindFilter(duplicatesPartitionKey(this.mailboxPartition), DUPLICATE_ROW_PREFIX);
    const rows = new Map<IndexKey, string>();
    for await (const row of this.index.listEntities({ queryOptions: { filter, select: ['key'] } })) rows.set(String(row.key), row.etag);
    return rows;
  }
}
