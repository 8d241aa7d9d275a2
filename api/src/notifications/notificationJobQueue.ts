import { z } from 'zod';
import { JsonQueue } from '../storage/jsonQueue';
import { type StorageAccount, queueClient } from '../storage/storageAccount';

/** The queue of work that change and lifecycle notifications ask for. */
export const NOTIFICATION_QUEUE = 'notification-jobs';

/**
 * One job: `sync` (something changed, or Graph missed notifications: an incremental sync), `renew`
 * (`reauthorizationRequired`), `recreate` (`subscriptionRemoved`: that subscription is created again, then a sync).
 */
export const notificationJobSchema = z.strictObject({
  kind: z.enum(['sync', 'renew', 'recreate']),
  tenantId: z.string().min(1),
  userId: z.string().min(1),
  subscriptionId: z.string().min(1).optional(),
});

export type NotificationJob = z.output<typeof notificationJobSchema>;

/** Where notification jobs are sent; a delay keeps a job invisible that many seconds (coalescing a burst). */
export interface NotificationJobQueue {
  send(job: NotificationJob, options?: { delaySeconds?: number }): Promise<void>;
}

/** The queue in Azure Storage (base64 JSON, created on first use). */
export class StorageNotificationJobQueue extends JsonQueue<NotificationJob> implements NotificationJobQueue {
  static forAccount(account: StorageAccount): StorageNotificationJobQueue {
    return new StorageNotificationJobQueue(queueClient(account, NOTIFICATION_QUEUE));
  }
}
