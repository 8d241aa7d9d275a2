import type { StoredContact } from '../contacts/contactModel';

/**
 * Text as the phonebook compares it: accents and case folded ("Müller" → "muller"), compatibility forms
 * unified, and the letters that do not decompose spelled out (ß → ss, ø → o…).
 */
export function foldText(text: string): string {
  return text.normalize('NFKD').replace(/\p{M}/gu, '').toLowerCase()
    .replace(/ß/g, 'ss').replace(/æ/g, 'ae').replace(/œ/g, 'oe').replace(/ø/g, 'o').replace(/ł/g, 'l').replace(/đ/g, 'd').replace(/þ/g, 'th');
}

/** The folded words of a text (letters and digits; everything else separates). */
export function searchWords(text: string): string[] {
  return foldText(text).split(/[^\p{L}\p{N}]+/u).filter((word) => word.length > 0);
}

const CODES: Record<string, string> = {
  b: '1', f: '1', p: '1', v: '1', c: '2', g: '2', j: '2', k: '2', q: '2', s: '2', x: '2', z: '2',
  d: '3', t: '3', l: '4', m: '5', n: '5', r: '6',
};
const MAX_CODE_LENGTH = 8;

/**
 * A sound-alike code of a folded word, Soundex-like but neither padded nor cut at 4: the first letter,
 * then the consonant classes (vowels separate repeats, h and w do not). Spelling slips that keep the
 * sound ("Jhon", "Smyth", "Mueller") share the code, and the code of a word's beginning is the beginning
 * of the word's code, so a range read of a code finds the words typed in part. A word that does not
 * start with a Latin letter is its own code.
 */
export function soundCode(word: string): string {
  if (!/^[a-z]/.test(word)) return `~${word}`;
  const first = word.charAt(0);
  let code = first;
  let last = CODES[first] ?? '';
  for (const letter of word.slice(1)) {
    if (letter === 'h' || letter === 'w') continue;
    const digit = CODES[letter] ?? '';
    if (digit && digit !== last) code += digit;
    last = digit;
    if (code.length >= MAX_CODE_LENGTH) break;
  }
  return code;
}

/** Words of company names that say the legal form, not the company: not worth a row each. */
const LEGAL_FORMS = new Set(['ltd', 'limited', 'inc', 'llc', 'llp', 'plc', 'gmbh', 'ag', 'sa', 'sas', 'sarl', 'srl', 'spa', 'bv', 'nv', 'ab', 'as', 'oy', 'co', 'corp', 'kg', 'the', 'and', 'und', 'et']);

/**
 * The words a contact is found by: the words of its names and its company (an email address is found by
 * its own key). Each is a row per contact, so few on purpose: single letters and legal forms are left out.
 */
export function contactWords(contact: Pick<StoredContact, 'firstName' | 'lastName' | 'companyName'>): string[] {
  const company = searchWords(contact.companyName).filter((word) => !LEGAL_FORMS.has(word));
  const words = [...searchWords(contact.firstName), ...searchWords(contact.lastName), ...company].filter((word) => word.length > 1);
  return [...new Set(words)].slice(0, 8);
}

/** An index key of a contact, without the contact: the kind's prefix and what is looked up. */
export type IndexKey = string;

/** The keys a contact is indexed under (see {@link indexKeyOfWord}, {@link numberKey}, {@link addressKey}). */
export function contactIndexKeys(contact: Pick<StoredContact, 'firstName' | 'lastName' | 'companyName' | 'email' | 'phoneE164'>): IndexKey[] {
  const keys = contactWords(contact).map(indexKeyOfWord);
  if (contact.phoneE164) keys.push(numberKey(contact.phoneE164));
  if (contact.email) keys.push(addressKey(contact.email));
  return keys;
}

/** `code|word`: words sorted by sound, then by spelling. */
export function indexKeyOfWord(word: string): IndexKey {
  return `w${soundCode(word)}|${word}`;
}

/** A phone number in E.164 (caller lookup, duplicates). */
export function numberKey(e164: string): IndexKey {
  return `n${e164}`;
}

/** An email address, case folded (duplicates). */
export function addressKey(email: string): IndexKey {
  return `e${email.trim().toLowerCase()}`;
}

/** Whether the contact, as stored, has this number (`n…`) or address (`e…`) key. */
export function hasSharedKey(contact: Pick<StoredContact, 'phoneE164' | 'email'>, key: IndexKey): boolean {
  if (key.startsWith('n')) return contact.phoneE164 !== '' && numberKey(contact.phoneE164) === key;
  return contact.email !== '' && addressKey(contact.email) === key;
}
