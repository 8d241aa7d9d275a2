import type { ContactOutcome, ImportedContact, KeptReason, StoredContact } from './contactModel';

/** The decision for one contact: what to count and what to store. */
export interface Classification {
  outcome: Extract<ContactOutcome, 'new' | 'updated' | 'unchanged' | 'deleted'>;
  /** The contact as it must be stored after this change. */
  contact: StoredContact;
  /** Imported values that were not taken, and why. */
  kept: KeptReason[];
}

const COMPARED_FIELDS = ['folderId', 'firstName', 'lastName', 'phone', 'phoneE164', 'email'] as const;

/** A contact seen for the first time. */
export function newStoredContact(imported: ImportedContact, now: string): StoredContact {
  return {
    ...imported,
    phoneChannelBound: false,
    emailChannelBound: false,
    deletedAtSource: false,
    deletedAtSourceAt: '',
    lastChangedAt: now,
    truncatedFields: '',
  };
}

/**
 * Classifies an imported contact against what is stored. Names and folder follow the source; the phone
 * and the email follow it too, except that an empty value never overwrites a stored one and a value a
 * messaging channel uses is never overwritten. A contact deleted at the source that comes back is Updated.
 */
export function classifyImported(stored: StoredContact | undefined, imported: ImportedContact, now: string): Classification {
  if (!stored) return { outcome: 'new', contact: newStoredContact(imported, now), kept: [] };
  const kept: KeptReason[] = [];
  const phone = keepOrTake('phone', stored.phone, imported.phone, stored.phoneChannelBound, kept);
  const email = keepOrTake('email', stored.email, imported.email, stored.emailChannelBound, kept);
  const next: StoredContact = {
    ...stored,
    folderId: imported.folderId,
    firstName: imported.firstName,
    lastName: imported.lastName,
    phone: phone === 'stored' ? stored.phone : imported.phone,
    phoneE164: phone === 'stored' ? stored.phoneE164 : imported.phoneE164,
    email: email === 'stored' ? stored.email : imported.email,
    deletedAtSource: false,
    deletedAtSourceAt: '',
  };
  const changed = stored.deletedAtSource || COMPARED_FIELDS.some((field) => next[field] !== stored[field]);
  if (!changed) return { outcome: 'unchanged', contact: stored, kept };
  return { outcome: 'updated', contact: { ...next, lastChangedAt: now }, kept };
}

/** A contact gone from the source: it stays stored and active, marked deleted at the source. */
export function classifyRemoved(stored: StoredContact, now: string): Classification {
  if (stored.deletedAtSource) return { outcome: 'unchanged', contact: stored, kept: [] };
  return {
    outcome: 'deleted',
    contact: { ...stored, deletedAtSource: true, deletedAtSourceAt: now, lastChangedAt: now },
    kept: [],
  };
}

function keepOrTake(
  field: 'phone' | 'email', storedValue: string, importedValue: string, channelBound: boolean, kept: KeptReason[],
): 'stored' | 'imported' {
  if (importedValue === storedValue) return 'imported';
  if (channelBound && storedValue !== '') {
    kept.push(`${field}_channel_bound`);
    return 'stored';
  }
  if (importedValue === '' && storedValue !== '') {
    kept.push(`${field}_empty`);
    return 'stored';
  }
  return 'imported';
}
