import type { AppError } from '../errors/appError';
import type { HeldLease } from '../storage/syncLeaseRepository';
import type { SyncRun } from './pageImporter';

/** The rounds stopped (the budget was spent or the lease lost) before every folder was done. */
export class AttemptStoppedError extends Error {
  constructor() {
    super('the sync attempt stopped before every folder was done');
    this.name = 'AttemptStoppedError';
  }
}

/**
 * Why one attempt of a sync (one function invocation) stops early: its lease was lost, or its time budget
 * was spent. Either sets `run.stopped`, so the folder rounds stop after their current page and no new
 * round starts; a budget stop leaves every checkpoint consistent for the continuation.
 */
export class AttemptStop {
  /** Set once another worker took the lease: nothing more may be written. */
  lost?: AppError;
  /** Set once the time budget is spent. */
  budgetSpent = false;
  private budgetTimer?: NodeJS.Timeout;
  private run?: SyncRun;
  private pagesWritten = 0;

  constructor(private readonly lease: HeldLease, private readonly budgetMs: number | undefined) {
    lease.keepAlive((error) => {
      this.lost = error;
      this.halt();
    });
  }

  /** Starts the budget's clock for the attempt's folder rounds. */
  watch(run: SyncRun): void {
    this.run = run;
    if (this.lost) this.halt();
    if (this.budgetMs === undefined) return;
    this.budgetTimer = setTimeout(() => {
      this.budgetSpent = true;
      // An attempt that has written nothing yet (a slow folder listing, untouched folders) goes on to its
      // first written page, so that every continuation moves the sync forward (or the sync ends).
      if (this.pagesWritten > 0) this.halt();
    }, this.budgetMs);
  }

  /**
   * Called after each stored page; `written` is false for an untouched folder's page, which writes
   * nothing (a continuation would only read it again).
   */
  pageStored(written = true): void {
    if (written) this.pagesWritten += 1;
    if (this.budgetSpent && this.pagesWritten > 0) this.halt();
  }

  /** Stops the clocks; a lease not released or handed over by now is left to expire. */
  end(): void {
    clearTimeout(this.budgetTimer);
    this.lease.abandon();
  }

  private halt(): void {
    if (this.run) this.run.stopped = true;
  }
}
