import type { Contact } from '@microsoft/microsoft-graph-types';
import { badRequest } from './graphErrors';

/** A stored contact revision: Graph's contact shape with the fields the simulator always sets. Frozen. */
export interface SimContact extends Contact {
  id: string;
  parentFolderId: string;
  changeKey: string;
  createdDateTime: string;
  lastModifiedDateTime: string;
}

const COLLECTION_PROPERTIES = new Set([
  'businessPhones', 'homePhones', 'emailAddresses', 'imAddresses', 'categories', 'children',
]);

/** Every property of Graph's v1.0 contact, in Graph's order ($select is checked against this list). */
export const CONTACT_PROPERTIES: readonly string[] = [
  'id', 'createdDateTime', 'lastModifiedDateTime', 'changeKey', 'categories', 'parentFolderId', 'birthday',
  'fileAs', 'displayName', 'givenName', 'initials', 'middleName', 'nickName', 'surname', 'title',
  'yomiGivenName', 'yomiSurname', 'yomiCompanyName', 'generation', 'imAddresses', 'jobTitle', 'companyName',
  'department', 'officeLocation', 'profession', 'businessHomePage', 'assistantName', 'manager', 'homePhones',
  'mobilePhone', 'businessPhones', 'spouseName', 'personalNotes', 'children', 'emailAddresses', 'homeAddress',
  'businessAddress', 'otherAddress',
];

const byLowerName = new Map(CONTACT_PROPERTIES.map((name) => [name.toLowerCase(), name]));

/**
 * Parses `$select` (case-insensitive, like Graph) into canonical property names; `undefined` when absent.
 * An unknown property is Graph's 400.
 */
export function parseSelect(raw: string | null): string[] | undefined {
  if (raw === null || raw.trim() === '') return undefined;
  const names = raw.split(',').map((part) => part.trim()).filter(Boolean).map((part) => {
    const name = byLowerName.get(part.toLowerCase());
    if (!name) {
      throw badRequest(`Could not find a property named '${part}' on type 'microsoft.graph.contact'.`, 'RequestBroker--ParseUri');
    }
    return name;
  });
  return [...new Set(names)];
}

/** The contact as Graph sends it: selected properties (all when no `$select`), unset ones null or []. */
export function projectContact(contact: SimContact, select: readonly string[] | undefined, id: string): Record<string, unknown> {
  const source = contact as unknown as Record<string, unknown>;
  const out: Record<string, unknown> = { '@odata.etag': `W/"${contact.changeKey}"`, id };
  for (const name of select ?? CONTACT_PROPERTIES) {
    if (name === 'id') continue;
    out[name] = source[name] ?? (COLLECTION_PROPERTIES.has(name) ? [] : null);
  }
  return out;
}

/** Freezes a contact and the arrays and objects inside it, so a snapshot can never be changed later. */
export function freezeContact(contact: SimContact): SimContact {
  const fields = contact as unknown as Record<string, unknown>;
  for (const key in fields) deepFreeze(fields[key]);
  return Object.freeze(contact);
}

function deepFreeze(value: unknown): void {
  if (value === null || typeof value !== 'object' || Object.isFrozen(value)) return;
  const fields = value as Record<string, unknown>;
  for (const key in fields) deepFreeze(fields[key]);
  Object.freeze(value);
}
