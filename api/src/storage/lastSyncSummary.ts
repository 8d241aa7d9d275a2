import type { SyncCounts } from '../sync/syncCounts';
import type { SyncRecord, SyncState, SyncTrigger } from './syncHistoryRepository';

/**
 * A user's last sync as kept on their users row, so that the company's health view reads one partition
 * (the tenant's users) instead of every mailbox's history. The history row stays the full record.
 */
export interface LastSyncSummary {
  syncId: string;
  state: SyncState;
  trigger: SyncTrigger;
  startedAt: string;
  /** '' while the sync runs. */
  endedAt: string;
  counts: SyncCounts;
  /** The code that stopped a failed sync (`throttled`, `reconnect_needed`…); '' otherwise. */
  errorCode: string;
}

/** The summary of a history record as saved: at the start of each attempt (running) and at its end. */
export function summaryOf(record: SyncRecord): LastSyncSummary {
  return {
    syncId: record.syncId,
    state: record.state,
    trigger: record.trigger,
    startedAt: record.startedAt,
    endedAt: record.state === 'running' ? '' : record.endedAt,
    counts: { ...record.counts },
    errorCode: record.state === 'failed' ? stoppingCode(record) : '',
  };
}

/** The engine records the error that stopped a sync last among the problems, without a contact id. */
function stoppingCode(record: SyncRecord): string {
  return [...record.problems].reverse().find((problem) => !problem.contactId)?.code ?? 'internal';
}
