import { AppError } from '../errors/appError';
import type { LeaseRow } from './syncLeaseRepository';

/** A held lease: kept alive on a timer while the sync works, handed over or released at the end. */
export interface HeldLease {
  readonly row: LeaseRow;
  /** Who held the lease row when this worker took it (`queued`, `continuing`, a worker's id); absent if none. */
  readonly takenFrom?: string;
  /**
   * Renews the lease every third of its time to live until it is released or handed over, one renewal
   * at a time. `onLost` is called once if it is lost (another worker took it, or it could not be renewed
   * before it expired).
   */
  keepAlive(onLost: (error: AppError) => void): void;
  /** Throws the lease-lost error once the lease is lost or has expired: call it before writing. */
  check(): void;
  /** Renews now unless a renewal is in flight (then waits for that one). */
  renew(): Promise<void>;
  /** Gives the lease up; `syncFinished` tells the next sync to start afresh rather than resume. */
  release(syncFinished: boolean): Promise<void>;
  /**
   * Keeps the lease reserved for the continuation queued for this sync (holder `continuing`), so that no
   * other sync starts while the continuation waits in the queue.
   */
  handOver(holder: string, reservationMs: number): Promise<void>;
  /** Stops renewing without writing: the lease expires by itself (after a failure that left it held). */
  abandon(): void;
}

/** Writes a new version of the lease row if it still has `etag`; returns the new ETag. A 412 means lost. */
export type LeaseWriter = (next: LeaseRow, etag: string) => Promise<string>;

/** Tells who holds the lease now, for the lost-lease error. */
export type LeaseReader = () => Promise<LeaseRow | undefined>;

/** The error of a worker whose lease another worker took (its job is not retried: the winner does the work). */
export function leaseLostError(winner: Pick<LeaseRow, 'syncId'> | undefined, cause?: unknown): AppError {
  return new AppError('sync_running', 'This sync lost its lease to another worker of the mailbox.', {
    details: { syncId: winner?.syncId, leaseLost: true }, cause,
  });
}

/** Whether an error says a lease was lost (not merely held by another sync). */
export function isLeaseLost(error: unknown): error is AppError {
  return error instanceof AppError && error.code === 'sync_running' && error.details?.leaseLost === true;
}

/** Raised by a {@link LeaseWriter} when the row changed since `etag`. */
export class LeaseConflictError extends Error {
  constructor(cause: unknown) {
    super('the lease row changed', { cause });
    this.name = 'LeaseConflictError';
  }
}

/** A lease held by this worker: one writer, renewals serialised, loss remembered. */
export class LeaseHolder implements HeldLease {
  private etag: string;
  private current: LeaseRow;
  private inFlight?: Promise<void>;
  private timer?: NodeJS.Timeout;
  private lost?: AppError;
  private ended = false;

  constructor(row: LeaseRow, etag: string, private readonly deps: {
    write: LeaseWriter; read: LeaseReader; ttlMs: number; now: () => number; takenFrom?: string;
  }) {
    this.current = row;
    this.etag = etag;
  }

  get row(): LeaseRow { return this.current; }

  get takenFrom(): string | undefined { return this.deps.takenFrom; }

  keepAlive(onLost: (error: AppError) => void): void {
    if (this.timer) return;
    let told = false;
    this.timer = setInterval(() => {
      this.renew().catch((error: unknown) => {
        // A failed renewal is tried again on the next tick while the lease has not expired.
        if (told || (!this.lost && !this.expired())) return;
        told = true;
        this.stop();
        onLost(this.lost ?? leaseLostError(undefined, error));
      });
    }, Math.max(1, Math.floor(this.deps.ttlMs / 3)));
  }

  check(): void {
    if (this.lost) throw this.lost;
    if (this.expired()) throw leaseLostError(undefined);
  }

  renew(): Promise<void> {
    this.inFlight ??= this.write({ ...this.current, expiresAt: this.deps.now() + this.deps.ttlMs })
      .finally(() => { this.inFlight = undefined; });
    return this.inFlight;
  }

  async release(syncFinished: boolean): Promise<void> {
    await this.end();
    await this.write({ ...this.current, expiresAt: 0, syncFinished });
  }

  async handOver(holder: string, reservationMs: number): Promise<void> {
    await this.end();
    await this.write({ ...this.current, holder, expiresAt: this.deps.now() + reservationMs, syncFinished: false });
  }

  abandon(): void {
    this.stop();
  }

  /** Stops renewing and lets a renewal in flight land first, so that the last write is ours. */
  private async end(): Promise<void> {
    this.stop();
    this.ended = true;
    await this.inFlight?.catch(() => undefined);
    this.check();
  }

  private stop(): void {
    clearInterval(this.timer);
    this.timer = undefined;
  }

  private expired(): boolean {
    return !this.ended && this.current.expiresAt <= this.deps.now();
  }

  private async write(next: LeaseRow): Promise<void> {
    if (this.lost) throw this.lost;
    try {
      this.etag = await this.deps.write(next, this.etag);
      this.current = next;
    } catch (error) {
      if (!(error instanceof LeaseConflictError)) throw error;
      this.lost = leaseLostError(await this.deps.read().catch(() => undefined), error);
      throw this.lost;
    }
  }
}
