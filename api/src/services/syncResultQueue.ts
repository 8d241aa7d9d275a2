import { JsonQueue } from '../storage/jsonQueue';
import { type StorageAccount, queueClient } from '../storage/storageAccount';
import { z } from 'zod';

const countsSchema = z.strictObject({
  new: z.number().int().nonnegative(),
  updated: z.number().int().nonnegative(),
  deleted: z.number().int().nonnegative(),
  unchanged: z.number().int().nonnegative(),
  skipped: z.number().int().nonnegative(),
});

/**
 * What happened to a user's sync, for whoever tells the user (the bot's proactive card). One message per
 * finished sync, whatever started it, and one when a background sync could not start because the user's
 * stored consent no longer works (`reconnect_needed`, no sync id). Ids, counts and codes only: never
 * tokens or contact details.
 */
export const syncResultSchema = z.strictObject({
  tenantId: z.string().min(1),
  userId: z.string().min(1),
  /** Absent when no sync ran (`reconnect_needed` before a scheduled or bot sync could start). */
  syncId: z.string().min(1).optional(),
  trigger: z.enum(['manual', 'bot', 'schedule', 'cli', 'notification']),
  outcome: z.enum(['completed', 'failed', 'reconnect_needed']),
  counts: countsSchema.optional(),
  durationMs: z.number().int().nonnegative().optional(),
  /** The error that ended a failed sync: its stable code and the message a person can act on. */
  error: z.strictObject({ code: z.string().min(1), message: z.string() }).optional(),
  /** ISO time the sync ended (or the start was refused). */
  at: z.string().min(1),
});

export type SyncResult = z.output<typeof syncResultSchema>;

/** Where finished syncs are announced. */
export interface SyncResultQueue {
  send(result: SyncResult): Promise<void>;
}

/** `SYNC_RESULTS_QUEUE_NAME` default: the queue the bot's notifier listens to. */
export const DEFAULT_SYNC_RESULTS_QUEUE = 'sync-results';

/** The results queue in Azure Storage: base64 of the JSON (the queue trigger's default encoding); created on first use. */
export class StorageSyncResultQueue extends JsonQueue<SyncResult> implements SyncResultQueue {
  static forAccount(account: StorageAccount, queueName: string): StorageSyncResultQueue {
    return new StorageSyncResultQueue(queueClient(account, queueName));
  }

  override send(message: SyncResult): Promise<void> {
    return super.send(syncResultSchema.parse(message));
  }
}
