import type { TableEntity } from '@azure/data-tables';
import { textField } from '../storage/entityFields';
import { encodeKey } from '../storage/tableKeys';
import type { IndexKey } from './searchKeys';

type Row = TableEntity<Record<string, unknown>>;

/**
 * The mailbox's suspected duplicates, kept by the sync so that listing them is one range read: a row
 * per number or address (`d:{key}`) that two or more contacts share, in the partition `{mailbox}|d` of the
 * phonebook table (an index shard is two or three characters long, so no index row lands there; the
 * phonebook's eraser takes it with the rest).
 */
export function duplicatesPartitionKey(mailboxPartition: string): string {
  return `${mailboxPartition}|d`;
}

/** Row key prefix of the duplicate rows. */
export const DUPLICATE_ROW_PREFIX = 'd:';

/**
 * Characters of the ids kept per group: a switchboard number shared by hundreds of contacts is still one
 * row, well inside a string property's 64 KiB (32K UTF-16 characters); about 190 Graph ids.
 */
export const MAX_GROUP_ID_CHARS = 30_000;

/** A number or address and the contacts the index has under it. */
export interface DuplicateEntry {
  key: IndexKey;
  contactIds: string[];
  /** All the contacts under the key (the ids kept may be fewer: {@link MAX_GROUP_ID_CHARS}). */
  contactCount: number;
}

export function duplicateRow(mailboxPartition: string, entry: Omit<DuplicateEntry, 'contactCount'>): Row {
  return {
    partitionKey: duplicatesPartitionKey(mailboxPartition),
    rowKey: `${DUPLICATE_ROW_PREFIX}${encodeKey(entry.key)}`,
    key: entry.key, // the row key of a very long address is a hash
    contactIds: JSON.stringify(idsWithin(entry.contactIds, MAX_GROUP_ID_CHARS)),
    contactCount: entry.contactIds.length,
  };
}

export function duplicateEntryOf(row: Record<string, unknown>): DuplicateEntry {
  let contactIds: string[] = [];
  try {
    const parsed: unknown = JSON.parse(textField(row.contactIds) || '[]');
    if (Array.isArray(parsed)) contactIds = parsed.filter((id): id is string => typeof id === 'string');
  } catch {
    contactIds = [];
  }
  const counted = Number(row.contactCount);
  return { key: textField(row.key), contactIds, contactCount: Number.isInteger(counted) && counted > 0 ? counted : contactIds.length };
}

/** The first ids (in sorted order, so a group keeps the same ones) whose JSON fits in `chars`. */
function idsWithin(ids: string[], chars: number): string[] {
  const kept: string[] = [];
  let length = 2;
  for (const id of [...ids].sort()) {
    length += JSON.stringify(id).length + 1;
    if (length > chars) break;
    kept.push(id);
  }
  return kept;
}
