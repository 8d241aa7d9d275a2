import type { Contact } from '@microsoft/microsoft-graph-types';
import type { ImportedContact } from './contactModel';
import { type CountryCode, toE164 } from './phoneNumber';

/** The Graph contact properties the import reads; the delta query `$select`s exactly these. */
export const SELECTED_CONTACT_FIELDS = [
  'givenName', 'surname', 'companyName', 'mobilePhone', 'businessPhones', 'homePhones', 'emailAddresses', 'parentFolderId',
] as const;

/** A contact Graph sent that cannot be imported, and why. */
export class MalformedContactError extends Error {
  constructor(readonly contactId: string, reason: string) {
    super(reason);
    this.name = 'MalformedContactError';
  }
}

/**
 * Maps a Graph contact to the imported fields: names, one phone (mobile, else first non-empty business,
 * else first non-empty home), the first non-empty email address, the id and the folder.
 * A national number is read in `region` (the tenant's default region); the phone is kept as typed.
 * Throws MalformedContactError for a contact whose shape breaks Graph's schema.
 */
export function mapContact(contact: Contact, folderId: string, region?: CountryCode): ImportedContact {
  const id = contact.id;
  if (typeof id !== 'string' || id.length === 0) throw new MalformedContactError('', 'contact has no id');
  const phone = firstNonEmpty([contact.mobilePhone], id, 'mobilePhone')
    || firstNonEmpty(contact.businessPhones, id, 'businessPhones')
    || firstNonEmpty(contact.homePhones, id, 'homePhones');
  const phoneE164 = toE164(phone, region);
  return {
    id,
    folderId,
    firstName: text(contact.givenName, id, 'givenName'),
    lastName: text(contact.surname, id, 'surname'),
    phone,
    phoneE164,
    phoneInvalid: phone !== '' && phoneE164 === '',
    email: firstNonEmpty(emailAddresses(contact, id), id, 'emailAddresses'),
    companyName: text(contact.companyName, id, 'companyName'),
  };
}

function text(value: unknown, id: string, field: string): string {
  if (value === undefined || value === null) return '';
  if (typeof value !== 'string') throw new MalformedContactError(id, `${field} is not a string`);
  return value.trim();
}

function firstNonEmpty(values: unknown, id: string, field: string): string {
  if (values === undefined || values === null) return '';
  if (!Array.isArray(values)) throw new MalformedContactError(id, `${field} is not a list`);
  for (const value of values) {
    const trimmed = text(value, id, field);
    if (trimmed) return trimmed;
  }
  return '';
}

function emailAddresses(contact: Contact, id: string): unknown[] | undefined {
  const list: unknown = contact.emailAddresses;
  if (list === undefined || list === null) return undefined;
  if (!Array.isArray(list)) throw new MalformedContactError(id, 'emailAddresses is not a list');
  return list.map((entry: unknown) => {
    // A null entry is an empty slot (as a person reading the list would take it), not a broken contact.
    if (entry === null || entry === undefined) return undefined;
    if (typeof entry !== 'object') throw new MalformedContactError(id, 'emailAddresses holds a non-object');
    return (entry as { address?: unknown }).address;
  });
}
