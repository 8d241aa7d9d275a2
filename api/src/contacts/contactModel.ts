/** A mailbox: the Entra tenant and the user's Entra object id. One Table partition each. */
export interface MailboxRef {
  tenantId: string;
  userId: string;
}

/** The fields this product imports from one Outlook contact (the result of `mapContact`). */
export interface ImportedContact {
  /** The Graph (immutable) id. */
  id: string;
  /** The Graph id of the contact folder the contact is in. */
  folderId: string;
  firstName: string;
  lastName: string;
  /** Mobile, else the first non-empty business phone, else the first non-empty home phone; '' when none. */
  phone: string;
  /** The phone in E.164 when it can be parsed (national numbers in the tenant's default region); '' otherwise. */
  phoneE164: string;
  /** A phone is there but cannot be read as a number: kept as typed, flagged. */
  phoneInvalid: boolean;
  /** The first non-empty email address; '' when none. */
  email: string;
  /** The contact's company; '' when none. */
  companyName: string;
}

/** What a sync did with one contact. */
export type ContactOutcome = 'new' | 'updated' | 'deleted' | 'unchanged' | 'skipped';

/** Why a stored value was kept instead of the imported one (the change log's `kept`). */
export type KeptReason = 'empty_value' | 'channel_bound' | 'merge_strategy';

/** The values a sync compares, stores and logs per contact. */
export const CONTACT_VALUE_FIELDS = ['firstName', 'lastName', 'companyName', 'phone', 'email'] as const;
export type ContactValueField = (typeof CONTACT_VALUE_FIELDS)[number];

/** An imported value that was not taken: the stored one stays. */
export interface KeptValue {
  field: ContactValueField;
  reason: KeptReason;
  /** The value that stays. */
  stored: string;
  /** The value Outlook has. */
  offered: string;
}

/**
 * How a sync treats a contact that is already stored (the admin policy): `outlookWins` takes Outlook's
 * values (an empty value and a channel-bound value excepted), `keepStored` only fills what is empty,
 * `newOnly` imports new contacts and changes no stored value.
 */
export const MERGE_STRATEGIES = ['outlookWins', 'keepStored', 'newOnly'] as const;
export type MergeStrategy = (typeof MERGE_STRATEGIES)[number];

/** A contact as stored for a mailbox. */
export interface StoredContact extends ImportedContact {
  /** The stored phone is used by a messaging channel: a sync never overwrites it. */
  phoneChannelBound: boolean;
  /** The stored email is used by a messaging channel: a sync never overwrites it. */
  emailChannelBound: boolean;
  /** Deleted in Outlook; the contact stays here and active. */
  deletedAtSource: boolean;
  /** ISO time the deletion at the source was seen; '' when not deleted. */
  deletedAtSourceAt: string;
  /** ISO time of the last change a sync made to this contact. */
  lastChangedAt: string;
  /** Fields shortened to fit Table Storage limits, comma-separated; '' when none. */
  truncatedFields: string;
}
