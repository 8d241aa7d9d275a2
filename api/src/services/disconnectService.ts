import { randomUUID } from 'node:crypto';
import type { MailboxRef } from '../contacts/contactModel';
import type { CallerIdentity, UserTokenCacheStore } from '../identity';
import type { ErasePartitionOptions, PartitionErased } from '../storage/partitionEraser';
import type { HeldLease, SyncLeaseRepository } from '../storage/syncLeaseRepository';
import { TABLES, type TableName } from '../storage/tableClientFactory';
import { ROW_PREFIX, mailboxPartitionKey } from '../storage/tableKeys';
import type { UserRowStore } from '../storage/userRowStore';
import type { MailboxEraser } from './mailboxEraser';
import { mailboxOf } from './permissions';

/** `DELETE /api/me/connection`. */
export interface DisconnectResult {
  disconnected: true;
  /** `contacts`: synced contacts deleted; `rows`: every row deleted (contacts, folder state, history, lease…). */
  erased: { contacts: number; rows: number };
}

/** What {@link DisconnectService} needs. */
export interface DisconnectDeps {
  grants: Pick<UserTokenCacheStore, 'erase'>;
  leases(): Promise<Pick<SyncLeaseRepository, 'acquire'>>;
  /** Deletes every row of a partition of a table (storage/partitionEraser.ts). */
  erasePartition(table: TableName, partitionKey: string, options: ErasePartitionOptions): Promise<PartitionErased>;
  /** Tables keyed by the mailbox partition key: `MAILBOX_TABLES`. */
  mailboxTables: readonly TableName[];
  /** The other modules' tables keyed otherwise. */
  erasers: readonly MailboxEraser[];
  users: Pick<UserRowStore, 'clearSummary'>;
  /** Deletes the user's Graph subscriptions (instant sync) while the grant still signs the request. */
  dropSubscriptions?(mailbox: MailboxRef): Promise<unknown>;
}

/**
 * The user disconnects Outlook: the stored grant is erased at once, and, if they ask, everything synced for
 * them (contacts, folder state, history, lease and what other modules keep). The erasure holds the mailbox's
 * sync lease, so no sync starts or writes meanwhile; `sync_running` (409) while a sync holds it.
 */
export class DisconnectService {
  constructor(private readonly deps: DisconnectDeps) {}

  async disconnect(caller: CallerIdentity, options: { eraseContacts: boolean }): Promise<DisconnectResult> {
    const mailbox = mailboxOf(caller);
    if (!options.eraseContacts) {
      await this.dropSubscriptions(mailbox);
      await this.deps.grants.erase(mailbox.tenantId, mailbox.userId);
      return { disconnected: true, erased: { contacts: 0, rows: 0 } };
    }
    // Taken fresh: a live lease (a running or queued sync) is a 409 before anything is erased.
    const lease = await (await this.deps.leases()).acquire(mailbox, {
      fresh: true, newSync: () => ({ syncId: `erasure-${randomUUID()}`, historyKey: '' }),
    });
    let erased: DisconnectResult['erased'];
    try {
      await this.dropSubscriptions(mailbox);
      await this.deps.grants.erase(mailbox.tenantId, mailbox.userId);
      lease.keepAlive(() => undefined); // a loss is thrown by check() before the next transaction
      erased = await this.eraseHeld(mailbox, lease);
    } catch (error) {
      await lease.release(true).catch(() => undefined);
      throw error;
    }
    // The lease row goes last: deleting it is the release.
    lease.abandon();
    const leaseRows = await this.deps.erasePartition(TABLES.leases, mailboxPartitionKey(mailbox), {});
    return { disconnected: true, erased: { ...erased, rows: erased.rows + leaseRows.rows } };
  }

  /**
   * Best effort: Graph stops notifying once it cannot use the grant, and a notification of a subscription
   * left behind starts nothing (the worker finds no stored grant and drops it), so a failure here does not
   * keep the user connected.
   */
  private async dropSubscriptions(mailbox: MailboxRef): Promise<void> {
    await this.deps.dropSubscriptions?.(mailbox).catch(() => undefined);
  }

  private async eraseHeld(mailbox: MailboxRef, lease: HeldLease): Promise<DisconnectResult['erased']> {
    const partitionKey = mailboxPartitionKey(mailbox);
    const erased = { contacts: 0, rows: 0 };
    for (const table of this.deps.mailboxTables.filter((name) => name !== TABLES.leases)) {
      const done = await this.deps.erasePartition(table, partitionKey, {
        beforeTransaction: () => lease.check(),
        counted: table === TABLES.contacts ? (rowKey) => rowKey.startsWith(ROW_PREFIX.contact) : undefined,
      });
      erased.rows += done.rows;
      erased.contacts += done.counted;
    }
    for (const eraser of this.deps.erasers) {
      lease.check();
      erased.rows += await eraser.erase(mailbox);
    }
    await this.deps.users.clearSummary(mailbox);
    return erased;
  }
}
