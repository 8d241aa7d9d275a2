import type { ContactOutcome, ContactValueField, ImportedContact, KeptReason, KeptValue, MergeStrategy, StoredContact } from './contactModel';

/** The decision for one contact: what to count and what to store. */
export interface Classification {
  outcome: Extract<ContactOutcome, 'new' | 'updated' | 'unchanged' | 'deleted'>;
  /** The contact as it must be stored after this change. */
  contact: StoredContact;
  /** Imported values that were not taken, and why. */
  kept: KeptValue[];
}

const COMPARED_FIELDS = ['folderId', 'firstName', 'lastName', 'companyName', 'phone', 'phoneE164', 'phoneInvalid', 'email'] as const;

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
 * Classifies an imported contact against what is stored. The folder always follows the source (moves and
 * removals are decided on it), and so does presence (a contact deleted at the source that comes back is
 * Updated). Values follow the merge `strategy`; under every strategy an empty value never overwrites a
 * stored one and a value a messaging channel uses is never overwritten.
 */
export function classifyImported(
  stored: StoredContact | undefined, imported: ImportedContact, now: string, strategy: MergeStrategy = 'outlookWins',
): Classification {
  if (!stored) return { outcome: 'new', contact: newStoredContact(imported, now), kept: [] };
  const kept: KeptValue[] = [];
  const take = (field: ContactValueField, bound = false): boolean => takeImported(field, stored, imported, bound, strategy, kept);
  const phone = take('phone', stored.phoneChannelBound);
  const next: StoredContact = {
    ...stored,
    folderId: imported.folderId,
    firstName: take('firstName') ? imported.firstName : stored.firstName,
    lastName: take('lastName') ? imported.lastName : stored.lastName,
    companyName: take('companyName') ? imported.companyName : stored.companyName,
    phone: phone ? imported.phone : stored.phone,
    phoneE164: phone ? imported.phoneE164 : stored.phoneE164,
    phoneInvalid: phone ? imported.phoneInvalid : stored.phoneInvalid,
    email: take('email', stored.emailChannelBound) ? imported.email : stored.email,
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

/** Whether the imported value of `field` is taken; a value not taken is added to `kept` with its reason. */
function takeImported(
  field: ContactValueField, stored: StoredContact, imported: ImportedContact, channelBound: boolean, strategy: MergeStrategy, kept: KeptValue[],
): boolean {
  const storedValue = stored[field];
  const offered = imported[field];
  if (offered === storedValue) return true;
  const reason = keptReason(field, storedValue, offered, channelBound, strategy);
  if (reason) kept.push({ field, reason, stored: storedValue, offered });
  return !reason;
}

function keptReason(field: ContactValueField, storedValue: string, offered: string, channelBound: boolean, strategy: MergeStrategy): KeptReason | undefined {
  if (strategy === 'newOnly') return 'merge_strategy';
  if (storedValue === '') return undefined; // filling an empty value overwrites nothing
  if (channelBound) return 'channel_bound';
  // Names follow the source even when emptied (Outlook's own display falls back to the other name).
  if (offered === '') return (field === 'firstName' || field === 'lastName') && strategy === 'outlookWins' ? undefined : 'empty_value';
  return strategy === 'keepStored' ? 'merge_strategy' : undefined;
}
