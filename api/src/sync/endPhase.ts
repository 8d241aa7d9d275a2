import { classifyRemoved } from '../contacts/classifyContact';
import { stageContactWrite } from '../phonebook/phonebookWriter';
import { toContactEntity } from '../storage/contactEntity';
import { PartitionFence } from '../storage/partitionFence';
import type { ContactRow } from '../storage/contactEntity';
import type { RemovalMarker } from '../storage/mailboxStore';
import type { SyncRun } from './pageImporter';
import { END_UNIT, decideRemoval, seenBeforeRestart } from './removalDecision';

/** Each decision writes the contact, its change-log entry and its marker: three actions. */
const DECISIONS_PER_TRANSACTION = Math.floor(PartitionFence.capacity / 3);

/** A folder whose stored contacts the sync did not see are gone from it (decided in the end phase). */
export interface UnseenFolder {
  folderId: string;
  /** The folder is gone from the mailbox: every active contact of it, whatever its stamp. */
  gone?: boolean;
  /** The listing restarted after this many pages: contacts stamped on them only were not seen again. */
  restartedAt?: number;
}

/** Markers read or written by the end phase, and how many of them are deletions. */
interface Tally {
  deleted: number;
  markerKeys: string[];
}

/**
 * Decides the removals of a sync once every folder is done, and returns how many contacts were deleted.
 * A contact reported gone from a folder but now stored in another one moved: it is not deleted.
 * `unseenFolders` are folders listed in full (or gone) whose stored contacts this sync did not see.
 * A `full` sync also removes the markers other (abandoned) syncs left.
 * Every decision is written with its marker before the markers are removed, so the phase can be re-run
 * after a crash without miscounting. `rerun`: an earlier attempt may have run the phase and removed markers
 * already; the deletions are then counted from the contacts' stamps (unit `end` of this sync), not markers.
 */
export async function runEndPhase(run: SyncRun, unseenFolders: UnseenFolder[], full = false, rerun = false): Promise<number> {
  if (!run.mayHaveMarkers && unseenFolders.length === 0 && !full) return 0;
  const tally: Tally = { deleted: 0, markerKeys: [] };
  if (run.mayHaveMarkers) await decideMarkers(run, tally);
  for (const folder of unseenFolders) await markUnseen(run, folder, tally);
  // A full sync lists and reconciles every folder: what an unfinished sync it replaced staged is moot.
  if (full) for await (const rowKey of run.store.otherSyncsMarkerKeys(run.syncId)) tally.markerKeys.push(rowKey);
  const transaction = run.store.transaction();
  for (const rowKey of tally.markerKeys) {
    transaction.delete(run.store.partitionKey, rowKey);
    if (transaction.size >= PartitionFence.capacity) await transaction.commit();
  }
  await transaction.commit();
  return rerun ? run.store.countStamped(run.syncId, END_UNIT) : tally.deleted;
}

/** One pass over the sync's markers: decided ones are counted, the others decided in batches. */
async function decideMarkers(run: SyncRun, tally: Tally): Promise<void> {
  const undecided: RemovalMarker[] = [];
  for await (const marker of run.store.removalMarkers(run.syncId)) {
    if (marker.outcome === '') undecided.push(marker);
    else count(run, tally, marker);
    if (undecided.length >= DECISIONS_PER_TRANSACTION) await decide(run, undecided.splice(0), tally);
  }
  await decide(run, undecided, tally);
}

async function decide(run: SyncRun, markers: RemovalMarker[], tally: Tally): Promise<void> {
  if (markers.length === 0) return;
  const rows = await run.store.readContacts(markers.map((m) => m.contactId));
  const transaction = run.store.transaction();
  const decided: RemovalMarker[] = [];
  for (const marker of markers) {
    const row = rows.get(marker.contactId);
    const outcome = decideRemoval(marker, row, run.syncId);
    transaction.together(() => {
      if (row?.etag && outcome === 'deleted') {
        const decision = classifyRemoved(row.contact, run.now());
        const entity = toContactEntity(run.store.partitionKey, decision.contact, { syncId: run.syncId, unit: END_UNIT, outcome: 'deleted' });
        stageContactWrite(transaction, { syncId: run.syncId, unit: END_UNIT, entity, etag: row.etag, before: row.contact, decision });
      }
      transaction.upsert(run.store.removalMarkerEntity(run.syncId, { ...marker, outcome }));
    });
    decided.push({ ...marker, outcome });
  }
  await transaction.commit();
  decided.forEach((marker) => count(run, tally, marker));
}

function count(run: SyncRun, tally: Tally, marker: RemovalMarker): void {
  if (marker.outcome === 'deleted') tally.deleted += 1;
  tally.markerKeys.push(run.store.removalMarkerKey(run.syncId, marker.contactId));
}

/**
 * Contacts a full listing did not return (or of a folder that is gone) are gone from the folder: decided
 * like reported removals, unless they moved to another folder.
 */
async function markUnseen(run: SyncRun, folder: UnseenFolder, tally: Tally): Promise<void> {
  const { folderId } = folder;
  const batch: RemovalMarker[] = [];
  // Without a restart the table filters on the stamp; otherwise the page numbers of the stamps are read here.
  const exact = !folder.gone && !folder.restartedAt;
  for await (const row of run.store.activeContacts(folderId, exact ? run.syncId : undefined)) {
    if (!exact && !unseen(row, folder, run.syncId)) continue;
    batch.push({ contactId: row.contact.id, folderId, outcome: '', unit: END_UNIT });
    if (batch.length >= DECISIONS_PER_TRANSACTION) await decide(run, batch.splice(0), tally);
  }
  await decide(run, batch, tally);
}

function unseen(row: ContactRow, folder: UnseenFolder, syncId: string): boolean {
  if (folder.gone || row.stamp?.syncId !== syncId) return true;
  return seenBeforeRestart(row.stamp, folder.folderId, folder.restartedAt);
}
