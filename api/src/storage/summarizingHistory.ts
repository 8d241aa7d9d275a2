import type { TableClient } from '@azure/data-tables';
import type { MailboxRef } from '../contacts/contactModel';
import { summaryOf } from './lastSyncSummary';
import type { TableWriteMeter } from './partitionTransaction';
import { type SyncRecord, SyncHistoryRepository } from './syncHistoryRepository';
import type { UserRowStore } from './userRowStore';

/** Where a summary that could not be written is reported (ids and codes only). */
export interface SummaryLog {
  warn(message: string): void;
}

/**
 * The sync history that also keeps the user's last-sync summary on their users row: each save of a
 * history record (an attempt's start, its end, a stop at the time budget) is mirrored there. The history
 * row is written first and stays the truth; a summary that fails to land is reported, never fails the sync
 * (the next save writes it again).
 */
export class SummarizingHistoryRepository extends SyncHistoryRepository {
  constructor(client: TableClient, meter: TableWriteMeter, private readonly users: Pick<UserRowStore, 'writeSummary'>, private readonly log: SummaryLog) {
    super(client, meter);
  }

  override async save(mailbox: MailboxRef, historyKey: string, record: SyncRecord): Promise<void> {
    await super.save(mailbox, historyKey, record);
    try {
      await this.users.writeSummary(mailbox, summaryOf(record));
    } catch (error) {
      this.log.warn(`Last-sync summary not written (tenant=${mailbox.tenantId} user=${mailbox.userId} syncId=${record.syncId}): ${(error as Error).message}`);
    }
  }
}
