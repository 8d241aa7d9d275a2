import type { FolderState } from '../storage/mailboxStore';
import type { SyncProblem, SyncRecord, SyncTrigger } from '../storage/syncHistoryRepository';
import type { LeaseRow } from '../storage/syncLeaseRepository';
import { type ProblemCounts, type SyncCounts, addCounts, zeroCounts } from '../sync/syncCounts';

/** What the tab's progress bar shows: the caller's current or last sync. */
export interface SyncStatusView {
  syncId: string | null;
  state: 'queued' | 'running' | 'completed' | 'failed' | 'none';
  /** null while a new sync waits in the queue (nothing recorded yet). */
  trigger: SyncTrigger | null;
  full: boolean | null;
  startedAt: string | null;
  endedAt: string | null;
  /** Delta pages stored so far, over all folders. */
  pagesDone: number;
  /** Contacts handled so far: the sum of `counts`. */
  contactsProcessed: number;
  /** Contacts stored so far (new, updated, unchanged; not deleted or skipped), from the stored pages. */
  contactsStored: number;
  /**
   * Display names of the folders being read while the sync runs: a listing whose first page is on its way,
   * or a round with pages stored and more to come. Empty when the sync is not running (or between folders).
   */
  readingFolders: string[];
  counts: SyncCounts;
  /** Contacts the sync skipped, and earlier errors of a resumed sync (Graph ids only, never details). */
  problems: SyncProblem[];
  /** Why the sync stopped, when it failed. */
  error: { code: string; message: string } | null;
}

/** One row of `GET /api/sync/history`; `problemCounts`: every problem per code (each skipped contact under its reason). */
export type SyncHistoryEntry = Omit<SyncStatusView, 'pagesDone' | 'state' | 'contactsStored' | 'readingFolders'>
  & { state: SyncRecord['state']; resumes: number; problemCounts: ProblemCounts };

/** What the status is computed from. */
export interface SyncStatusInput {
  /** The mailbox's lease row, if any. */
  lease?: LeaseRow;
  /** True while the lease is held (reserved or renewed). */
  leaseLive: boolean;
  /** True when the live lease is a reservation for a queued sync. */
  leaseQueued: boolean;
  /** The history row of the lease's sync when the lease is live, else the newest history row. */
  record?: SyncRecord;
  folders: FolderState[];
}

const INTERRUPTED = {
  code: 'internal',
  message: 'The sync stopped before it finished. The next sync continues where it stopped.',
};

/** The status of the caller's current or last sync. Progress while running comes from the folders' checkpoints. */
export function syncStatusView(input: SyncStatusInput): SyncStatusView {
  const { lease, record } = input;
  const syncId = input.leaseLive && lease ? lease.syncId : record?.syncId ?? null;
  if (!syncId) return { ...emptyView(), state: 'none' };
  const progress = folderProgress(input.folders, syncId);
  const state = input.leaseLive ? (input.leaseQueued ? 'queued' : 'running') : finishedState(record);
  const counts = state === 'completed' && record ? record.counts : progress.counts;
  return {
    syncId, state,
    trigger: record?.trigger ?? null, full: record?.full ?? null,
    startedAt: record?.startedAt || null, endedAt: input.leaseLive ? null : record?.endedAt || null,
    pagesDone: progress.pagesDone, contactsProcessed: total(counts), contactsStored: stored(counts), counts,
    readingFolders: state === 'running' ? progress.reading : [],
    problems: record?.problems ?? [],
    error: state === 'failed' ? stoppingError(record) : null,
  };
}

/** A history row as the API shows it. */
export function historyEntry(record: SyncRecord): SyncHistoryEntry {
  return {
    syncId: record.syncId, state: record.state, trigger: record.trigger, full: record.full,
    startedAt: record.startedAt || null, endedAt: record.endedAt || null,
    contactsProcessed: total(record.counts), counts: record.counts, resumes: record.resumes,
    problems: record.problems, problemCounts: record.problemCounts ?? {}, error: record.state === 'failed' ? stoppingError(record) : null,
  };
}

function finishedState(record: SyncRecord | undefined): 'completed' | 'failed' {
  // A row still 'running' without a live lease: its worker died; the next sync resumes it.
  return record?.state === 'completed' ? 'completed' : 'failed';
}

/** The error that stopped a failed sync: the engine records it last, without a contact id. */
function stoppingError(record: SyncRecord | undefined): { code: string; message: string } {
  const last = [...(record?.problems ?? [])].reverse().find((problem) => !problem.contactId);
  if (!last || record?.state === 'running') return INTERRUPTED;
  return { code: last.code, message: last.message };
}

function folderProgress(folders: FolderState[], syncId: string): { pagesDone: number; counts: SyncCounts; reading: string[] } {
  const rounds = folders.filter((folder) => folder.roundSyncId === syncId);
  return {
    pagesDone: rounds.reduce((sum, folder) => sum + folder.pagesDone, 0),
    counts: rounds.reduce((sum, folder) => addCounts(sum, folder.counts), zeroCounts()),
    reading: rounds.filter((folder) => !folder.roundDone && folder.nextLink).map((folder) => folder.displayName),
  };
}

function stored(counts: SyncCounts): number {
  return counts.new + counts.updated + counts.unchanged;
}

function total(counts: SyncCounts): number {
  return counts.new + counts.updated + counts.deleted + counts.unchanged + counts.skipped;
}

function emptyView(): Omit<SyncStatusView, 'state'> {
  return {
    syncId: null, trigger: null, full: null, startedAt: null, endedAt: null,
    pagesDone: 0, contactsProcessed: 0, contactsStored: 0, readingFolders: [], counts: zeroCounts(), problems: [], error: null,
  };
}
