import type { ContactOutcome, ImportedContact, StoredContact } from '../contacts/contactModel';
import { ROW_PREFIX, encodeKey } from './tableKeys';
import { textField as str } from './entityFields';

/** Which sync last wrote a contact, in which unit of work, and what it counted it as. */
export interface SyncStamp {
  syncId: string;
  /** The unit of work (a folder's page, or the end phase) that wrote it. */
  unit: string;
  outcome: ContactOutcome;
}

/** A contact row: the stored contact plus the stamp of the sync that last wrote it. */
export interface ContactRow {
  contact: StoredContact;
  stamp?: SyncStamp;
  etag?: string;
}

/** Imported text fields are cut to this length: far below Table's 32K-char property limit. */
export const MAX_FIELD_LENGTH = 1024;
const TEXT_FIELDS = ['firstName', 'lastName', 'phone', 'email'] as const;

export function contactRowKey(contactId: string): string {
  return ROW_PREFIX.contact + encodeKey(contactId);
}

/**
 * Fits imported fields into Table limits, naming the fields that were cut. The sync compares and stores
 * the fitted form, so a contact that was cut once is not "updated" by every later sync.
 */
export function fitToTableLimits<T extends ImportedContact>(contact: T): { contact: T; truncatedFields: string } {
  const cut = TEXT_FIELDS.filter((field) => contact[field].length > MAX_FIELD_LENGTH);
  if (cut.length === 0) return { contact, truncatedFields: '' };
  const fitted = { ...contact };
  for (const field of cut) fitted[field] = contact[field].slice(0, MAX_FIELD_LENGTH);
  if (cut.includes('phone')) fitted.phoneE164 = '';
  return { contact: fitted, truncatedFields: cut.join(',') };
}

export function toContactEntity(partitionKey: string, contact: StoredContact, stamp: SyncStamp): Record<string, unknown> & { partitionKey: string; rowKey: string } {
  return {
    partitionKey,
    rowKey: contactRowKey(contact.id),
    ...contact,
    syncId: stamp.syncId,
    syncUnit: stamp.unit,
    syncOutcome: stamp.outcome,
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
    email: str(entity.email),
    phoneChannelBound: entity.phoneChannelBound === true,
    emailChannelBound: entity.emailChannelBound === true,
    deletedAtSource: entity.deletedAtSource === true,
    deletedAtSourceAt: str(entity.deletedAtSourceAt),
    lastChangedAt: str(entity.lastChangedAt),
    truncatedFields: str(entity.truncatedFields),
  };
  const stamp = typeof entity.syncId === 'string' && entity.syncId
    ? { syncId: entity.syncId, unit: str(entity.syncUnit), outcome: str(entity.syncOutcome) as ContactOutcome }
    : undefined;
  return { contact, stamp, etag: typeof entity.etag === 'string' ? entity.etag : undefined };
}

