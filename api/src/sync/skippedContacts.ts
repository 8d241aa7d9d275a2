import { createHash } from 'node:crypto';
import type { Contact } from '@microsoft/microsoft-graph-types';
import { textField } from '../storage/entityFields';
import { ROW_PREFIX, encodeKey } from '../storage/tableKeys';

/** One contact a sync could not store (`GET /api/sync/history/{syncId}/skipped`). */
export interface SkippedContact {
  /** The Graph id as Graph sent it ('' when it had none), cut to {@link MAX_SKIPPED_TEXT} characters. */
  contactId: string;
  /** True when `contactId` is the beginning of a longer id. */
  contactIdCut: boolean;
  /** The name Graph sent (display name, else given and surname), '' when none could be read. */
  displayName: string;
  /** `malformed_contact`, `contact_unstorable` or `contact_refused`. */
  code: string;
  message: string;
  folderId: string;
}

/** A skipped contact with what keys its row: its whole id, or (no id) a digest of what Graph sent. */
export interface SkipRecord {
  key: string;
  skip: SkippedContact;
}

/** Problem codes of contacts that were skipped (never stored: a new listing meets them again). */
export const SKIP_CODES: ReadonlySet<string> = new Set(['malformed_contact', 'contact_unstorable', 'contact_refused']);

/** Each text of a skip row is cut to this: a row stays far below Table Storage's 64 KiB property limit. */
export const MAX_SKIPPED_TEXT = 1024;

export function skippedRowPrefix(syncId: string): string {
  return `${ROW_PREFIX.skipped}${encodeKey(syncId)}:`;
}

/**
 * The skip row of a contact, keyed by sync and contact id (a long id becomes its digest, `encodeKey`): a page
 * replayed after a crash, a retried attempt, a continuation or a restarted listing writes the same row again,
 * so a sync's rows name each contact once. The texts go in one JSON property with every character a batch
 * could refuse escaped (control characters, lone surrogates, line separators), so an id reads back as sent.
 */
export function skippedEntity(partitionKey: string, syncId: string, record: SkipRecord):
  { partitionKey: string; rowKey: string } & Record<string, unknown> {
  const { skip } = record;
  const data = { contactId: skip.contactId, contactIdCut: skip.contactIdCut, displayName: skip.displayName, message: skip.message, folderId: skip.folderId };
  return { partitionKey, rowKey: `${skippedRowPrefix(syncId)}${encodeKey(record.key)}`, code: skip.code, data: safeJson(data) };
}

export function skippedFromRow(row: Record<string, unknown>): SkippedContact {
  let data: Partial<SkippedContact> = {};
  try {
    const parsed: unknown = JSON.parse(textField(row.data) || '{}');
    if (parsed && typeof parsed === 'object') data = parsed;
  } catch {
    data = {};
  }
  return {
    contactId: textField(data.contactId), contactIdCut: data.contactIdCut === true, displayName: textField(data.displayName),
    code: textField(row.code), message: textField(data.message), folderId: textField(data.folderId),
  };
}

/**
 * What is known of a skipped contact from what Graph sent (any of its fields may be of the wrong type). A
 * contact without an id is keyed by a digest of its fields and how often the page held the same (`seen`).
 */
export function skippedContact(contact: Contact, code: string, message: string, folderId: string, seen: Map<string, number>): SkipRecord {
  const id = typeof contact.id === 'string' ? contact.id : '';
  const skip = { contactId: cut(id), contactIdCut: id.length > MAX_SKIPPED_TEXT, displayName: cut(knownName(contact)), code, message: cut(message), folderId };
  if (id) return { key: id, skip };
  const digest = createHash('sha256').update(JSON.stringify(contact) ?? '').digest('base64url').slice(0, 32);
  const count = (seen.get(digest) ?? 0) + 1;
  seen.set(digest, count);
  return { key: `~${digest}#${count}`, skip };
}

function knownName(contact: Contact): string {
  const text = (value: unknown): string => (typeof value === 'string' ? value.trim() : '');
  return text(contact.displayName) || `${text(contact.givenName)} ${text(contact.surname)}`.trim();
}

function cut(text: string): string {
  return text.length > MAX_SKIPPED_TEXT ? text.slice(0, MAX_SKIPPED_TEXT) : text;
}

/** JSON.stringify escapes control characters and lone surrogates; line separators are escaped here. */
function safeJson(value: unknown): string {
  return JSON.stringify(value).replace(/\u2028/g, '\\u2028').replace(/\u2029/g, '\\u2029');
}
