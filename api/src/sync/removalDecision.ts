import type { ContactRow } from '../storage/contactEntity';
import type { RemovalMarker } from '../storage/mailboxStore';

/** The unit of work of the end phase, in the stamps of the contacts it marks deleted. */
export const END_UNIT = 'end';

/**
 * What a removal a folder reported comes to, given the contact as stored now. Graph may report a contact
 * more than once in a round, and the last report is its state: a contact this sync imported into the
 * folder on a later page than the removal (or after a restart of the listing) is `present`. Otherwise it
 * is `deleted`, unless it is now in another folder or already deleted (`moved`: nothing to do).
 */
export function decideRemoval(marker: RemovalMarker, row: ContactRow | undefined, syncId: string): 'deleted' | 'moved' | 'present' {
  if (!row || row.contact.folderId !== marker.folderId || row.contact.deletedAtSource) return 'moved';
  const stamp = row.stamp;
  if (stamp?.syncId !== syncId || stamp.unit === END_UNIT) return 'deleted';
  const seen = pageOf(stamp.unit, marker.folderId);
  const removed = pageOf(marker.unit ?? '', marker.folderId);
  // Seen first in another folder's round and written into this folder later: it is here.
  if (seen === undefined || removed === undefined) return 'present';
  return seen > removed ? 'present' : 'deleted';
}

/** A folder page's unit (`folderId#n`, see `importPage`) as its page number; undefined for another folder. */
export function pageOf(unit: string, folderId: string): number | undefined {
  const at = unit.lastIndexOf('#');
  if (at < 0 || unit.slice(0, at) !== folderId) return undefined;
  const page = Number(unit.slice(at + 1));
  return Number.isInteger(page) ? page : undefined;
}
