import { RestError, type TableClient } from '@azure/data-tables';
import type { MailboxRef } from '../contacts/contactModel';
import { decodeKey, encodeKey, mailboxPartitionKey, odataString } from '../storage/tableKeys';

/** One Graph change-notification subscription of ours, as stored. */
export interface StoredSubscription {
  id: string;
  mailbox: MailboxRef;
  /** The contact folder it watches (`me/contactFolders/{folderId}/contacts`). */
  folderId: string;
  /** SHA-256 (base64url) of the subscription's clientState: the secret itself is never stored. */
  clientStateHash: string;
  /** ISO time Graph said it expires. */
  expiresAt: string;
}

/** A renewal entry that is due: whose mailbox, and where it sits in the index. */
export interface DueRenewal {
  bucket: string;
  mailbox: MailboxRef;
}

/**
 * Partitions of the `subscriptions` table, by prefix:
 * - `i:{subscription id}` / `s`: the subscription (one point read per notification: only its id is trusted);
 * - `m:{mailbox}` / `{subscription id}`: the mailbox's subscriptions (one partition query to renew or drop);
 *   `m:{mailbox}` / `~pending`: a change notification of the mailbox is queued, not yet taken by a worker
 *   (the coalescing mark: a burst of notifications inserts it once, so it queues one sync);
 * - `r:{YYYYMMDDHH}` / `{mailbox}`: the renewal index, read `PartitionKey le 'r:<now>'` by the timer.
 */
const PREFIX = { id: 'i:', mailbox: 'm:', renewal: 'r:' } as const;
const ROW = { subscription: 's', pending: '~pending' } as const;

/** How long a pending mark may stand before a notification takes it over (its queue message was lost). */
export const PENDING_STALE_MS = 5 * 60_000;

/** Table Storage of {@link StoredSubscription}s, the coalescing mark and the renewal index. */
export class SubscriptionStore {
  constructor(private readonly table: TableClient) {}

  async save(subscription: StoredSubscription): Promise<void> {
    const { id, mailbox, folderId, clientStateHash, expiresAt } = subscription;
    const fields = { tenantId: mailbox.tenantId, userId: mailbox.userId, folderId, clientStateHash, expiresAt };
    // The id row first: a notification for a subscription whose mailbox row is missing is still checked.
    await this.table.upsertEntity({ partitionKey: PREFIX.id + encodeKey(id), rowKey: ROW.subscription, ...fields }, 'Replace');
    await this.table.upsertEntity({ partitionKey: mailboxKey(mailbox), rowKey: encodeKey(id), ...fields }, 'Replace');
  }

  async find(id: string): Promise<StoredSubscription | undefined> {
    try {
      const row = await this.table.getEntity<Record<string, unknown>>(PREFIX.id + encodeKey(id), ROW.subscription);
      return fromRow(id, row);
    } catch (error) {
      if (error instanceof RestError && error.statusCode === 404) return undefined;
      throw error;
    }
  }

  async listFor(mailbox: MailboxRef): Promise<StoredSubscription[]> {
    const filter = `PartitionKey eq '${odataString(mailboxKey(mailbox))}' and RowKey lt '~'`;
    const found: StoredSubscription[] = [];
    for await (const row of this.table.listEntities<Record<string, unknown>>({ queryOptions: { filter } })) {
      found.push(fromRow(decodeKey(row.rowKey ?? ''), row));
    }
    return found;
  }

  async remove(subscription: Pick<StoredSubscription, 'id' | 'mailbox'>): Promise<void> {
    await deleteIfThere(this.table, mailboxKey(subscription.mailbox), encodeKey(subscription.id));
    await deleteIfThere(this.table, PREFIX.id + encodeKey(subscription.id), ROW.subscription);
  }

  /**
   * Marks a change of the mailbox as queued. `true`: this caller set the mark (or took over a stale one) and
   * must queue the work; `false`: a queued job has not started yet and will see this change too.
   */
  async markPending(mailbox: MailboxRef, now: number): Promise<boolean> {
    const entity = { partitionKey: mailboxKey(mailbox), rowKey: ROW.pending, markedAt: now };
    // A worker may delete the mark between our insert's 409 and our read: then the insert is tried again.
    for (let attempt = 0; attempt < 3; attempt += 1) {
      if (await this.created(entity)) return true;
      const existing = await this.pendingMark(entity.partitionKey);
      if (!existing) continue;
      if (now - Number(existing.markedAt ?? 0) < PENDING_STALE_MS) return false;
      try {
        await this.table.updateEntity(entity, 'Replace', { etag: existing.etag });
        return true;
      } catch (error) {
        if (error instanceof RestError && (error.statusCode === 412 || error.statusCode === 404)) continue;
        throw error;
      }
    }
    // Three races lost in a row: another notification set the mark each time, and its job sees this change too.
    return false;
  }

  private async created(entity: { partitionKey: string; rowKey: string; markedAt: number }): Promise<boolean> {
    try {
      await this.table.createEntity(entity);
      return true;
    } catch (error) {
      if (error instanceof RestError && error.statusCode === 409) return false;
      throw error;
    }
  }

  private async pendingMark(partitionKey: string): Promise<{ markedAt?: number; etag: string } | undefined> {
    try {
      return await this.table.getEntity<{ markedAt?: number }>(partitionKey, ROW.pending);
    } catch (error) {
      if (error instanceof RestError && error.statusCode === 404) return undefined;
      throw error;
    }
  }

  /** Taken by the worker before it starts the sync: a later notification marks (and queues) again. */
  async clearPending(mailbox: MailboxRef): Promise<void> {
    await deleteIfThere(this.table, mailboxKey(mailbox), ROW.pending);
  }

  async planRenewal(mailbox: MailboxRef, at: Date): Promise<string> {
    const bucket = renewalBucket(at);
    await this.table.upsertEntity({ partitionKey: PREFIX.renewal + bucket, rowKey: mailboxPartitionKey(mailbox), tenantId: mailbox.tenantId, userId: mailbox.userId }, 'Replace');
    return bucket;
  }

  async deleteRenewal(bucket: string, mailbox: MailboxRef): Promise<void> {
    await deleteIfThere(this.table, PREFIX.renewal + bucket, mailboxPartitionKey(mailbox));
  }

  /** The renewal entries due at `now` (their bucket at or before it), oldest bucket first. */
  async *dueRenewals(now: Date): AsyncIterable<DueRenewal> {
    const filter = `PartitionKey ge '${PREFIX.renewal}' and PartitionKey le '${PREFIX.renewal}${renewalBucket(now)}'`;
    for await (const row of this.table.listEntities<{ tenantId: string; userId: string }>({ queryOptions: { filter } })) {
      yield { bucket: (row.partitionKey ?? '').slice(PREFIX.renewal.length), mailbox: { tenantId: row.tenantId, userId: row.userId } };
    }
  }
}

/** `YYYYMMDDHH` (UTC): renewals are planned to the hour. */
export function renewalBucket(at: Date): string {
  return at.toISOString().slice(0, 13).replace(/[-T]/g, '');
}

function mailboxKey(mailbox: MailboxRef): string {
  return PREFIX.mailbox + mailboxPartitionKey(mailbox);
}

function fromRow(id: string, row: Record<string, unknown>): StoredSubscription {
  return {
    id, mailbox: { tenantId: String(row.tenantId), userId: String(row.userId) }, folderId: String(row.folderId),
    clientStateHash: String(row.clientStateHash), expiresAt: String(row.expiresAt),
  };
}

async function deleteIfThere(table: TableClient, partitionKey: string, rowKey: string): Promise<void> {
  try {
    await table.deleteEntity(partitionKey, rowKey);
  } catch (error) {
    if (!(error instanceof RestError && error.statusCode === 404)) throw error;
  }
}
