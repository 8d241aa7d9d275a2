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
  /** The phone in E.164 when it can be parsed; '' otherwise. */
  phoneE164: string;
  /** The first non-empty email address; '' when none. */
  email: string;
}

/** What a sync did with one contact. */
export type ContactOutcome = 'new' | 'updated' | 'deleted' | 'unchanged' | 'skipped';

/** Why a stored value was kept instead of the imported one. */
export type KeptReason = 'phone_empty' | 'email_empty' | 'phone_channel_bound' | 'email_channel_bound';

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
