import { classifyRemoved } from '../contacts/classifyContact';
import { toContactEntity } from '../storage/contactEntity';
import { MAX_TRANSACTION_ACTIONS } from '../storage/partitionTransaction';
import type { RemovalMarker } from '../storage/mailboxStore';
import type { SyncRun } from './pageImporter';

const END_UNIT = 'end';
/** Each decision writes the contact and its marker: two actions. */
const DECISIONS_PER_TRANSACTION = MAX_TRANSACTION_ACTIONS / 2;

/**
 * Decides the removals of a sync once every folder is done, and returns how many contacts were deleted.
 * A contact reported gone from a folder but now stored in another one moved: it is not deleted.
 * `unseenFolders` are folders listed in full (or gone) whose stored contacts this sync did not see.
 * Every decision is written with its marker, so the phase can be re-run after a crash without miscounting.
 */
export async function runEndPhase(run: SyncRun, unseenFolders: string[]): Promise<number> {
  await decideMarkers(run);
  for (const folderId of unseenFolders) await markUnseen(run, folderId);
  let deleted = 0;
  const transaction = run.store.transaction();
  for await (const marker of run.store.removalMarkers(run.syncId)) {
    if (marker.outcome === 'deleted') deleted += 1;
    transaction.delete(run.store.partitionKey, marker.rowKey);
    if (transaction.size >= MAX_TRANSACTION_ACTIONS) await transaction.commit();
  }
  await transaction.commit();
  return deleted;
}

async function decideMarkers(run: SyncRun): Promise<void> {
  const undecided: RemovalMarker[] = [];
  for await (const marker of run.store.removalMarkers(run.syncId)) {
    if (marker.outcome === '') undecided.push(marker);
    if (undecided.length >= DECISIONS_PER_TRANSACTION) await decide(run, undecided.splice(0));
  }
  await decide(run, undecided);
}

async function decide(run: SyncRun, markers: RemovalMarker[]): Promise<void> {
  if (markers.length === 0) return;
  const rows = await run.store.readContacts(markers.map((m) => m.contactId));
  const transaction = run.store.transaction();
  for (const marker of markers) {
    const row = rows.get(marker.contactId);
    const stillThere = row && row.contact.folderId === marker.folderId;
    if (row?.etag && stillThere && !row.contact.deletedAtSource) {
      const { contact } = classifyRemoved(row.contact, run.now());
      transaction.update(toContactEntity(run.store.partitionKey, contact, { syncId: run.syncId, unit: END_UNIT, outcome: 'deleted' }), row.etag);
    }
    const outcome = stillThere && !row.contact.deletedAtSource ? 'deleted' : 'moved';
    transaction.upsert(run.store.removalMarkerEntity(run.syncId, { ...marker, outcome }));
  }
  await transaction.commit();
}

/** Contacts a full listing did not return are gone from the folder: decided like reported removals. */
async function markUnseen(run: SyncRun, folderId: string): Promise<void> {
  const batch: RemovalMarker[] = [];
  for await (const row of run.store.contactsNotSeen(folderId, run.syncId)) {
    batch.push({ contactId: row.contact.id, folderId, outcome: '' });
    if (batch.length >= DECISIONS_PER_TRANSACTION) await decide(run, batch.splice(0));
  }
  await decide(run, batch);
}

