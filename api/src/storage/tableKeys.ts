import { createHash } from 'node:crypto';
import type { MailboxRef } from '../contacts/contactModel';

/**
 * Characters Table Storage forbids in PartitionKey/RowKey, plus '%' (our escape character) and '|'
 * (our separator of key parts), the line and paragraph separators (refused inside a batch), and lone
 * UTF-16 surrogates (not text at all: a URL cannot carry them and a batch is refused).
 */
// eslint-disable-next-line no-control-regex -- control characters are exactly what Table keys forbid
const FORBIDDEN = /[%|/\\#?\u0000-\u001f\u007f-\u009f\u2028\u2029]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;
const LONE_SURROGATES = new RegExp(LONE_SURROGATE.source, 'g');

/** Keys may be 1 KiB; past this length a key is a hash, and the entity keeps the original. */
const MAX_ENCODED_LENGTH = 480;
const HASHED_PREFIX = '~sha256~';

/**
 * Encodes any string as a legal Table key, reversibly: forbidden characters become %XX (UTF-16 code unit,
 * %uXXXX for > 0xFF). Graph ids (URL-safe base64: letters, digits, '-', '_', '=') stay as they are.
 * Strings whose encoding would exceed the key size limit become a SHA-256 form (see {@link isHashedKey}).
 */
export function encodeKey(value: string): string {
  const encoded = value.replace(FORBIDDEN, (c) => {
    const code = c.charCodeAt(0);
    return code > 0xff ? `%u${code.toString(16).padStart(4, '0')}` : `%${code.toString(16).padStart(2, '0')}`;
  });
  if (encoded.length <= MAX_ENCODED_LENGTH) return encoded;
  // UTF-8 would turn every lone surrogate into U+FFFD (two such ids, one hash); their code units do not.
  return HASHED_PREFIX + createHash('sha256').update(value, hasLoneSurrogate(value) ? 'utf16le' : 'utf8').digest('hex');
}

/** Whether the text holds half of a surrogate pair alone (not valid Unicode; JSON can still carry it). */
export function hasLoneSurrogate(value: string): boolean {
  return LONE_SURROGATE.test(value);
}

/** The text with every lone surrogate replaced (U+FFFD is what a UTF-8 encoder would make of it). */
export function replaceLoneSurrogates(value: string, replacement: string): string {
  return value.replace(LONE_SURROGATES, replacement);
}

/** Reverses {@link encodeKey}; a hashed key cannot be reversed and throws. */
export function decodeKey(key: string): string {
  if (isHashedKey(key)) throw new Error('a hashed key cannot be decoded; read the original from the entity');
  return key.replace(/%u([0-9a-f]{4})|%([0-9a-f]{2})/g, (_m, wide: string | undefined, narrow: string | undefined) =>
    String.fromCharCode(parseInt(wide ?? narrow ?? '', 16)));
}

export function isHashedKey(key: string): boolean {
  return key.startsWith(HASHED_PREFIX);
}

/** One partition per mailbox. */
export function mailboxPartitionKey(mailbox: MailboxRef): string {
  return `${encodeKey(mailbox.tenantId)}|${encodeKey(mailbox.userId)}`;
}

/**
 * Row key kinds that share a mailbox's partition in the contacts table (so erasing the partition erases
 * them all): contacts, folder states, removal markers, and the phonebook's change log (`h:`) and its index of
 * words, numbers and email addresses (`x:`), and the contacts each sync skipped (`s:`).
 */
export const ROW_PREFIX = { contact: 'c:', folder: 'f:', removal: 'r:', change: 'h:', index: 'x:', skipped: 's:' } as const;

/** An OData filter for every row of one kind in a partition (a RowKey range, served from the index). */
export function rowKindFilter(partitionKey: string, prefix: string): string {
  return `PartitionKey eq '${odataString(partitionKey)}' and ${keyRangeFilter('RowKey', prefix)}`;
}

/** An OData filter for the keys that start with `prefix`: `from` ≤ key < the prefix with its last character bumped. */
export function keyRangeFilter(property: 'PartitionKey' | 'RowKey', prefix: string): string {
  const upper = prefix.slice(0, -1) + String.fromCharCode(prefix.charCodeAt(prefix.length - 1) + 1);
  return `${property} ge '${odataString(prefix)}' and ${property} lt '${odataString(upper)}'`;
}

/** Escapes a value for an OData string literal. */
export function odataString(value: string): string {
  return value.replace(/'/g, "''");
}
