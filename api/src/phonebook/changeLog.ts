import type { Classification } from '../contacts/classifyContact';
import { CONTACT_VALUE_FIELDS, type KeptReason, type StoredContact } from '../contacts/contactModel';

/** One field in the change log: the value before and after; `kept` when Outlook's value was not taken. */
export interface FieldChange {
  field: string;
  old: string;
  /** The value stored now; for a kept value, the value Outlook has (not taken). */
  new: string;
  kept?: KeptReason;
}

/** What one sync did to one contact (`GET /api/sync/history/{syncId}/changes`). */
export interface ContactChange {
  contactId: string;
  displayName: string;
  /** `unchanged` only for a contact whose Outlook values were all kept (a `kept` on every field). */
  outcome: 'new' | 'updated' | 'deleted' | 'unchanged';
  fields: FieldChange[];
}

const LOGGED_FIELDS = [...CONTACT_VALUE_FIELDS, 'folderId'] as const;

/**
 * The change-log entry for a decision, or undefined when there is nothing to say: a new contact (the
 * count and the contact itself say it) and an unchanged one with nothing kept are not logged.
 */
export function changeEntry(before: StoredContact | undefined, decision: Classification): ContactChange | undefined {
  if (!before || decision.outcome === 'new') return undefined;
  if (decision.outcome === 'unchanged' && decision.kept.length === 0) return undefined;
  const after = decision.contact;
  const fields: FieldChange[] = [];
  if (decision.outcome === 'updated') {
    for (const field of LOGGED_FIELDS) {
      if (before[field] !== after[field]) fields.push({ field, old: before[field], new: after[field] });
    }
  }
  for (const kept of decision.kept) fields.push({ field: kept.field, old: kept.stored, new: kept.offered, kept: kept.reason });
  return { contactId: after.id, displayName: displayName(after), outcome: decision.outcome, fields };
}

/** How people recognise a contact in a list: its name, else its email, else its phone. */
export function displayName(contact: Pick<StoredContact, 'firstName' | 'lastName' | 'email' | 'phone'>): string {
  return `${contact.firstName} ${contact.lastName}`.trim() || contact.email || contact.phone;
}
