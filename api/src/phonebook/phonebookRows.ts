import type { TableEntity } from '@azure/data-tables';
import { textField } from '../storage/entityFields';
import { ROW_PREFIX, encodeKey } from '../storage/tableKeys';
import type { ContactChange, FieldChange } from './changeLog';
import type { IndexKey } from './searchKeys';

type Row = TableEntity<Record<string, unknown>>;

/**
 * The phonebook's rows in the mailbox's partition of the contacts table. A change-log row per contact a
 * sync changed (`h:{syncId}:{unit}:{contactId}`: one sync's entries are one key range). The index lives in
 * the phonebook table: a row per key of a contact (`x:{key}|{contactId}`: a key's contacts are one key
 * range), in one of the mailbox's index partitions.
 */
export function changeRowPrefix(syncId: string): string {
  return `${ROW_PREFIX.change}${encodeKey(syncId)}:`;
}

export function changeRow(partitionKey: string, syncId: string, unit: string, change: ContactChange): Row {
  return {
    partitionKey,
    rowKey: `${changeRowPrefix(syncId)}${encodeKey(unit)}:${encodeKey(change.contactId)}`,
    contactId: change.contactId,
    displayName: change.displayName,
    outcome: change.outcome,
    fields: JSON.stringify(change.fields),
  };
}

export function changeFromRow(row: Record<string, unknown>): ContactChange {
  let fields: FieldChange[] = [];
  try {
    const parsed: unknown = JSON.parse(textField(row.fields) || '[]');
    if (Array.isArray(parsed)) fields = parsed as FieldChange[];
  } catch {
    fields = [];
  }
  return { contactId: textField(row.contactId), displayName: textField(row.displayName), outcome: textField(row.outcome) as ContactChange['outcome'], fields };
}

/** The row key range of every contact under `key` (or, as a prefix, under every key that starts with it). */
export function indexRowPrefix(key: IndexKey): string {
  return `${ROW_PREFIX.index}${encodeKey(key)}`;
}

/**
 * Characters of a key that choose its partition: the kind and the first letter of a word's sound code or
 * of an address (`wj`, `ea`), the kind, `+` and the first digit of a number (`n+4`), and for a word that
 * is not in Latin letters (its code is `~` and the word) its first letter too (`w~и`). Every read of the
 * search and the caller lookup is a range of at least that many characters, so it stays in one partition.
 */
export function indexShardLength(keyPrefix: string): number {
  return keyPrefix.startsWith('n') || keyPrefix.startsWith('w~') ? 3 : 2;
}

/**
 * The partition of an index row: the mailbox's partition key, `|`, the key's shard. A mailbox's index is
 * spread over a few dozen partitions because Table Storage serves about 2,000 entities a second per
 * partition: a 100,000-contact import's half a million index rows go out to many partitions at once.
 * (`|` is escaped inside the mailbox's key, so the range `{mailbox}|` … `{mailbox}}` is this mailbox's alone.)
 */
export function indexPartitionKey(mailboxPartition: string, key: IndexKey): string {
  return `${mailboxPartition}|${encodeKey(key.slice(0, indexShardLength(key)))}`;
}

/**
 * The prefix of the partition keys of a mailbox's index partitions whose keys start with `keyPrefix`
 * (a prefix shorter than a shard spans several; `''`: all of them).
 */
export function indexPartitionPrefix(mailboxPartition: string, keyPrefix: string): string {
  return `${mailboxPartition}|${encodeKey(keyPrefix)}`;
}

/** An index row: in the key's partition (see {@link indexPartitionKey}), keyed by the key and the contact. */
export function indexRow(mailboxPartition: string, key: IndexKey, contactId: string): Row {
  return { partitionKey: indexPartitionKey(mailboxPartition, key), rowKey: `${indexRowPrefix(key)}|${encodeKey(contactId)}`, contactId };
}

/** The key and the contact of an index row (the contact id as stored: a long id's key part is a hash). */
export function indexEntryOf(row: Record<string, unknown>): { key: string; contactId: string } {
  const rowKey = textField(row.rowKey);
  const end = rowKey.lastIndexOf('|');
  return { key: rowKey.slice(ROW_PREFIX.index.length, end), contactId: textField(row.contactId) };
}
