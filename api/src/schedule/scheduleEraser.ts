import type { MailboxRef } from '../contacts/contactModel';
import { mailboxPartitionKey } from '../storage/tableKeys';
import type { ScheduleStore } from './scheduleStore';

/**
 * Erases a user's rows in a table not keyed by the mailbox partition. The same shape as TABAPI's
 * `MailboxEraser` in api/src/storage (structural typing: either satisfies the other).
 */
export interface MailboxEraser {
  /** Deletes the mailbox's rows; resolves to how many rows went. */
  erase(mailbox: MailboxRef): Promise<number>;
}

/**
 * The schedule index is keyed by due bucket, so erasing a mailbox's partitions misses it: this removes the
 * user's planned run (the bucket named on their users row) and turns their schedule off on that row.
 */
export class ScheduleEraser implements MailboxEraser {
  constructor(private readonly store: () => Promise<Pick<ScheduleStore, 'read' | 'save' | 'deleteEntry'>>) {}

  async erase(mailbox: MailboxRef): Promise<number> {
    const store = await this.store();
    const stored = await store.read(mailbox);
    if (!stored) return 0;
    const removed = stored.bucket ? await store.deleteEntry(stored.bucket, mailboxPartitionKey(mailbox)) : 0;
    await store.save(mailbox, { kind: 'off' }, undefined, '');
    return removed;
  }
}
