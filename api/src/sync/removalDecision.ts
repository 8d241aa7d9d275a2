import type { ContactRow, SyncStamp } from '../storage/contactEntity';
import type { RemovalMarker } from '../storage/mailboxStore';

/** The unit of work of the end phase, in the stamps of the contacts it marks deleted. */
export const END_UNIT = 'end';

/**
 * What a removal a folder reported comes to, given the contact as stored now. Graph may report a contact
 * more than once in a round, and the last report is its state: a contact this sync imported into the
 * folder on a later page than the removal (or after a restart of the listing) is `present`. Otherwise it
 * is `deleted`, unless it is now in another folder or already deleted (`moved`: nothing to do). A marker
 * of the end phase itself (unit {@link END_UNIT}: not seen by a full listing, or its folder is gone) is
 * `deleted` unless moved.
 */
export function decideRemoval(marker: RemovalMarker, row: ContactRow | undefined, syncId: string): 'deleted' | 'moved' | 'present' {
  if (!row || row.contact.folderId !== marker.folderId || row.contact.deletedAtSource) return 'moved';
  // The end phase found it unseen by the folder's listing (or the folder gone): whatever its stamp says.
  if (marker.unit === END_UNIT) return 'deleted';
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

/**
 * Whether a stamp of this sync records a sighting on a page of `folderId` at or before `restartedAt`: a
 * page before the folder's listing restarted, which says nothing about whether the new listing saw it.
 */
export function seenBeforeRestart(stamp: SyncStamp, folderId: string, restartedAt: number | undefined): boolean {
  const page = pageOf(stamp.unit, folderId);
  return page !== undefined && page <= (restartedAt ?? 0);
}
