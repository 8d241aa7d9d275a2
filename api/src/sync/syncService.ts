import { randomUUID } from 'node:crypto';
import type { MailboxRef } from '../contacts/contactModel';
import { type AppError, toAppError } from '../errors/appError';
import type { ContactFolderInfo, ContactSource } from '../graph/contactSource';
import type { FolderState, MailboxStore } from '../storage/mailboxStore';
import type { TableWriteMeter } from '../storage/partitionTransaction';
import { SyncHistoryRepository, type SyncRecord, type SyncTrigger } from '../storage/syncHistoryRepository';
import { isLeaseLost } from '../storage/heldLease';
import { type HeldLease, SyncLeaseRepository } from '../storage/syncLeaseRepository';
import { AttemptStop, AttemptStoppedError } from './attemptStop';
import { type UnseenFolder, runEndPhase } from './endPhase';
import { withFirstPagesFetched } from './firstPages';
import { currentFolders, renameFolderStates } from './folderListing';
import { type PageStored, SyncStoppedError, planRound, runFolderRound } from './folderRound';
import { unionDuplicateKeys } from '../phonebook/duplicateKeys';
import type { ImportPolicy } from '../phonebook/importPolicy';
import type { PhonebookIndexing } from '../phonebook/phonebookIndexWriter';
import type { SyncRun } from './pageImporter';
import { type SyncCounts, addCounts, zeroCounts } from './syncCounts';
import { mergeProblemSample, syncProblemCounts } from './syncProblems';

/** A request to sync one mailbox. */
export interface SyncRequest {
  mailbox: MailboxRef;
  trigger: SyncTrigger;
  /** List every folder in full (and reconcile) instead of continuing from the delta links. */
  full?: boolean;
  /** The id a queued sync was given when its lease was reserved (`SyncLeaseRepository.reserve`). */
  reservedSyncId?: string;
  /** Stop after this long, keeping the checkpoints and the lease for a continuation (queued syncs). */
  timeBudgetMs?: number;
  /** This attempt continues a sync that stopped at its time budget (it is not counted as a resume). */
  continuation?: boolean;
}

/** What a sync did; the CLI prints it as one JSON line. */
export interface SyncSummary extends SyncCounts {
  syncId: string;
  resumed: boolean;
  /** The time budget ran out: the sync goes on in a continuation (its counts so far are not final). */
  continued: boolean;
  graphRequests: number;
  tableTransactions: number;
  /** This attempt's time. */
  durationMs: number;
  /** The whole sync's: from its first attempt's start to this attempt's end (continuations and resumes included). */
  syncDurationMs: number;
}

/** What the Graph source of one attempt is told about it. */
export interface SourceAttempt {
  /** When the attempt's time budget ends (epoch ms); absent: no budget (the command line). */
  budgetEndsAtMs?: number;
}

/** The adapters a sync needs, per mailbox; see `syncServiceFactory.ts` for the real ones. */
export interface SyncDependencies {
  openStore(mailbox: MailboxRef, meter: TableWriteMeter): Promise<MailboxStore>;
  /** The mailbox's phonebook index, written page by page before the contacts (none: the import alone, benchmarks). */
  openIndex?(mailbox: MailboxRef, meter: TableWriteMeter): Promise<PhonebookIndexing>;
  openSource(mailbox: MailboxRef, attempt: SourceAttempt): Promise<ContactSource>;
  leases(meter: TableWriteMeter): Promise<SyncLeaseRepository>;
  history(meter: TableWriteMeter): Promise<SyncHistoryRepository>;
  /** The tenant's import rules (admin policy), read once per attempt; today's rules when absent. */
  importPolicy?(mailbox: MailboxRef): Promise<ImportPolicy>;
  /** Folder rounds run side by side; Graph requests are capped separately (4 per mailbox). */
  folderConcurrency?: number;
  now?: () => Date;
}

/** A continuation's lease stays reserved this long while its message waits in the queue. */
export const CONTINUATION_RESERVATION_MS = 10 * 60_000;

/** What one attempt of a sync works with. */
interface Attempt {
  request: SyncRequest;
  history: SyncHistoryRepository;
  lease: HeldLease;
  stop: AttemptStop;
  meter: TableWriteMeter;
  started: number;
  now: () => Date;
}

/**
 * The import use case: take the mailbox's lease (resuming an unfinished sync), run every folder's delta
 * round, decide removals, record the sync in the history and release the lease.
 */
export class SyncService {
  constructor(private readonly deps: SyncDependencies) {}

  async run(request: SyncRequest): Promise<SyncSummary> {
    const started = Date.now();
    const now = this.deps.now ?? (() => new Date());
    const meter: TableWriteMeter = { transactions: 0 };
    const history = await this.deps.history(meter);
    const lease = await (await this.deps.leases(meter)).acquire(request.mailbox, {
      fresh: Boolean(request.full),
      reservedSyncId: request.reservedSyncId,
      newSync: () => {
        const syncId = randomUUID();
        return { syncId, historyKey: SyncHistoryRepository.historyKey(now().getTime(), syncId) };
      },
    });
    const stop = new AttemptStop(lease, request.timeBudgetMs);
    try {
      return await this.attempt({ request, history, lease, stop, meter, started, now });
    } finally {
      stop.end();
    }
  }

  /** One attempt (one invocation) of the sync whose lease is held: to the end, or to its time budget. */
  private async attempt(a: Attempt): Promise<SyncSummary> {
    const { request, lease, stop, meter, now } = a;
    const { record, resumed, reopened } = await this.openRecord(a.history, request, lease, now().toISOString());
    const store = await this.deps.openStore(request.mailbox, meter);
    // Fenced before any checkpoint is read: an earlier worker of this mailbox can write nothing from here on.
    // With the lease's generation: a worker frozen since it took the lease cannot take a newer fence back.
    await store.takeFence(lease.row.holder, lease.row.syncId, () => lease.check(), lease.row.generation);
    const policy = await this.deps.importPolicy?.(request.mailbox);
    const index = await this.deps.openIndex?.(request.mailbox, meter);
    const run: SyncRun = { syncId: lease.row.syncId, store, now: () => now().toISOString(), problems: [], mayHaveMarkers: reopened, policy, index };
    stop.watch(run);
    let source: ContactSource | undefined;
    let failure: AppError | undefined;
    try {
      const budgetEndsAtMs = request.timeBudgetMs === undefined ? undefined : a.started + request.timeBudgetMs;
      source = await this.deps.openSource(request.mailbox, { budgetEndsAtMs });
      record.counts = await this.syncFolders(run, source, request, (state) => checked(lease, stop, state));
      record.state = 'completed';
    } catch (error) {
      // Another worker owns the sync now: this one writes nothing more, not even its history.
      if (stop.lost ?? isLeaseLost(error)) throw stop.lost ?? error;
      // Only the rounds' own stop is a budget stop: any other error is the sync's failure, budget or not.
      if (!stop.budgetSpent || !isAttemptStop(error)) {
        failure = toAppError(error);
        record.state = 'failed';
        run.problems.push({ code: failure.code, message: failure.message });
      }
    }
    const continued = record.state === 'running';
    if (!continued) record.endedAt = now().toISOString();
    record.graphRequests += source?.requestCount ?? 0;
    // Resumes, continuations and replayed pages find the same problems again: kept once, counted per contact.
    record.problems = mergeProblemSample(record.problems, run.problems);
    record.problemCounts = syncProblemCounts(record.problemCounts ?? {}, run.rounds?.values(), failure?.code);
    record.tableTransactions += meter.transactions + 2; // + this save and the release (or hand-over) below
    lease.check(); // a worker that knows it lost its lease leaves the history row to the sync's new worker
    await a.history.save(request.mailbox, lease.row.historyKey, record);
    if (continued) await lease.handOver(SyncLeaseRepository.CONTINUING, CONTINUATION_RESERVATION_MS);
    else await lease.release(record.state === 'completed');
    if (failure) throw failure;
    return {
      syncId: record.syncId, resumed, continued, ...record.counts,
      graphRequests: source?.requestCount ?? 0, tableTransactions: meter.transactions, durationMs: Date.now() - a.started,
      syncDurationMs: syncDuration(record.startedAt, record.endedAt || now().toISOString(), Date.now() - a.started),
    };
  }

  /** The sync's history row: a new one, or the row of the unfinished sync this one resumes. */
  private async openRecord(history: SyncHistoryRepository, request: SyncRequest, lease: HeldLease, startedAt: string):
    Promise<{ record: SyncRecord; resumed: boolean; reopened: boolean }> {
    const earlier = await history.get(request.mailbox, lease.row.historyKey);
    // A continuation that took its sync's hand-over goes on with the same work; anything else coming back to
    // this row resumes it (a crash, an error, or a continuation delivered again after its attempt crashed).
    const continues = request.continuation === true && lease.takenFrom === SyncLeaseRepository.CONTINUING;
    const record = earlier
      ? { ...earlier, state: 'running' as const, endedAt: '', resumes: earlier.resumes + (continues ? 0 : 1) }
      : history.newRecord(lease.row.syncId, request.trigger, Boolean(request.full), startedAt);
    await history.save(request.mailbox, lease.row.historyKey, record);
    return { record, resumed: Boolean(earlier) && !continues, reopened: Boolean(earlier) };
  }

  private async syncFolders(run: SyncRun, source: ContactSource, request: SyncRequest, onPage: PageStored): Promise<SyncCounts> {
    const folders = await currentFolders(run.store, source, Boolean(request.full), run.now);
    const stored = new Map((await run.store.readFolderStates()).map((state) => [state.folderId, state]));
    await renameFolderStates(run.store, folders, stored);
    const plans = folders.map((folder) => planRound(run, source, folder.id, folder.displayName, stored.get(folder.id), Boolean(request.full)));
    // A round this sync stored before (a resume or a continuation): its start is not written again.
    run.startedRounds = new Set(plans.filter((plan) => stored.get(plan.folderId)?.roundSyncId === run.syncId).map((plan) => plan.folderId));
    const gone = goneFolders(folders, stored);
    // Rounds an earlier attempt of this sync stored in folders gone since: their counts stay the sync's.
    const vanished = gone.map((id) => stored.get(id)).filter((state) => state?.roundSyncId === run.syncId) as FolderState[];
    run.rounds = new Map([...vanished, ...plans].map((plan) => [plan.folderId, plan]));
    // Every round was done before this attempt: the one before it may have crashed in (or after) the end phase.
    const endPhaseRerun = plans.every((plan) => plan.roundDone && plan.roundSyncId === run.syncId);
    const rounds = await withFirstPagesFetched(source, plans);
    const finished = await inPool(plans, this.deps.folderConcurrency ?? 4, (plan) => runFolderRound(run, rounds, plan, onPage), run);
    // Stopped between rounds: some folders were not done (when every round is done, the sync ends now).
    if (run.stopped && plans.some((_, index) => finished[index] === undefined)) throw new AttemptStoppedError();
    const unseen: UnseenFolder[] = [
      ...finished.filter((s) => s.roundMode === 'full' && s.reconcile).map((s) => ({ folderId: s.folderId, restartedAt: s.restartedAt })),
      ...gone.map((folderId) => ({ folderId, gone: true })),
    ];
    const deleted = await runEndPhase(run, unseen, Boolean(request.full), endPhaseRerun);
    // The suspected duplicates are current when the sync says "completed" (the index rows were written page by page).
    await run.index?.refreshDuplicates(unionDuplicateKeys([...run.rounds.values()].filter((s) => s.roundSyncId === run.syncId).map((s) => s.duplicateKeys)));
    if (gone.length) await forgetFolders(run.store, gone);
    const counts = [...vanished, ...finished].reduce((total, state) => addCounts(total, state.counts), zeroCounts());
    return { ...counts, deleted: counts.deleted + deleted };
  }
}

/** After each stored page: the lease is still ours (its renewal runs on a timer, not here), and the budget. */
function checked(lease: HeldLease, stop: AttemptStop, state: FolderState): Promise<void> {
  try {
    stop.pageStored(state.pagesDone > 0); // an untouched folder's page wrote nothing (pagesDone stays 0)
    lease.check();
    return Promise.resolve();
  } catch (error) {
    return Promise.reject(error instanceof Error ? error : new Error(String(error)));
  }
}

function isAttemptStop(error: unknown): boolean {
  return error instanceof SyncStoppedError || error instanceof AttemptStoppedError;
}

function goneFolders(folders: ContactFolderInfo[], stored: Map<string, FolderState>): string[] {
  const present = new Set(folders.map((folder) => folder.id));
  return [...stored.keys()].filter((id) => !present.has(id));
}

async function forgetFolders(store: MailboxStore, folderIds: string[]): Promise<void> {
  const transaction = store.transaction();
  for (const folderId of folderIds) {
    transaction.delete(store.partitionKey, store.folderRowKey(folderId));
  }
  await transaction.commit();
}

/**
 * Maps items with at most `limit` in flight, keeping order. The first failure stops the run (the other
 * rounds stop after their current page with a {@link SyncStoppedError}) and is thrown once nothing is
 * writing any more: the sync reports the error that stopped it, never the stop of the others.
 */
async function inPool<T, R>(items: T[], limit: number, work: (item: T) => Promise<R>, run: SyncRun): Promise<R[]> {
  const results: R[] = new Array<R>(items.length);
  const failures: unknown[] = [];
  let next = 0;
  const worker = async (): Promise<void> => {
    for (let index = next++; index < items.length && !run.stopped; index = next++) {
      try {
        results[index] = await work(items[index] as T);
      } catch (error) {
        run.stopped = true;
        failures.push(error);
        return;
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  const failure = failures.find((error) => !(error instanceof SyncStoppedError)) ?? failures[0];
  if (failures.length > 0) throw failure;
  return results;
}

/** From a sync's first start to its end; this attempt's own time when the history row's start is unreadable. */
function syncDuration(startedAt: string, endedAt: string, attemptMs: number): number {
  const ms = Date.parse(endedAt) - Date.parse(startedAt);
  return Number.isFinite(ms) ? Math.max(ms, 0) : attemptMs;
}
