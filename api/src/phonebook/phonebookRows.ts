import type { TableEntity } from '@azure/data-tables';
import { textField } from '../storage/entityFields';
import { ROW_PREFIX, encodeKey } from '../storage/tableKeys';
import type { ContactChange, FieldChange } from './changeLog';
import type { IndexKey } from './searchKeys';

type Row = TableEntity<Record<string, unknown>>;

/**
 * The phonebook's rows in the mailbox's partition of the contacts table. A change-log row per contact a
 * sync changed (`h:{syncId}:{unit}:{contactId}`: one sync's entries are one key range), and an index row
 * per key of a contact (`x:{key}|{contactId}`: a key's contacts are one key range).
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

export function indexRow(partitionKey: string, key: IndexKey, contactId: string): Row {
  return { partitionKey, rowKey: `${indexRowPrefix(key)}|${encodeKey(contactId)}`, contactId };
}

/** The key and the contact of an index row (the contact id as stored: a long id's key part is a hash). */
export function indexEntryOf(row: Record<string, unknown>): { key: string; contactId: string } {
  const rowKey = textField(row.rowKey);
  const end = rowKey.lastIndexOf('|');
  return { key: rowKey.slice(ROW_PREFIX.index.length, end), contactId: textField(row.contactId) };
}
