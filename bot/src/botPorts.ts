import type { CardCounts } from './cards';
import type { BotUser } from './conversationStore';
import type { ScheduleSummary } from './scheduleText';

/** The outcome of `sync contacts`, decided by the API (codes, never message text). */
export type SyncStartOutcome =
  | { kind: 'started'; syncId: string }
  /** A sync of the mailbox runs or is queued: show its progress instead. */
  | { kind: 'running' }
  /** No stored delegated consent, or it no longer works: the user connects in the tab. */
  | { kind: 'connect' };

/** The user's current or last sync, as `sync status` shows it. */
export interface SyncStatusSummary {
  state: 'queued' | 'running' | 'completed' | 'failed' | 'none';
  counts: CardCounts;
  startedAt: string | null;
  endedAt: string | null;
  error: { code: string; message: string } | null;
  /** The user's scheduled sync (`off` when never chosen); absent when the API does not say. */
  schedule?: ScheduleSummary;
}

/** What the bot asks of the API (its use cases), in the bot's own terms. */
export interface SyncCommandsPort {
  /** Queues a background sync of the user's mailbox on the stored consent (trigger `bot`). */
  startSync(user: BotUser): Promise<SyncStartOutcome>;
  status(user: BotUser): Promise<SyncStatusSummary>;
}
