import type { StoredContact } from '../contacts/contactModel';
import type { DuplicateEntry } from './duplicateRows';
import type { PhonebookReader } from './phonebookReader';
import { type PhonebookMatch, asItem } from './phonebookSearch';
import { hasSharedKey } from './searchKeys';

/** Contacts that look like one person: the same E.164 number or the same email address. */
export interface DuplicateGroup<Item = PhonebookMatch> {
  kind: 'phone' | 'email';
  value: string;
  /** The first {@link MAX_CONTACTS_PER_GROUP} contacts that share it (checked against what is stored). */
  contacts: Item[];
  /** How many contacts share it, as the last sync counted (a shared mailbox may be hundreds). */
  total: number;
}

/**
 * Contacts read and listed per group: a page of groups costs at most this many point reads a group,
 * whatever a shared mailbox or switchboard number gathers (its `total` says how many).
 */
export const MAX_CONTACTS_PER_GROUP = 10;

/**
 * The suspected duplicates of a mailbox: the list each sync keeps (one range read, by key), each
 * group checked against the contacts as stored now (a contact that no longer has the number or address
 * is left out, and a group left with one contact is not shown).
 */
export async function findDuplicates(reader: Pick<PhonebookReader, 'duplicateEntries' | 'contacts'>, limit: number): Promise<DuplicateGroup[]> {
  const groups: DuplicateGroup[] = [];
  let chunk: DuplicateEntry[] = [];
  const check = async (): Promise<void> => {
    // One batch of point reads for the whole chunk's contacts (16 at a time), not a round trip per group.
    const firstOf = (entry: DuplicateEntry) => entry.contactIds.slice(0, MAX_CONTACTS_PER_GROUP);
    const stored = await reader.contacts(chunk.flatMap(firstOf));
    for (const entry of chunk) {
      const contacts = firstOf(entry).map((id) => stored.get(id)).filter((c): c is StoredContact => c !== undefined && hasSharedKey(c, entry.key));
      if (contacts.length < 2 || groups.length >= limit) continue;
      const total = Math.max(entry.contactCount, contacts.length) - (firstOf(entry).length - contacts.length);
      groups.push({ kind: entry.key.startsWith('n') ? 'phone' : 'email', value: entry.key.slice(1), contacts: contacts.map(asItem), total });
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
