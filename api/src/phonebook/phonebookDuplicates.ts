import type { StoredContact } from '../contacts/contactModel';
import type { PhonebookReader } from './phonebookReader';
import { type PhonebookItem, asItem } from './phonebookSearch';
import { addressKey, numberKey } from './searchKeys';

/** Contacts that look like one person: the same E.164 number or the same email address. */
export interface DuplicateGroup {
  kind: 'phone' | 'email';
  value: string;
  contacts: PhonebookItem[];
}

/**
 * The suspected duplicates of a mailbox, from the index rows of numbers and addresses (sorted by key, so
 * a person's contacts are neighbours), each checked against the contacts as stored now.
 */
export async function findDuplicates(reader: Pick<PhonebookReader, 'indexRange' | 'contacts'>, limit: number): Promise<DuplicateGroup[]> {
  const groups: DuplicateGroup[] = [];
  for (const kind of ['phone', 'email'] as const) {
    const byKey = new Map<string, Set<string>>();
    for (const { key, contactId } of await reader.indexRange(kind === 'phone' ? 'n' : 'e', Number.MAX_SAFE_INTEGER)) {
      byKey.set(key, (byKey.get(key) ?? new Set()).add(contactId));
    }
    for (const [key, ids] of byKey) {
      if (ids.size < 2 || groups.length >= limit) continue;
      const stored = [...(await reader.contacts(ids)).values()].filter((contact) => keyOf(kind, contact) === key);
      if (stored.length > 1) groups.push({ kind, value: key.slice(1), contacts: stored.map(asItem) });
    }
  }
  return groups;
}

function keyOf(kind: 'phone' | 'email', contact: StoredContact): string {
  if (kind === 'phone') return contact.phoneE164 ? numberKey(contact.phoneE164) : '';
  return contact.email ? addressKey(contact.email) : '';
}
