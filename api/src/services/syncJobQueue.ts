import { JsonQueue } from '../storage/jsonQueue';
import { type StorageAccount, queueClient } from '../storage/storageAccount';
import { z } from 'zod';

/** A sync job on the sync queue: whose mailbox, how, and the reserved sync id when there is one. */
export const syncJobSchema = z.strictObject({
  tenantId: z.string().min(1),
  userId: z.string().min(1),
  /** The id the lease was reserved under (`POST /api/sync`); absent for jobs that reserved nothing. */
  syncId: z.string().min(1).optional(),
  full: z.boolean().default(false),
  trigger: z.enum(['manual', 'bot', 'schedule', 'cli', 'notification']),
  /** Queued by the sync itself when it stopped at its time budget: it goes on with `syncId`. */
  continuation: z.boolean().optional(),
});

export type SyncJob = z.output<typeof syncJobSchema>;

/** Where sync jobs are sent. */
export interface SyncJobQueue {
  send(job: SyncJob): Promise<void>;
}

/**
 * The sync queue in Azure Storage. Messages are base64 of the job's JSON: the Functions queue trigger's
 * default `messageEncoding`. The queue is created on first use.
 */
export class StorageSyncJobQueue extends JsonQueue<SyncJob> implements SyncJobQueue {
  static forAccount(account: StorageAccount, queueName: string): StorageSyncJobQueue {
    return new StorageSyncJobQueue(queueClient(account, queueName));
  }
}
