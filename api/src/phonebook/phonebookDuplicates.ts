import type { PhonebookReader } from './phonebookReader';
import { type PhonebookItem, asItem } from './phonebookSearch';
import { hasSharedKey } from './searchKeys';

/** Contacts that look like one person: the same E.164 number or the same email address. */
export interface DuplicateGroup {
  kind: 'phone' | 'email';
  value: string;
  contacts: PhonebookItem[];
}

/**
 * The suspected duplicates of a mailbox: the list the index job keeps (one range read, by key), each
 * group checked against the contacts as stored now (a contact that no longer has the number or address
 * is left out, and a group left with one contact is not shown).
 */
export async function findDuplicates(reader: Pick<PhonebookReader, 'duplicateEntries' | 'contacts'>, limit: number): Promise<DuplicateGroup[]> {
  const groups: DuplicateGroup[] = [];
  for await (const { key, contactIds } of reader.duplicateEntries()) {
    if (groups.length >= limit) break;
    const kind = key.startsWith('n') ? 'phone' : 'email';
    const stored = [...(await reader.contacts(contactIds)).values()].filter((contact) => hasSharedKey(contact, key));
    if (stored.length > 1) groups.push({ kind, value: key.slice(1), contacts: stored.map(asItem) });
  }
  return groups;
}
