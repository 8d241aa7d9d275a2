import type { Contact } from '../../api/apiTypes';

/** The name a contact is shown by: first and last name, else its email or phone. */
export function contactName(contact: Pick<Contact, 'firstName' | 'lastName' | 'email' | 'phone'>): string {
  return `${contact.firstName} ${contact.lastName}`.trim() || contact.email || contact.phone || '(no name)';
}

/**
 * Where a merged search result comes from: "In 2 folders" when its contacts sit in several Outlook folders,
 * "2 copies in one folder" when in one; undefined for a contact that is one stored contact.
 */
export function sourcesText(contact: Pick<Contact, 'sources'>): string | undefined {
  if (contact.sources.length < 2) return undefined;
  const folders = new Set(contact.sources.map((source) => source.folderId)).size;
  return folders > 1 ? `In ${folders} folders` : `${contact.sources.length} copies in one folder`;
}
