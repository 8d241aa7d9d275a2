import type { Contact } from '../../api/apiTypes';

/** The name a contact is shown by: first and last name, else its email or phone. */
export function contactName(contact: Pick<Contact, 'firstName' | 'lastName' | 'email' | 'phone'>): string {
  return `${contact.firstName} ${contact.lastName}`.trim() || contact.email || contact.phone || '(no name)';
}

/** Folders named in a merged result's label; more are counted ("and 2 more folders"). */
const NAMED_FOLDERS = 3;

/**
 * Where a merged search result comes from, by its folders' names: "In Contacts and Work" when its contacts sit
 * in several Outlook folders, "2 copies in Work" when in one; when a folder's name is not known, by count ("In
 * 2 folders", "2 copies in one folder"). Undefined for a contact that is one stored contact.
 */
export function sourcesText(contact: Pick<Contact, 'sources'>): string | undefined {
  if (contact.sources.length < 2) return undefined;
  const names = new Map(contact.sources.map((source) => [source.folderId, source.folderName]));
  const named = [...names.values()].every(Boolean);
  if (names.size === 1) return `${contact.sources.length} copies in ${named ? [...names.values()].join('') : 'one folder'}`;
  return named ? `In ${inWords([...names.values()])}` : `In ${names.size} folders`;
}

/** "A and B", "A, B and C", "A, B, C and 2 more folders". */
function inWords(names: string[]): string {
  const shown = names.length > NAMED_FOLDERS ? names.slice(0, NAMED_FOLDERS) : names.slice(0, -1);
  const last = names.length > NAMED_FOLDERS ? `${names.length - NAMED_FOLDERS} more folder${names.length - NAMED_FOLDERS > 1 ? 's' : ''}` : names[names.length - 1];
  return `${shown.join(', ')} and ${last}`;
}
