import type { StoredContact } from '../contacts/contactModel';
import { type CountryCode, toE164 } from '../contacts/phoneNumber';
import type { IndexEntry, PhonebookReader } from './phonebookReader';
import { addressKey, contactIndexKeys, contactWords, numberKey, searchWords, soundCode } from './searchKeys';
import { contactScore, wordScore } from './searchRanking';

/** One stored contact of a phonebook item: where it sits and its id. */
export interface PhonebookSource {
  folderId: string;
  contactId: string;
}

/**
 * A contact as the phonebook finds it: one person, with every stored contact that is that person. Its
 * folders are ids only; the service names them (see {@link PhonebookItem}).
 */
export interface PhonebookMatch extends StoredContact {
  /** The stored contacts merged into this item (same E.164 number or email): the item's own first. */
  sources: PhonebookSource[];
  phoneBound: boolean;
  emailBound: boolean;
}

/**
 * A contact as the phonebook API returns it: a match with the display name of its Outlook folder and of
 * each source's folder ('' for a folder the last sync did not store).
 */
export interface PhonebookItem extends Omit<PhonebookMatch, 'sources'> {
  folderName: string;
  sources: Array<PhonebookSource & { folderName: string }>;
}

/** A ranked page of a search (of matches, or of items once named), and whether more follow. */
export interface SearchPage<Item = PhonebookMatch> {
  contacts: Item[];
  more: boolean;
}

type Reader = Pick<PhonebookReader, 'indexRange' | 'contacts'>;

/**
 * Searches a mailbox's contacts through its index: each query word reads the index range of its sound
 * code (the words that sound alike or begin alike), numbers and addresses read their own key, and only
 * the best-ranked contacts are read, checked against what is stored now (an index row left by an older
 * value is dropped), and merged when they are the same person.
 */
export async function searchPhonebook(reader: Reader, text: string, region: CountryCode | undefined, page: { top: number; skip: number }): Promise<SearchPage> {
  const scores = await candidateScores(reader, text, region);
  const ranked = [...scores.entries()].sort((a, b) => b[1] - a[1]).map(([id]) => id);
  const wanted = page.skip + page.top + 1;
  const items: PhonebookMatch[] = [];
  const byPerson = new Map<string, PhonebookMatch>();
  for (let start = 0; start < ranked.length && items.length < wanted; start += wanted) {
    const batch = ranked.slice(start, start + wanted);
    const stored = await reader.contacts(batch);
    for (const id of batch) {
      const contact = stored.get(id);
      if (contact && stillMatches(contact, text, region)) mergeInto(items, byPerson, contact);
    }
  }
  return { contacts: items.slice(page.skip, page.skip + page.top), more: items.length > page.skip + page.top };
}

/** Every candidate contact and its score (0–1; a contact must match every query word). */
async function candidateScores(reader: Reader, text: string, region: CountryCode | undefined): Promise<Map<string, number>> {
  const scores = new Map<string, number>();
  const number = numberOf(text, region);
  if (number) for (const entry of await reader.indexRange(numberKey(number))) scores.set(entry.contactId, 1);
  if (text.includes('@')) for (const entry of await reader.indexRange(addressKey(text))) scores.set(entry.contactId, 1);
  const words = queryWords(text);
  if (words.length === 0 || scores.size > 0) return scores;
  const best = await Promise.all(words.map((word) => wordMatches(reader, word)));
  for (const [id, first] of best[0] ?? new Map<string, number>()) {
    const rest = best.slice(1).map((scored) => scored.get(id) ?? 0);
    if (rest.every((score) => score > 0)) scores.set(id, (first + rest.reduce((a, b) => a + b, 0)) / words.length);
  }
  return scores;
}

/** Enough matches of a word among the words of its own sound code not to read the longer codes too. */
const ENOUGH_MATCHES = 50;
/** Rows read of the longer codes (words typed in part whose rest adds consonants: "smi" → "smith"). */
const LONGER_CODES_ROWS = 5_000;

/**
 * The contacts matching one query word, best score each: first the words with the word's own sound code
 * (the same sound, and most words typed in part), then, when those are few, the words whose code goes on.
 */
async function wordMatches(reader: Reader, word: string): Promise<Map<string, number>> {
  const code = `w${soundCode(word)}`;
  const same = bestPerContact(word, await reader.indexRange(`${code}|`));
  if (same.size >= ENOUGH_MATCHES) return same;
  const longer = bestPerContact(word, await reader.indexRange(code, LONGER_CODES_ROWS));
  for (const [id, score] of same) if (score > (longer.get(id) ?? 0)) longer.set(id, score);
  return longer;
}

function bestPerContact(query: string, entries: IndexEntry[]): Map<string, number> {
  const best = new Map<string, number>();
  for (const { key, contactId } of entries) {
    const score = wordScore(query, key.slice(key.indexOf('|') + 1));
    if (score > (best.get(contactId) ?? 0)) best.set(contactId, score);
  }
  return best;
}

function queryWords(text: string): string[] {
  return searchWords(text).filter((word) => word.length > 1 && !/^\d+$/.test(word));
}

/** The E.164 number a query is, if it looks like one (digits with the usual punctuation). */
export function numberOf(text: string, region: CountryCode | undefined): string {
  if (!/^[+\d\s().\-/]+$/.test(text.trim()) || text.replace(/\D/g, '').length < 5) return '';
  return toE164(text, region);
}

/** The contact still matches the query as stored now (its index row may be older than the contact). */
function stillMatches(contact: StoredContact, text: string, region: CountryCode | undefined): boolean {
  const keys = contactIndexKeys(contact);
  const number = numberOf(text, region);
  if (number && keys.some((key) => key.startsWith(numberKey(number)))) return true;
  if (text.includes('@') && keys.some((key) => key.startsWith(addressKey(text)))) return true;
  const words = queryWords(text);
  return words.length > 0 && contactScore(words, contactWords(contact)) > 0;
}

/** Adds a contact as a new item, or as a source of the item of the same person (same number or email). */
export function mergeInto(items: PhonebookMatch[], byPerson: Map<string, PhonebookMatch>, contact: StoredContact): void {
  const keys = [contact.phoneE164 && numberKey(contact.phoneE164), contact.email && addressKey(contact.email)].filter(Boolean);
  const same = keys.map((key) => byPerson.get(key)).find((item) => item !== undefined);
  const source = { folderId: contact.folderId, contactId: contact.id };
  if (same) {
    same.sources.push(source);
  } else {
    const item = asItem(contact);
    items.push(item);
    keys.forEach((key) => byPerson.set(key, item));
  }
}

/** A stored contact as the phonebook lists it, alone. */
export function asItem(contact: StoredContact): PhonebookMatch {
  return {
    ...contact, sources: [{ folderId: contact.folderId, contactId: contact.id }],
    phoneBound: contact.phoneChannelBound, emailBound: contact.emailChannelBound,
  };
}
