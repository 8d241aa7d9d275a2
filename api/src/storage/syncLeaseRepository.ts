import { randomUUID } from 'node:crypto';
import { RestError, type TableClient } from '@azure/data-tables';
import type { MailboxRef } from '../contacts/contactModel';
import { AppError } from '../errors/appError';
import type { TableWriteMeter } from './partitionTransaction';
import { mailboxPartitionKey } from './tableKeys';

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
}

/** A held lease: renew it while working, release it at the end. */
export interface HeldLease {
  readonly row: LeaseRow;
  /** True when this lease resumes a sync that did not finish. */
  readonly resumed: boolean;
  renewIfDue(): Promise<void>;
  release(syncFinished: boolean): Promise<void>;
}

const ROW_KEY = 'sync';

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
  async acquire(mailbox: MailboxRef, start: { fresh: boolean; newSync: () => { syncId: string; historyKey: string } }): Promise<HeldLease> {
    const partitionKey = mailboxPartitionKey(mailbox);
    const current = await this.read(partitionKey);
    if (current && current.row.expiresAt > this.now()) {
      throw new AppError('sync_running', 'A sync of this mailbox is already running.', { details: { syncId: current.row.syncId } });
    }
    const resumed = Boolean(current && !current.row.syncFinished && !start.fresh);
    const identity = resumed && current ? { syncId: current.row.syncId, historyKey: current.row.historyKey } : start.newSync();
    const row: LeaseRow = { ...identity, holder: randomUUID(), expiresAt: this.now() + this.ttlMs, syncFinished: false };
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
    return this.held(partitionKey, row, etag, resumed);
  }

  /** The lease row as stored, if any (for status pages). */
  async peek(mailbox: MailboxRef): Promise<LeaseRow | undefined> {
    return (await this.read(mailboxPartitionKey(mailbox)))?.row;
  }

  private held(partitionKey: string, row: LeaseRow, firstEtag: string, resumed: boolean): HeldLease {
    let etag = firstEtag;
    let current = row;
    const write = async (next: LeaseRow): Promise<void> => {
      try {
        etag = await this.write(partitionKey, next, etag);
        current = next;
      } catch (error) {
        if (error instanceof RestError && error.statusCode === 412) {
          throw new AppError('sync_running', 'This sync lost its lease to another sync of the mailbox.', { cause: error });
        }
        throw error;
      }
    };
    return {
      get row() { return current; },
      resumed,
      renewIfDue: async () => {
        if (current.expiresAt - this.now() < this.ttlMs / 2) await write({ ...current, expiresAt: this.now() + this.ttlMs });
      },
      release: (syncFinished) => write({ ...current, expiresAt: 0, syncFinished }),
    };
  }

  private async read(partitionKey: string): Promise<{ row: LeaseRow; etag: string } | undefined> {
    try {
      const entity = await this.client.getEntity<Record<string, unknown>>(partitionKey, ROW_KEY);
      return {
        etag: entity.etag,
        row: {
          syncId: String(entity.syncId ?? ''),
          historyKey: String(entity.historyKey ?? ''),
          holder: String(entity.holder ?? ''),
          expiresAt: Number(entity.expiresAt ?? 0),
          syncFinished: entity.syncFinished === true,
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
