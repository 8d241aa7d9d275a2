import type { ContactOutcome, ImportedContact, StoredContact } from '../contacts/contactModel';
import { ROW_PREFIX, encodeKey, hasLoneSurrogate, replaceLoneSurrogates } from './tableKeys';
import { textField as str } from './entityFields';

/** Which sync last wrote a contact, in which unit of work, and what it counted it as. */
export interface SyncStamp {
  syncId: string;
  /** The unit of work (a folder's page, or the end phase) that wrote it. */
  unit: string;
  outcome: ContactOutcome;
  /**
   * The page that counted the contact, when a later page wrote the stamp again (a listing restarted after
   * the contact was first seen): a replay of that later page must not count it a second time.
   */
  countedUnit?: string;
}

/** A contact row: the stored contact plus the stamp of the sync that last wrote it. */
export interface ContactRow {
  contact: StoredContact;
  stamp?: SyncStamp;
  etag?: string;
}

/** Imported text fields are cut to this length: far below Table's 32K-char property limit. */
export const MAX_FIELD_LENGTH = 1024;
const TEXT_FIELDS = ['firstName', 'lastName', 'companyName', 'phone', 'email'] as const;

export function contactRowKey(contactId: string): string {
  return ROW_PREFIX.contact + encodeKey(contactId);
}

/**
 * The stored form of imported fields: text fields cut to {@link MAX_FIELD_LENGTH} (naming the fields
 * cut) and cleaned of what Table Storage refuses inside a batch (a lone surrogate becomes U+FFFD, a line
 * or paragraph separator a space). The sync compares and stores this form, so a contact that was cut or
 * cleaned once is not "updated" by every later sync.
 */
export function fitToTableLimits<T extends ImportedContact>(contact: T): { contact: T; truncatedFields: string } {
  const fitted = { ...contact };
  const cut: string[] = [];
  for (const field of TEXT_FIELDS) {
    const value = cleanText(contact[field]);
    if (value.length > MAX_FIELD_LENGTH) cut.push(field);
    fitted[field] = value.length > MAX_FIELD_LENGTH ? value.slice(0, MAX_FIELD_LENGTH) : value;
  }
  if (cut.includes('phone')) fitted.phoneE164 = '';
  return { contact: fitted, truncatedFields: cut.join(',') };
}

/**
 * Why a contact cannot be stored at all ('' when it can). Its id is stored as Graph sent it (removals
 * and moves are matched on it), so an id that is not valid text, or holds a separator a batch refuses,
 * cannot be kept.
 */
export function unstorableReason(contact: ImportedContact): string {
  if (hasLoneSurrogate(contact.id)) return 'the contact id is not valid Unicode text';
  if (/[\u2028\u2029]/.test(contact.id)) return 'the contact id holds a line or paragraph separator';
  return '';
}

function cleanText(value: string): string {
  if (!hasLoneSurrogate(value) && !/[\u2028\u2029]/.test(value)) return value;
  return replaceLoneSurrogates(value, '\ufffd').replace(/[\u2028\u2029]/g, ' ');
}

export function toContactEntity(partitionKey: string, contact: StoredContact, stamp: SyncStamp): Record<string, unknown> & { partitionKey: string; rowKey: string } {
  return {
    partitionKey,
    rowKey: contactRowKey(contact.id),
    ...contact,
    syncId: stamp.syncId,
    syncUnit: stamp.unit,
    syncOutcome: stamp.outcome,
    ...(stamp.countedUnit ? { syncCountedUnit: stamp.countedUnit } : {}),
  };
}

export function fromContactEntity(entity: Record<string, unknown>): ContactRow {
  const contact: StoredContact = {
    id: str(entity.id),
    folderId: str(entity.folderId),
    firstName: str(entity.firstName),
    lastName: str(entity.lastName),
    phone: str(entity.phone),
    phoneE164: str(entity.phoneE164),
    phoneInvalid: entity.phoneInvalid === true,
    email: str(entity.email),
    companyName: str(entity.companyName),
    phoneChannelBound: entity.phoneChannelBound === true,
    emailChannelBound: entity.emailChannelBound === true,
    deletedAtSource: entity.deletedAtSource === true,
    deletedAtSourceAt: str(entity.deletedAtSourceAt),
    lastChangedAt: str(entity.lastChangedAt),
    truncatedFields: str(entity.truncatedFields),
  };
  const stamp = typeof entity.syncId === 'string' && entity.syncId
    ? { syncId: entity.syncId, unit: str(entity.syncUnit), outcome: str(entity.syncOutcome) as ContactOutcome,
      ...(str(entity.syncCountedUnit) ? { countedUnit: str(entity.syncCountedUnit) } : {}) }
    : undefined;
  return { contact, stamp, etag: typeof entity.etag === 'string' ? entity.etag : undefined };
}

