import type { StoredContact } from '../contacts/contactModel';
import type { DuplicateEntry } from './duplicateRows';
import type { PhonebookReader } from './phonebookReader';
import { type PhonebookMatch, asItem } from './phonebookSearch';
import { hasSharedKey } from './searchKeys';

/** Contacts that look like one person: the same E.164 number or the same email address. */
export interface DuplicateGroup<Item = PhonebookMatch> {
  kind: 'phone' | 'email';
  value: string;
  contacts: Item[];
}

/**
 * The suspected duplicates of a mailbox: the list the index job keeps (one range read, by key), each
 * group checked against the contacts as stored now (a contact that no longer has the number or address
 * is left out, and a group left with one contact is not shown).
 */
export async function findDuplicates(reader: Pick<PhonebookReader, 'duplicateEntries' | 'contacts'>, limit: number): Promise<DuplicateGroup[]> {
  const groups: DuplicateGroup[] = [];
  let chunk: DuplicateEntry[] = [];
  const check = async (): Promise<void> => {
    // One batch of point reads for the whole chunk's contacts (16 at a time), not a round trip per group.
    const stored = await reader.contacts(chunk.flatMap((entry) => entry.contactIds));
    for (const { key, contactIds } of chunk) {
      const contacts = contactIds.map((id) => stored.get(id)).filter((c): c is StoredContact => c !== undefined && hasSharedKey(c, key));
      if (contacts.length > 1 && groups.length < limit) groups.push({ kind: key.startsWith('n') ? 'phone' : 'email', value: key.slice(1), contacts: contacts.map(asItem) });
    }
    chunk = [];
  };
  for await (const entry of reader.duplicateEntries()) {
    chunk.push(entry);
    if (chunk.length >= limit - groups.length) await check();
    if (groups.length >= limit) break;
  }
  if (chunk.length > 0) await check();
  return groups;
}
