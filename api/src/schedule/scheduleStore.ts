import { RestError, type TableClient } from '@azure/data-tables';
import type { MailboxRef } from '../contacts/contactModel';
import { encodeKey, mailboxPartitionKey, odataString } from '../storage/tableKeys';
import { mergeUserRow } from '../storage/userRow';
import { SCHEDULE_KINDS, type ScheduleChoice } from './nextRun';

/** A user's schedule as stored on their users row (the truth; the index only points at it). */
export interface StoredSchedule {
  choice: ScheduleChoice;
  /** The planned run; undefined when off or suspended. */
  nextRunAt?: Date;
  /** The index bucket holding the planned run ('' when none). */
  bucket: string;
  /** The user must reconnect (their consent is gone): not planned until they do. */
  suspended: boolean;
}

/** One planned run in the index: bucket (PartitionKey), mailbox (RowKey) and its ETag for a guarded claim. */
export interface IndexEntry {
  bucket: string;
  rowKey: string;
  mailbox: MailboxRef;
  /** Epoch ms until which a planner run holds the entry (0: unclaimed). */
  claimedUntil: number;
  etag: string;
}

/** Properties on the users row (PartitionKey tenant, RowKey user); every write is a merge. */
const FIELDS = {
  kind: 'scheduleKind', everyHours: 'scheduleEveryHours', dailyAt: 'scheduleDailyAt', timeZone: 'scheduleTimeZone',
  nextRunAt: 'scheduleNextRunAt', bucket: 'scheduleBucket', suspended: 'scheduleSuspended',
} as const;

interface IndexRow {
  partitionKey: string;
  rowKey: string;
  tenantId: string;
  userId: string;
  runAt: string;
  claimedUntil: number;
}

/** Counts what the planner read, so tests and the benchmark can show it reads only due entries. */
export interface IndexReadMeter {
  entriesRead: number;
  queries: number;
}

/**
 * The schedule on the users row plus the schedule index (`schedules` table): PartitionKey = due bucket
 * `YYYYMMDDHHmm` (UTC, planner period), RowKey = the mailbox partition key. The planner finds due users with
 * one range read `PartitionKey le '<now bucket>'`; every later bucket is never read.
 */
export class ScheduleStore {
  constructor(private readonly users: TableClient, private readonly index: TableClient) {}

  async read(mailbox: MailboxRef): Promise<StoredSchedule | undefined> {
    let row: Record<string, unknown>;
    try {
      row = await this.users.getEntity<Record<string, unknown>>(encodeKey(mailbox.tenantId), encodeKey(mailbox.userId), {
        queryOptions: { select: Object.values(FIELDS) },
      });
    } catch (error) {
      if (error instanceof RestError && error.statusCode === 404) return undefined;
      throw error;
    }
    const kind = SCHEDULE_KINDS.find((value) => value === row[FIELDS.kind]);
    if (!kind) return undefined;
    const nextRunAt = typeof row[FIELDS.nextRunAt] === 'string' && row[FIELDS.nextRunAt] ? new Date(row[FIELDS.nextRunAt] as string) : undefined;
    return {
      choice: {
        kind,
        everyHours: typeof row[FIELDS.everyHours] === 'number' && kind === 'everyHours' ? row[FIELDS.everyHours] as number : undefined,
        dailyAt: kind === 'daily' ? text(row[FIELDS.dailyAt]) : undefined,
        timeZone: kind === 'daily' ? text(row[FIELDS.timeZone]) : undefined,
      },
      nextRunAt, bucket: text(row[FIELDS.bucket]) ?? '', suspended: row[FIELDS.suspended] === true,
    };
  }

  /**
   * Stores the choice and its planned run: the new index entry first, then the users row, then the old
   * entry goes. A crash in between leaves at most a stale entry, which the planner drops (its bucket is not
   * the one on the users row).
   */
  async save(mailbox: MailboxRef, choice: ScheduleChoice, next: { runAt: Date; bucket: string } | undefined, previousBucket: string): Promise<void> {
    if (next) await this.putEntry(mailbox, next.bucket, next.runAt);
    await this.mergeUser(mailbox, {
      [FIELDS.kind]: choice.kind, [FIELDS.everyHours]: choice.everyHours ?? 0, [FIELDS.dailyAt]: choice.dailyAt ?? '',
      [FIELDS.timeZone]: choice.timeZone ?? '', [FIELDS.nextRunAt]: next?.runAt.toISOString() ?? '', [FIELDS.bucket]: next?.bucket ?? '',
      [FIELDS.suspended]: false,
    });
    if (previousBucket && previousBucket !== next?.bucket) await this.deleteEntry(previousBucket, mailboxPartitionKey(mailbox));
  }

  /** Moves a claimed entry to its next run (same order as {@link save}); the claim's ETag guards the delete. */
  async move(entry: IndexEntry, next: { runAt: Date; bucket: string }): Promise<void> {
    await this.putEntry(entry.mailbox, next.bucket, next.runAt);
    await this.mergeUser(entry.mailbox, { [FIELDS.nextRunAt]: next.runAt.toISOString(), [FIELDS.bucket]: next.bucket });
    if (next.bucket !== entry.bucket) await this.deleteEntry(entry.bucket, entry.rowKey, entry.etag);
  }

  /** Takes a user out of planning until they reconnect; their choice stays. */
  async suspend(entry: IndexEntry): Promise<void> {
    await this.mergeUser(entry.mailbox, { [FIELDS.suspended]: true, [FIELDS.nextRunAt]: '', [FIELDS.bucket]: '' });
    await this.deleteEntry(entry.bucket, entry.rowKey, entry.etag);
  }

  /** Removes an index entry (stale, or claimed and done); a missing or already changed entry is left alone. */
  async deleteEntry(bucket: string, rowKey: string, etag = '*'): Promise<number> {
    try {
      await this.index.deleteEntity(bucket, rowKey, { etag });
      return 1;
    } catch (error) {
      if (error instanceof RestError && (error.statusCode === 404 || error.statusCode === 412)) return 0;
      throw error;
    }
  }

  /** The entries of every bucket up to `dueBucket`, page by page: one keyed range read of the index. */
  async *dueEntries(dueBucket: string, meter: IndexReadMeter): AsyncGenerator<IndexEntry[]> {
    const pages = this.index.listEntities<IndexRow>({ queryOptions: { filter: `PartitionKey le '${odataString(dueBucket)}'` } }).byPage({ maxPageSize: 1000 });
    for await (const page of pages) {
      meter.queries += 1;
      meter.entriesRead += page.length;
      yield page.map((row) => ({
        bucket: row.partitionKey, rowKey: row.rowKey, mailbox: { tenantId: row.tenantId, userId: row.userId },
        claimedUntil: Number(row.claimedUntil ?? 0), etag: row.etag,
      }));
    }
  }

  /**
   * Claims a due entry for one planner run: an ETag-guarded update, so of two overlapping runs only one
   * wins (the other gets 412 and skips it). Returns the claimed entry, or undefined when another run has it.
   */
  async claim(entry: IndexEntry, until: number): Promise<IndexEntry | undefined> {
    try {
      const result = await this.index.updateEntity({ partitionKey: entry.bucket, rowKey: entry.rowKey, claimedUntil: until }, 'Merge', { etag: entry.etag });
      return { ...entry, claimedUntil: until, etag: result.etag ?? entry.etag };
    } catch (error) {
      if (error instanceof RestError && (error.statusCode === 404 || error.statusCode === 412)) return undefined;
      throw error;
    }
  }

  private async putEntry(mailbox: MailboxRef, bucket: string, runAt: Date): Promise<void> {
    const row: IndexRow = {
      partitionKey: bucket, rowKey: mailboxPartitionKey(mailbox), tenantId: mailbox.tenantId, userId: mailbox.userId,
      runAt: runAt.toISOString(), claimedUntil: 0,
    };
    await this.index.upsertEntity(row, 'Replace');
  }

  private async mergeUser(mailbox: MailboxRef, properties: Record<string, unknown>): Promise<void> {
    await mergeUserRow(this.users, mailbox, properties);
  }
}

function text(value: unknown): string | undefined {
  return typeof value === 'string' && value ? value : undefined;
}
