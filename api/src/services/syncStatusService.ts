import type { MailboxRef } from '../contacts/contactModel';
import type { CallerIdentity } from '../identity';
import type { FolderState } from '../storage/mailboxStore';
import type { SyncHistoryRepository } from '../storage/syncHistoryRepository';
import { SyncLeaseRepository } from '../storage/syncLeaseRepository';
import { mailboxOf } from './permissions';
import { type SyncHistoryEntry, type SyncStatusView, historyEntry, syncStatusView } from './syncStatusView';

/** What {@link SyncStatusService} reads. */
export interface SyncStatusDeps {
  leases(): Promise<Pick<SyncLeaseRepository, 'peek'>>;
  history(): Promise<Pick<SyncHistoryRepository, 'get' | 'list'>>;
  folderStates(mailbox: MailboxRef): Promise<FolderState[]>;
  now?: () => number;
}

/** The caller's sync status and history; always of the caller's own mailbox. */
export class SyncStatusService {
  constructor(private readonly deps: SyncStatusDeps) {}

  async status(caller: CallerIdentity): Promise<SyncStatusView> {
    const mailbox = mailboxOf(caller);
    const [leases, history] = await Promise.all([this.deps.leases(), this.deps.history()]);
    const lease = await leases.peek(mailbox);
    const leaseLive = Boolean(lease && lease.expiresAt > (this.deps.now ?? Date.now)());
    const record = leaseLive && lease
      ? await history.get(mailbox, lease.historyKey)
      : (await history.list(mailbox, 1))[0];
    const folders = await this.deps.folderStates(mailbox);
    return syncStatusView({ lease, leaseLive, leaseQueued: Boolean(lease && SyncLeaseRepository.isQueued(lease)), record, folders });
  }

  /** The caller's newest `top` syncs, newest first. */
  async history(caller: CallerIdentity, top: number): Promise<SyncHistoryEntry[]> {
    const records = await (await this.deps.history()).list(mailboxOf(caller), top);
    return records.map(historyEntry);
  }
}
