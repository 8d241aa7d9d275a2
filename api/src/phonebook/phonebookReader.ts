import { RestError, type TableClient } from '@azure/data-tables';
import type { MailboxRef, StoredContact } from '../contacts/contactModel';
import { contactRowKey, fromContactEntity } from '../storage/contactEntity';
import { inParallel } from '../storage/inParallel';
import { decodeKey, keyRangeFilter, mailboxPartitionKey, rowKindFilter } from '../storage/tableKeys';
import { type SkippedContact, skippedFromRow, skippedRowPrefix } from '../sync/skippedContacts';
import type { ContactChange } from './changeLog';
import { DUPLICATE_ROW_PREFIX, type DuplicateEntry, duplicateEntryOf, duplicatesPartitionKey } from './duplicateRows';
import { changeFromRow, changeRowPrefix, indexEntryOf, indexPartitionKey, indexPartitionPrefix, indexRowPrefix, indexShardLength } from './phonebookRows';

/** One index row as read: its key (decoded) and its contact. */
export interface IndexEntry {
  key: string;
  contactId: string;
}

/** At most this many index rows are read for one query word (a very short word matches many). */
export const MAX_ROWS_PER_KEY = 20_000;
const READ_CONCURRENCY = 16;

/** Keyed reads of a mailbox's phonebook rows and of its contacts (never a scan of the partition). */
export class PhonebookReader {
  readonly partitionKey: string;

  /** `client`: the contacts table (contacts, change log); `index`: the phonebook table. */
  constructor(private readonly client: TableClient, mailbox: MailboxRef, private readonly index: TableClient = client) {
    this.partitionKey = mailboxPartitionKey(mailbox);
  }

  /** One page of a sync's change log, in the order the sync wrote it. */
  async changes(syncId: string, top: number, continuationToken?: string): Promise<{ changes: ContactChange[]; continuationToken?: string }> {
    const pages = this.client.listEntities({ queryOptions: { filter: this.rangeFilter(changeRowPrefix(syncId)) } })
      .byPage({ maxPageSize: top, continuationToken });
    for await (const page of pages) {
      return { changes: page.map(changeFromRow), continuationToken: page.continuationToken };
    }
    return { changes: [] };
  }

  /** One page of the contacts a sync skipped, with their reasons (one key range, in contact-id order). */
  async skipped(syncId: string, top: number, continuationToken?: string): Promise<{ skipped: SkippedContact[]; continuationToken?: string }> {
    const pages = this.client.listEntities({ queryOptions: { filter: this.rangeFilter(skippedRowPrefix(syncId)) } })
      .byPage({ maxPageSize: top, continuationToken });
    for await (const page of pages) {
      return { skipped: page.map(skippedFromRow), continuationToken: page.continuationToken };
    }
    return { skipped: [] };
  }

  /** The contacts under exactly `key` (one key range). */
  indexKey(key: string): Promise<IndexEntry[]> {
    return this.indexRows(key, `${indexRowPrefix(key)}|`, MAX_ROWS_PER_KEY);
  }

  /**
   * The contacts under index keys that start with `keyPrefix`: one key range of one partition, or, for a
   * prefix shorter than a shard (`n`: every number), the key range across the partitions it spans.
   */
  indexRange(keyPrefix: string, limit = MAX_ROWS_PER_KEY): Promise<IndexEntry[]> {
    return this.indexRows(keyPrefix, indexRowPrefix(keyPrefix), limit);
  }

  private async indexRows(keyPrefix: string, rowKeyPrefix: string, limit: number): Promise<IndexEntry[]> {
    const entries: IndexEntry[] = [];
    const rows = this.index.listEntities({ queryOptions: { filter: this.indexFilter(keyPrefix, rowKeyPrefix), select: ['RowKey', 'contactId'] } });
    for await (const row of rows) {
      const entry = indexEntryOf(row);
      entries.push({ key: safeDecode(entry.key), contactId: entry.contactId });
      if (entries.length >= limit) break;
    }
    return entries;
  }

  /** The mailbox's suspected duplicates as the last sync wrote them (see `duplicateRows.ts`), by key. */
  async *duplicateEntries(): AsyncIterable<DuplicateEntry> {
    const filter = rowKindFilter(duplicatesPartitionKey(this.partitionKey), DUPLICATE_ROW_PREFIX);
    for await (const row of this.index.listEntities({ queryOptions: { filter, select: ['key', 'contactIds'] } })) yield duplicateEntryOf(row);
  }

  /** Point reads of the given contacts; those not stored are left out. */
  async contacts(ids: Iterable<string>): Promise<Map<string, StoredContact>> {
    const found = new Map<string, StoredContact>();
    await inParallel(new Set(ids), READ_CONCURRENCY, async (id) => {
      const contact = await this.contact(id);
      if (contact) found.set(id, contact);
    });
    return found;
  }

  async contact(id: string): Promise<StoredContact | undefined> {
    try {
      return fromContactEntity(await this.client.getEntity(this.partitionKey, contactRowKey(id))).contact;
    } catch (error) {
      if (error instanceof RestError && error.statusCode === 404) return undefined;
      throw error;
    }
  }

  private rangeFilter(prefix: string): string {
    return rowKindFilter(this.partitionKey, prefix);
  }

  /** The index rows under `keyPrefix`: in its shard's partition, or across the partitions of a shorter prefix. */
  private indexFilter(keyPrefix: string, rowKeyPrefix: string): string {
    if (keyPrefix.length >= indexShardLength(keyPrefix)) return rowKindFilter(indexPartitionKey(this.partitionKey, keyPrefix), rowKeyPrefix);
    return `${keyRangeFilter('PartitionKey', indexPartitionPrefix(this.partitionKey, keyPrefix))} and ${keyRangeFilter('RowKey', rowKeyPrefix)}`;
  }
}

function safeDecode(key: string): string {
  try {
    return decodeKey(key);
  } catch {
    return key; // a hashed key (a very long address): compared as it is
  }
}
