import type { Contact } from '@microsoft/microsoft-graph-types';
import { type Classification, classifyImported } from '../contacts/classifyContact';
import type { ImportedContact } from '../contacts/contactModel';
import { MalformedContactError, mapContact } from '../contacts/mapContact';
import { phoneRegion } from '../contacts/phoneNumber';
import { addDuplicateKeys, sharedKeysOf } from '../phonebook/duplicateKeys';
import { type ImportPolicy, OUTLOOK_WINS } from '../phonebook/importPolicy';
import type { IndexedContact, PhonebookIndexing } from '../phonebook/phonebookIndexWriter';
import type { IndexKey } from '../phonebook/searchKeys';
import { stageContactWrite } from '../phonebook/phonebookWriter';
import type { DeltaPage } from '../graph/contactSource';
import { type ContactRow, fitToTableLimits, toContactEntity, unstorableReason } from '../storage/contactEntity';
import type { FolderState, MailboxStore } from '../storage/mailboxStore';
import type { PartitionTransaction } from '../storage/partitionTransaction';
import type { SyncProblem } from '../storage/syncHistoryRepository';
import { type SyncCounts, addCounts, addProblemCounts, zeroCounts } from './syncCounts';
import { seenBeforeRestart } from './removalDecision';
import { countProblems } from './syncProblems';
import { type SkipRecord, skippedContact, skippedEntity } from './skippedContacts';

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
  /** Each folder's round as last stored, once the rounds are planned (problem counts come from here). */
  rounds?: Map<string, FolderState>;
  /** Folders whose round start (page 0 of a full listing) is stored for this sync: not written again. */
  startedRounds?: Set<string>;
  /** The tenant's import rules (merge strategy, phone region), read once per sync; today's rules when absent. */
  policy?: ImportPolicy;
  /** The phonebook's index: a page's new and changed contacts are indexed before the page is stored. */
  index?: PhonebookIndexing;
}

/**
 * Imports one delta page of a folder and stores it with the folder's new checkpoint, which goes in the
 * last transaction. Every contact written is stamped with (sync, page), so a page replayed after a crash
 * counts what its first attempt wrote, and a contact Graph sends twice in a round is counted once.
 * `optimistic` skips the reads when the folder is known to be new: creates then fail on any clash.
 * `refused` are contacts Table Storage refused on an earlier attempt (id → its reason): skipped.
 * The page's new and changed contacts get their phonebook index rows first: a contact is searchable
 * from the moment it is stored (and listed), and the numbers and addresses whose suspected duplicates
 * it may change go into the checkpoint, for the end of the sync.
 */
export async function importPage(
  run: SyncRun, state: FolderState, page: DeltaPage, optimistic: boolean, refused: ReadonlyMap<string, string> = new Map(),
): Promise<FolderState> {
  if (isUntouchedFolder(state, page, run.now())) return { ...state, nextLink: '', roundDone: true };
  const unit = `${state.folderId}#${state.pagesDone + 1}`;
  const problems: SyncProblem[] = [];
  const skips: SkipRecord[] = [];
  const imported = mapPage(page.contacts, state.folderId, refused, { problems, skips }, run.policy);
  const removed = page.removedIds.filter((id) => !imported.has(id));
  const stored = optimistic ? new Map<string, ContactRow>() : await run.store.readContacts([...imported.keys(), ...removed]);
  const counts = zeroCounts();
  counts.skipped = problems.length;
  const transaction = run.store.transaction();
  const tally: PageTally = { counts, problems, restartedAt: state.restartedAt, indexed: [], sharedKeys: new Set() };
  for (const contact of imported.values()) stageImported(run, transaction, contact, stored.get(contact.id), unit, tally);
  for (const id of removed) stageRemoval(run, transaction, unit, state.folderId, stored.get(id));
  // In the page's own transactions, before its checkpoint: a replayed page writes the same rows again.
  for (const skip of skips) transaction.upsert(skippedEntity(run.store.partitionKey, run.syncId, skip));
  const next: FolderState = {
    ...state,
    nextLink: page.nextLink ?? '',
    deltaLink: page.deltaLink ?? state.deltaLink,
    deltaLinkAt: page.deltaLink ? run.now() : state.deltaLinkAt,
    roundDone: !page.nextLink,
    pagesDone: state.pagesDone + 1,
    counts: addCounts(state.counts, counts),
    problemCounts: addProblemCounts(state.problemCounts ?? {}, countProblems(problems)),
    duplicateKeys: addDuplicateKeys(state.duplicateKeys, tally.sharedKeys),
  };
  if (tally.indexed.length > 0) await run.index?.write(tally.indexed);
  transaction.upsert(run.store.folderStateEntity(next));
  await transaction.commit();
  run.problems.push(...problems);
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

/** The page's contacts that can be imported, by id; the others are skipped: added to `problems` and `skips`. */
function mapPage(
  contacts: Contact[], folderId: string, refused: ReadonlyMap<string, string>, out: { problems: SyncProblem[]; skips: SkipRecord[] },
  policy = OUTLOOK_WINS,
): Map<string, ImportedContact> {
  const imported = new Map<string, ImportedContact>();
  const region = phoneRegion(policy.defaultRegion);
  const seen = new Map<string, number>();
  const skip = (contact: Contact, problem: SyncProblem): void => {
    out.problems.push(problem);
    out.skips.push(skippedContact(contact, problem.code, problem.message, folderId, seen));
  };
  for (const contact of contacts) {
    let mapped: ImportedContact;
    try {
      mapped = mapContact(contact, folderId, region);
    } catch (error) {
      if (!(error instanceof MalformedContactError)) throw error;
      skip(contact, { code: 'malformed_contact', message: error.message, contactId: error.contactId || undefined });
      continue;
    }
    const unstorable = unstorableReason(mapped);
    const refusal = refused.get(mapped.id);
    if (unstorable) skip(contact, { code: 'contact_unstorable', message: unstorable, contactId: mapped.id });
    else if (refusal) skip(contact, { code: 'contact_refused', message: `Table Storage refused the contact (${refusal})`, contactId: mapped.id });
    else imported.set(mapped.id, mapped); // Graph may send a contact twice in a page: the last one wins.
  }
  return imported;
}

/** What a page's stores add up: its counts and its contact problems. */
interface PageTally {
  counts: SyncCounts;
  problems: SyncProblem[];
  /** The folder's listing restarted after this many pages (see `FolderState.restartedAt`). */
  restartedAt?: number;
  /** Contacts whose stored values change: indexed before the page is stored. */
  indexed: IndexedContact[];
  /** Their numbers and addresses, before and after: the suspected duplicates they may join or leave. */
  sharedKeys: Set<IndexKey>;
}

function stageImported(
  run: SyncRun, transaction: PartitionTransaction, imported: ImportedContact, row: ContactRow | undefined, unit: string, tally: PageTally,
): void {
  const decision = classify(row, imported, run.now(), run.policy);
  const { contact } = decision;
  const earlier = row?.stamp?.syncId === run.syncId ? row.stamp : undefined;
  // Replayed page after a crash: count what the first attempt wrote. Seen earlier in this sync: counted then.
  const counted = earlier ? ((earlier.countedUnit ?? earlier.unit) === unit ? earlier.outcome : undefined) : decision.outcome;
  if (counted) tally.counts[counted] += 1;
  if (contact.truncatedFields && (counted === 'new' || counted === 'updated')) {
    tally.problems.push({ code: 'contact_truncated', message: `fields cut to fit storage: ${contact.truncatedFields}`, contactId: contact.id });
  }
  if (earlier && earlier.unit !== unit && run.mayHaveMarkers) {
    // Seen again after an earlier page of this sync: this report outranks a removal staged in between.
    transaction.upsert(run.store.removalMarkerEntity(run.syncId, { contactId: contact.id, folderId: contact.folderId, outcome: 'present', unit }));
  }
  // The first sighting in this sync is always stamped, unchanged or not: a full listing records what it saw
  // (reconciliation), a second sighting later in the round is recognised (counted once), and so is a
  // removal of a contact this sync saw present (decided in the end phase).
  // Seen before the listing restarted: stamped again, so that the end phase knows the new listing saw it.
  const restamp = earlier !== undefined && seenBeforeRestart(earlier, imported.folderId, tally.restartedAt);
  if (decision.outcome === 'new' || decision.outcome === 'updated') {
    tally.indexed.push(contact);
    for (const key of [...sharedKeysOf(contact), ...(row ? sharedKeysOf(row.contact) : [])]) tally.sharedKeys.add(key);
  }
  if (decision.outcome === 'unchanged' && earlier && !restamp) return;
  const stamp = earlier && restamp ? { ...earlier, unit, countedUnit: earlier.countedUnit ?? earlier.unit } : earlier ?? { syncId: run.syncId, unit, outcome: decision.outcome };
  const entity = toContactEntity(run.store.partitionKey, contact, stamp);
  stageContactWrite(transaction, { syncId: run.syncId, unit, entity, etag: row?.etag, before: row?.contact, decision });
}

/** Classifies the contact as it would be stored (fitted to Table limits) against the stored row. */
function classify(row: ContactRow | undefined, imported: ImportedContact, now: string, policy = OUTLOOK_WINS): Classification {
  const fitted = fitToTableLimits(imported);
  const decision = classifyImported(row?.contact, fitted.contact, now, policy.mergeStrategy);
  if (decision.contact.truncatedFields === fitted.truncatedFields) return decision;
  // The same stored values with different cuts: the source changed (a field now fits, or now does not).
  return { ...decision, outcome: decision.outcome === 'unchanged' ? 'updated' : decision.outcome,
    contact: { ...decision.contact, truncatedFields: fitted.truncatedFields, lastChangedAt: now } };
}

/**
 * A removal is decided at the end of the sync: the contact may have moved to another folder, or Graph
 * may report it in the folder again on a later page (the last report wins; see `decideRemoval`).
 */
function stageRemoval(run: SyncRun, transaction: PartitionTransaction, unit: string, folderId: string, row: ContactRow | undefined): void {
  if (!row || row.contact.folderId !== folderId || row.contact.deletedAtSource) return;
  transaction.upsert(run.store.removalMarkerEntity(run.syncId, { contactId: row.contact.id, folderId, outcome: '', unit }));
  run.mayHaveMarkers = true;
}
