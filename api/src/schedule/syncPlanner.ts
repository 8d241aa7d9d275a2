import { toAppError } from '../errors/appError';
import type { BackgroundTrigger, SyncAccepted } from '../services/syncRequestService';
import type { SyncResultQueue } from '../services/syncResultQueue';
import type { MailboxRef } from '../contacts/contactModel';
import { bucketOf, dueBucket, nextRunAfter } from './nextRun';
import type { IndexEntry, IndexReadMeter, ScheduleStore } from './scheduleStore';

/** A claim outlives a planner run that dies mid-way; after it, a later run takes the entry again. */
export const CLAIM_MS = 10 * 60_000;
/** Due users handled at once (table round trips and the token refresh of each start). */
const PARALLEL_STARTS = 16;

/** What one planner run did; logged, and read by tests and the benchmark. */
export interface PlannerReport extends IndexReadMeter {
  /** Entries due and not claimed by another run when read. */
  due: number;
  /** Entries this run won the claim of (an overlapping run gets none of them). */
  claimed: number;
  queued: number;
  /** A sync of the mailbox was already running: the next run is planned. */
  running: number;
  /** The user's consent is gone: notified once and taken out of planning. */
  reconnectNeeded: number;
  /** Entries the users row no longer points at (the schedule changed meanwhile): dropped. */
  stale: number;
  /** Starts that failed for another reason: the entry stays claimed and is retried after the claim. */
  failed: number;
  /** ISO time until which Graph throttles the app; set when this run started nothing because of it. */
  deferredUntil?: string;
}

/** What {@link SyncPlanner} needs. */
export interface SyncPlannerDeps {
  store(): Promise<Pick<ScheduleStore, 'dueEntries' | 'claim' | 'read' | 'move' | 'suspend' | 'deleteEntry'>>;
  requests: { requestBackgroundSync(mailbox: MailboxRef, trigger: BackgroundTrigger): Promise<SyncAccepted> };
  results: SyncResultQueue;
  throttle: { throttledUntil(): number };
  now?: () => Date;
  log?: { warn(message: string): void };
}

type Outcome = 'queued' | 'running' | 'reconnectNeeded' | 'stale' | 'failed' | 'lost';

/**
 * The timer's use case: every user whose next run is due gets one background sync (the worker runs it
 * on the stored consent) and their entry moves to its next run. Due users are found by one range read of
 * the schedule index; each entry is claimed with its ETag first, so overlapping runs never start a user twice.
 */
export class SyncPlanner {
  constructor(private readonly deps: SyncPlannerDeps) {}

  async run(): Promise<PlannerReport> {
    const report: PlannerReport = { entriesRead: 0, queries: 0, due: 0, claimed: 0, queued: 0, running: 0, reconnectNeeded: 0, stale: 0, failed: 0 };
    const now = this.now();
    if (this.deferred(report)) return report;
    const store = await this.deps.store();
    for await (const page of store.dueEntries(dueBucket(now), report)) {
      const open = page.filter((entry) => entry.claimedUntil <= now.getTime());
      report.due += open.length;
      for (let start = 0; start < open.length; start += PARALLEL_STARTS) {
        // Graph may have throttled a sync meanwhile: the rest waits for a later run.
        if (this.deferred(report)) return report;
        const outcomes = await Promise.all(open.slice(start, start + PARALLEL_STARTS).map((entry) => this.startOne(store, entry)));
        for (const outcome of outcomes) if (outcome !== 'lost') { report.claimed += 1; report[outcome] += 1; }
      }
    }
    return report;
  }

  private async startOne(store: Awaited<ReturnType<SyncPlannerDeps['store']>>, found: IndexEntry): Promise<Outcome> {
    const now = this.now();
    const entry = await store.claim(found, now.getTime() + CLAIM_MS);
    if (!entry) return 'lost';
    const stored = await store.read(entry.mailbox);
    if (!stored || stored.bucket !== entry.bucket || stored.suspended || stored.choice.kind === 'off') {
      await store.deleteEntry(entry.bucket, entry.rowKey, entry.etag);
      return 'stale';
    }
    let outcome: Outcome = 'queued';
    try {
      await this.deps.requests.requestBackgroundSync(entry.mailbox, 'schedule');
    } catch (error) {
      const appError = toAppError(error);
      if (appError.code === 'reconnect_needed' || appError.code === 'consent_required') return this.suspend(store, entry);
      if (appError.code !== 'sync_running') {
        this.deps.log?.warn(`Scheduled sync not started, retried after the claim: ${appError.code} (tenant=${entry.mailbox.tenantId} user=${entry.mailbox.userId})`);
        return 'failed';
      }
      outcome = 'running';
    }
    const runAt = nextRunAfter(stored.choice, now, stored.nextRunAt);
    if (runAt) await store.move(entry, { runAt, bucket: bucketOf(runAt) });
    else await store.deleteEntry(entry.bucket, entry.rowKey, entry.etag);
    return outcome;
  }

  /** One notice, then no more planning: the entry is gone until a successful exchange plans the user again. */
  private async suspend(store: Pick<ScheduleStore, 'suspend'>, entry: IndexEntry): Promise<Outcome> {
    await this.deps.results.send({
      tenantId: entry.mailbox.tenantId, userId: entry.mailbox.userId, trigger: 'schedule', outcome: 'reconnect_needed',
      error: { code: 'reconnect_needed', message: 'Scheduled syncs are paused: open Contact Sync in Teams to reconnect your Outlook.' },
      at: this.now().toISOString(),
    });
    await store.suspend(entry);
    return 'reconnectNeeded';
  }

  private deferred(report: PlannerReport): boolean {
    const until = this.deps.throttle.throttledUntil();
    if (until <= this.now().getTime()) return false;
    report.deferredUntil = new Date(until).toISOString();
    return true;
  }

  private now(): Date {
    return (this.deps.now ?? (() => new Date()))();
  }
}
