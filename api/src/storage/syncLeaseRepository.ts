import { randomUUID } from 'node:crypto';
import { RestError, type TableClient } from '@azure/data-tables';
import type { MailboxRef } from '../contacts/contactModel';
import { AppError } from '../errors/appError';
import type { TableWriteMeter } from './partitionTransaction';
import { mailboxPartitionKey } from './tableKeys';
import { numberField, textField } from './entityFields';
import { type HeldLease, LeaseConflictError, LeaseHolder } from './heldLease';

/** The mailbox's one sync lease; also remembers the last sync so an unfinished one is resumed. */
export interface LeaseRow {
  syncId: string;
  /** The sync's row in the history table. */
  historyKey: string;
  holder: string;
  /** Epoch ms; 0 once released. */
  expiresAt: number;
  /** Whether the lease's sync finished (a later sync then starts afresh instead of resuming it). */
  syncFinished: boolean;
  /** Grows by one with every take (not with renewals): the fence refuses a worker of an older take. */
  generation?: number;
}

export type { HeldLease } from './heldLease';

const ROW_KEY = 'sync';
/** Holder of a lease reserved for a sync waiting in the queue. */
const QUEUED = 'queued';
/** Holder of a lease kept for the continuation of a sync that stopped at its time budget. */
const CONTINUING = 'continuing';

/** How a sync takes the lease. */
export interface AcquireOptions {
  /** Start a new sync even if the last one did not finish. */
  fresh: boolean;
  newSync: () => { syncId: string; historyKey: string };
  /** The sync id a queued job was given by {@link SyncLeaseRepository.reserve}: its reservation is taken over. */
  reservedSyncId?: string;
}

/** ETag-guarded leases: exactly one sync per mailbox holds one at a time. */
export class SyncLeaseRepository {
  constructor(
    private readonly client: TableClient,
    private readonly meter: TableWriteMeter,
    private readonly ttlMs: number,
    private readonly now: () => number = Date.now,
  ) {}

  /**
   * Takes the mailbox's lease, or throws `sync_running` (with the running sync's id) when another sync
   * holds it. A sync that stopped without finishing (a crash, an error) is resumed unless `fresh`.
   */
  async acquire(mailbox: MailboxRef, start: AcquireOptions): Promise<HeldLease> {
    return this.take(mailbox, start, randomUUID(), this.ttlMs);
  }

  /**
   * Reserves the lease for a sync that is about to be queued, so that a second request is told a sync is
   * running before the worker starts. Returns the sync id the worker must pass as `reservedSyncId`
   * (an unfinished sync's id when it will be resumed).
   */
  async reserve(mailbox: MailboxRef, start: AcquireOptions, reservationMs: number): Promise<LeaseRow> {
    const held = await this.take(mailbox, start, QUEUED, reservationMs);
    return held.row;
  }

  private async take(mailbox: MailboxRef, start: AcquireOptions, holder: string, ttlMs: number): Promise<HeldLease> {
    const partitionKey = mailboxPartitionKey(mailbox);
    const current = await this.read(partitionKey);
    const ours = start.reservedSyncId !== undefined && current?.row.syncId === start.reservedSyncId;
    const reservedForUs = ours && current !== undefined && SyncLeaseRepository.isReservation(current.row);
    if (current && current.row.expiresAt > this.now() && !reservedForUs) {
      // With this job's own sync id, it is this sync's earlier attempt (or a second delivery) still holding it.
      throw new AppError('sync_running', 'A sync of this mailbox is already running.', { details: { syncId: current.row.syncId } });
    }
    if (ours && current?.row.syncFinished) {
      // A job delivered again after its sync finished: nothing is left to do.
      throw new AppError('sync_running', 'This sync has finished already.', { details: { syncId: current.row.syncId, finished: true } });
    }
    // A queued job retried after a failure carries its sync id: it resumes that sync even when it was a fresh one.
    const retriedJob = current?.row.syncId === start.reservedSyncId && !current?.row.syncFinished;
    const resume = current && (reservedForUs || retriedJob || (!current.row.syncFinished && !start.fresh));
    const identity = resume && current ? { syncId: current.row.syncId, historyKey: current.row.historyKey } : start.newSync();
    const generation = (current?.row.generation ?? 0) + 1;
    const row: LeaseRow = { ...identity, holder, expiresAt: this.now() + ttlMs, syncFinished: false, generation };
    let etag: string;
    try {
      etag = await this.write(partitionKey, row, current?.etag);
    } catch (error) {
      if (error instanceof RestError && (error.statusCode === 409 || error.statusCode === 412)) {
        const winner = await this.read(partitionKey);
        throw new AppError('sync_running', 'A sync of this mailbox is already running.', { details: { syncId: winner?.row.syncId } });
      }
      throw error;
    }
    return this.held(partitionKey, row, etag, current?.row.holder);
  }

  /** True when the row is a reservation for a queued sync that has not started yet. */
  static isQueued(row: LeaseRow): boolean {
    return row.holder === QUEUED;
  }

  /** True when the row waits for a queued job: a new sync, or the continuation of a running one. */
  static isReservation(row: LeaseRow): boolean {
    return row.holder === QUEUED || row.holder === CONTINUING;
  }

  /** The holder of a lease handed over to a sync's queued continuation. */
  static readonly CONTINUING = CONTINUING;

  /** The lease row as stored, if any (for status pages). */
  async peek(mailbox: MailboxRef): Promise<LeaseRow | undefined> {
    return (await this.read(mailboxPartitionKey(mailbox)))?.row;
  }

  private held(partitionKey: string, row: LeaseRow, firstEtag: string, takenFrom?: string): HeldLease {
    return new LeaseHolder(row, firstEtag, {
      takenFrom,
      ttlMs: this.ttlMs,
      now: this.now,
      read: async () => (await this.read(partitionKey))?.row,
      write: async (next, etag) => {
        try {
          return await this.write(partitionKey, next, etag);
        } catch (error) {
          if (error instanceof RestError && error.statusCode === 412) throw new LeaseConflictError(error);
          throw error;
        }
      },
    });
  }

  private async read(partitionKey: string): Promise<{ row: LeaseRow; etag: string } | undefined> {
    try {
      const entity = await this.client.getEntity<Record<string, unknown>>(partitionKey, ROW_KEY);
      return {
        etag: entity.etag,
        row: {
          syncId: textField(entity.syncId),
          historyKey: textField(entity.historyKey),
          holder: textField(entity.holder),
          expiresAt: numberField(entity.expiresAt),
          syncFinished: entity.syncFinished === true,
          generation: numberField(entity.generation),
        },
      };
    } catch (error) {
      if (error instanceof RestError && error.statusCode === 404) return undefined;
      throw error;
    }
  }

  private async write(partitionKey: string, row: LeaseRow, etag: string | undefined): Promise<string> {
    this.meter.transactions += 1;
    const entity = { partitionKey, rowKey: ROW_KEY, ...row };
    const response = etag
      ? await this.client.updateEntity(entity, 'Replace', { etag })
      : await this.client.createEntity(entity);
    return response.etag ?? '';
  }
}
