import { AppError } from '../errors/appError';
import { type ContactSource, type DeltaPage, DeltaTokenExpiredError } from '../graph/contactSource';
import type { FolderState } from '../storage/mailboxStore';
import { EntityRefusedError, WriteConflictError } from '../storage/partitionTransaction';
import { ROW_PREFIX } from '../storage/tableKeys';
import { type SyncRun, importPage } from './pageImporter';
import { SKIP_CODES } from './skippedContacts';
import { type ProblemCounts, zeroCounts } from './syncCounts';

const CONFLICT_ATTEMPTS = 3;

/** Called after each stored page (renews the lease, reports progress). */
export type PageStored = (state: FolderState) => Promise<void>;

/**
 * Where a folder's round starts in this sync: the round's checkpoint when this sync already began it,
 * the delta link for an incremental sync, or a full listing (first sync, forced, or new folder).
 */
export function planRound(run: SyncRun, source: ContactSource, folderId: string, displayName: string,
  stored: FolderState | undefined, full: boolean): FolderState {
  if (stored && stored.roundSyncId === run.syncId && (stored.roundDone || stored.nextLink)) return { ...stored, displayName };
  const delta = !full && Boolean(stored?.deltaLink);
  return {
    folderId,
    displayName,
    deltaLink: stored?.deltaLink ?? '',
    deltaLinkAt: stored?.deltaLinkAt ?? '',
    roundSyncId: run.syncId,
    roundMode: delta ? 'delta' : 'full',
    nextLink: delta && stored ? stored.deltaLink : source.initialDeltaUrl(folderId),
    roundDone: false,
    pagesDone: 0,
    counts: zeroCounts(),
    problemCounts: {},
    // Any earlier round (even one an abandoned sync left unfinished) may have stored contacts.
    reconcile: !delta && Boolean(stored),
    restartedAt: 0,
    duplicateKeys: [],
  };
}

/** A listing restarted this often in one attempt is not going to work: Graph keeps refusing its links. */
const MAX_RESTARTS = 3;

/**
 * Runs one folder's round to its delta link, page by page, fetching the next page while the current one
 * is stored. A link Graph no longer accepts (an expired delta token, or a full listing's stored page
 * link) restarts the folder as a full listing that reconciles at the end.
 */
export async function runFolderRound(run: SyncRun, source: ContactSource, start: FolderState, onPage: PageStored): Promise<FolderState> {
  let state = start;
  // A first listing of a folder expects nothing stored: write without reading; a clash falls back to reads.
  let optimistic = state.roundMode === 'full' && !state.reconcile;
  let restarts = 0;
  let fetching = state.roundDone ? undefined : settle(source.fetchDeltaPage(state.nextLink));
  if (isListingStart(run, state)) await storeRoundStart(run, state);
  while (fetching) {
    const result = await fetching;
    if (run.stopped) throw new SyncStoppedError();
    if ('error' in result) {
      if (!(result.error instanceof DeltaTokenExpiredError)) throw result.error;
      if ((restarts += 1) > MAX_RESTARTS) throw listingRefused(result.error);
      state = restartAsFull(state, source, result.error);
      optimistic = false; // the contacts of the first attempt are stored already
      fetching = settle(source.fetchDeltaPage(state.nextLink));
      continue;
    }
    const page = result.page;
    fetching = page.nextLink ? settle(source.fetchDeltaPage(page.nextLink)) : undefined;
    state = await storePage(run, state, page, optimistic);
    run.rounds?.set(state.folderId, state);
    await onPage(state);
  }
  return state;
}

/**
 * A full listing about to read its first page (first sync of a folder, a forced full sync): its checkpoint
 * at page 0 is stored at once, so `GET /api/sync/status` can name the folder being read while that page
 * (up to 197 contacts, seconds on Graph) is fetched. A resumed round with such a checkpoint writes nothing.
 */
function isListingStart(run: SyncRun, state: FolderState): boolean {
  return state.roundMode === 'full' && !state.roundDone && state.pagesDone === 0 && !run.startedRounds?.has(state.folderId);
}

async function storeRoundStart(run: SyncRun, state: FolderState): Promise<void> {
  const transaction = run.store.transaction();
  transaction.upsert(run.store.folderStateEntity(state));
  await transaction.commit();
  run.startedRounds?.add(state.folderId);
}

/**
 * Stores a page, deciding again after a write conflict, and without each contact Table Storage refuses
 * (found one per attempt: its answer names the entity; the contact is then skipped with the reason).
 */
async function storePage(run: SyncRun, state: FolderState, page: DeltaPage, optimistic: boolean): Promise<FolderState> {
  const refused = new Map<string, string>();
  for (let conflicts = 0; ;) {
    try {
      return await importPage(run, state, page, optimistic && conflicts === 0 && refused.size === 0, refused);
    } catch (error) {
      const contactId = error instanceof EntityRefusedError ? refusedContactId(error) : undefined;
      if (error instanceof EntityRefusedError && contactId !== undefined && !refused.has(contactId)) {
        refused.set(contactId, error.storageCode);
        continue;
      }
      // A clash with another writer (or with an earlier attempt's writes): read again and decide again.
      if (!(error instanceof WriteConflictError) || (conflicts += 1) >= CONFLICT_ATTEMPTS) throw error;
    }
  }
}

/** The contact behind a refused entity; undefined for a checkpoint or a marker (those cannot be left out). */
function refusedContactId(error: EntityRefusedError): string | undefined {
  const { rowKey, id, contactId } = error.entity;
  if (rowKey.startsWith(ROW_PREFIX.contact) && typeof id === 'string') return id;
  // A contact's change-log row and its phonebook index rows carry its id too.
  const ofContact = rowKey.startsWith(ROW_PREFIX.change) || rowKey.startsWith(ROW_PREFIX.index);
  return ofContact && typeof contactId === 'string' ? contactId : undefined;
}

/**
 * Lists the folder again from its first page. Pages keep counting on (pagesDone is not reset): contacts
 * stamped by the pages before the restart were counted then, so the new pages count each contact once.
 * Those pages say nothing about what the new listing holds: contacts stamped only by them count as unseen
 * (`restartedAt`) and the round reconciles. Skipped contacts come back in the new listing: counted again.
 */
function restartAsFull(state: FolderState, source: ContactSource, error: DeltaTokenExpiredError): FolderState {
  return {
    ...state,
    roundMode: 'full',
    reconcile: state.roundMode === 'delta' || state.reconcile || state.pagesDone > 0,
    restartedAt: state.pagesDone,
    counts: { ...state.counts, skipped: 0 },
    problemCounts: withoutSkips(state.problemCounts ?? {}),
    nextLink: error.restartUrl ?? source.initialDeltaUrl(state.folderId),
  };
}

function withoutSkips(counts: ProblemCounts): ProblemCounts {
  return Object.fromEntries(Object.entries(counts).filter(([code]) => !SKIP_CODES.has(code)));
}

function listingRefused(cause: DeltaTokenExpiredError): AppError {
  return new AppError('graph_unavailable', 'Microsoft Graph keeps refusing to list a contact folder. The sync will continue later.', { cause });
}

/** Thrown by a round that stopped because another folder's round failed; never the sync's error. */
export class SyncStoppedError extends Error {
  constructor() {
    super('the sync stopped: another folder failed');
    this.name = 'SyncStoppedError';
  }
}

type Settled = { page: DeltaPage } | { error: unknown };

/** A prefetched page never rejects unobserved: its error is handled when the page is needed. */
function settle(promise: Promise<DeltaPage>): Promise<Settled> {
  return promise.then((page) => ({ page }), (error: unknown) => ({ error }));
}
