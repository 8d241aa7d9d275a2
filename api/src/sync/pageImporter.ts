import type { Contact } from '@microsoft/microsoft-graph-types';
import { type Classification, classifyImported } from '../contacts/classifyContact';
import type { ImportedContact } from '../contacts/contactModel';
import { MalformedContactError, mapContact } from '../contacts/mapContact';
import type { DeltaPage } from '../graph/contactSource';
import { type ContactRow, fitToTableLimits, toContactEntity } from '../storage/contactEntity';
import type { FolderState, MailboxStore } from '../storage/mailboxStore';
import type { PartitionTransaction } from '../storage/partitionTransaction';
import type { SyncProblem } from '../storage/syncHistoryRepository';
import { type SyncCounts, addCounts, zeroCounts } from './syncCounts';

/** What one sync attempt shares with its page imports. */
export interface SyncRun {
  syncId: string;
  store: MailboxStore;
  now: () => string;
  problems: SyncProblem[];
  /** Set when one folder's round failed: the others stop after their current page. */
  stopped?: boolean;
  /** Removal markers may exist for this sync (it staged one, or it resumes an earlier attempt). */
  mayHaveMarkers: boolean;
}

/**
 * Imports one delta page of a folder and stores it with the folder's new checkpoint, which goes in the
 * last transaction. Every contact written is stamped with (sync, page), so a page replayed after a crash
 * counts what its first attempt wrote, and a contact Graph sends twice in a round is counted once.
 * `optimistic` skips the reads when the folder is known to be new: creates then fail on any clash.
 */
export async function importPage(run: SyncRun, state: FolderState, page: DeltaPage, optimistic: boolean): Promise<FolderState> {
  if (isUntouchedFolder(state, page, run.now())) return { ...state, nextLink: '', roundDone: true };
  const unit = `${state.folderId}#${state.pagesDone + 1}`;
  const { imported, skipped } = mapPage(run, page.contacts, state.folderId);
  const removed = page.removedIds.filter((id) => !imported.has(id));
  const stored = optimistic ? new Map<string, ContactRow>() : await run.store.readContacts([...imported.keys(), ...removed]);
  const counts = zeroCounts();
  counts.skipped = skipped;
  const transaction = run.store.transaction();
  for (const contact of imported.values()) {
    stageImported(run, transaction, contact, stored.get(contact.id), unit, counts);
  }
  for (const id of removed) stageRemoval(run, transaction, state.folderId, stored.get(id));
  const next: FolderState = {
    ...state,
    nextLink: page.nextLink ?? '',
    deltaLink: page.deltaLink ?? state.deltaLink,
    deltaLinkAt: page.deltaLink ? run.now() : state.deltaLinkAt,
    roundDone: !page.nextLink,
    pagesDone: state.pagesDone + 1,
    counts: addCounts(state.counts, counts),
  };
  transaction.upsert(run.store.folderStateEntity(next));
  await transaction.commit();
  return next;
}

/** A stored delta link is kept (not rewritten) while it is younger than this, when nothing changed. */
export const DELTA_LINK_REFRESH_MS = 24 * 60 * 60 * 1000;

/**
 * An incremental round that found nothing in a folder: its stored delta link still describes the same
 * state, so nothing is written (most folders of most syncs). A link older than a day is refreshed anyway,
 * since Outlook delta tokens have no fixed lifetime and an expired one costs a full listing.
 */
function isUntouchedFolder(state: FolderState, page: DeltaPage, now: string): boolean {
  const fresh = Date.parse(now) - Date.parse(state.deltaLinkAt) < DELTA_LINK_REFRESH_MS;
  return state.roundMode === 'delta' && state.pagesDone === 0 && !page.nextLink && fresh
    && page.contacts.length === 0 && page.removedIds.length === 0;
}

function mapPage(run: SyncRun, contacts: Contact[], folderId: string): { imported: Map<string, ImportedContact>; skipped: number } {
  const imported = new Map<string, ImportedContact>();
  let skipped = 0;
  for (const contact of contacts) {
    try {
      const mapped = mapContact(contact, folderId);
      imported.set(mapped.id, mapped); // Graph may send a contact twice in a page: the last one wins.
    } catch (error) {
      if (!(error instanceof MalformedContactError)) throw error;
      skipped += 1;
      run.problems.push({ code: 'malformed_contact', message: error.message, contactId: error.contactId || undefined });
    }
  }
  return { imported, skipped };
}

function stageImported(
  run: SyncRun, transaction: PartitionTransaction, imported: ImportedContact, row: ContactRow | undefined,
  unit: string, counts: SyncCounts,
): void {
  const decision = classify(row, imported, run.now());
  const { contact } = decision;
  const earlier = row?.stamp?.syncId === run.syncId ? row.stamp : undefined;
  // Replayed page after a crash: count what the first attempt wrote. Seen earlier in this sync: counted then.
  if (earlier) {
    if (earlier.unit === unit) counts[earlier.outcome] += 1;
  } else {
    counts[decision.outcome] += 1;
  }
  // The first sighting in this sync is always stamped, unchanged or not: a full listing records what it saw
  // (reconciliation), a second sighting later in the round is recognised (counted once), and so is a
  // removal of a contact this sync saw present (decided in the end phase).
  if (decision.outcome === 'unchanged' && earlier) return;
  const stamp = earlier ?? { syncId: run.syncId, unit, outcome: decision.outcome };
  const entity = toContactEntity(run.store.partitionKey, contact, stamp);
  if (row?.etag) transaction.update(entity, row.etag);
  else transaction.create(entity);
  if (contact.truncatedFields && contact.truncatedFields !== row?.contact.truncatedFields) {
    run.problems.push({ code: 'contact_truncated', message: `fields cut to fit storage: ${contact.truncatedFields}`, contactId: contact.id });
  }
}

/** Classifies the contact as it would be stored (fitted to Table limits) against the stored row. */
function classify(row: ContactRow | undefined, imported: ImportedContact, now: string): Classification {
  const fitted = fitToTableLimits(imported);
  const decision = classifyImported(row?.contact, fitted.contact, now);
  if (decision.contact.truncatedFields === fitted.truncatedFields) return decision;
  // The same stored values with different cuts: the source changed (a field now fits, or now does not).
  return { ...decision, outcome: decision.outcome === 'unchanged' ? 'updated' : decision.outcome,
    contact: { ...decision.contact, truncatedFields: fitted.truncatedFields, lastChangedAt: now } };
}

/** A removal is decided at the end of the sync: the contact may have moved to another folder. */
function stageRemoval(run: SyncRun, transaction: PartitionTransaction, folderId: string, row: ContactRow | undefined): void {
  if (!row || row.contact.folderId !== folderId || row.contact.deletedAtSource) return;
  transaction.upsert(run.store.removalMarkerEntity(run.syncId, { contactId: row.contact.id, folderId, outcome: '' }));
  run.mayHaveMarkers = true;
}
