import type { StoredContact } from '../contacts/contactModel';
import { REBUILD_ABOVE_KEYS } from './duplicateKeeper';
import { type IndexKey, addressKey, numberKey } from './searchKeys';

/**
 * The numbers and addresses (`n…`, `e…` index keys) whose groups of suspected duplicates a sync may have
 * changed, as a folder's round keeps them in its checkpoint; `all` when there are more than the list is
 * brought up to date with key by key (it is then rewritten whole).
 */
export type DuplicateKeys = readonly IndexKey[] | 'all';

/** Characters of keys a checkpoint keeps (a string property holds 32K UTF-16 characters). */
const MAX_KEY_CHARS = 30_000;

/** The number and address keys of a contact (what duplicates share). */
export function sharedKeysOf(contact: Pick<StoredContact, 'phoneE164' | 'email'>): IndexKey[] {
  const keys: IndexKey[] = [];
  if (contact.phoneE164) keys.push(numberKey(contact.phoneE164));
  if (contact.email) keys.push(addressKey(contact.email));
  return keys;
}

/** `kept` with `more` added; `all` once they are more than a checkpoint keeps or a key-by-key refresh reads. */
export function addDuplicateKeys(kept: DuplicateKeys | undefined, more: Iterable<IndexKey>): DuplicateKeys {
  if (kept === 'all') return 'all';
  const keys = new Set([...(kept ?? []), ...more]);
  if (keys.size > REBUILD_ABOVE_KEYS || JSON.stringify([...keys]).length > MAX_KEY_CHARS) return 'all';
  return [...keys];
}

/** The keys of several rounds together (see {@link addDuplicateKeys}). */
export function unionDuplicateKeys(all: Iterable<DuplicateKeys | undefined>): DuplicateKeys {
  let union: DuplicateKeys = [];
  for (const keys of all) union = keys === 'all' ? 'all' : addDuplicateKeys(union, keys ?? []);
  return union;
}

/** As stored in a checkpoint row. */
export function duplicateKeysJson(keys: DuplicateKeys | undefined): string {
  return JSON.stringify(keys ?? []);
}

/** A checkpoint row's keys; what cannot be read means `all` (the list is rewritten: never a group missed). */
export function parseDuplicateKeys(value: unknown): DuplicateKeys {
  if (value === undefined || value === null || value === '') return [];
  if (typeof value !== 'string') return 'all';
  try {
    const parsed: unknown = JSON.parse(value);
    if (parsed === 'all') return 'all';
    if (Array.isArray(parsed) && parsed.every((key) => typeof key === 'string')) return parsed;
  } catch {
    // unreadable: below
  }
  return 'all';
}
