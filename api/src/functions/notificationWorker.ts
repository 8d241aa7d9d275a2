import { app } from '@azure/functions';
import { appServices } from '../composition';
import { NOTIFICATION_QUEUE, notificationJobSchema } from '../notifications/notificationJobQueue';
import { queueJobHandler } from './queueHandler';

/**
 * Runs the work a Graph notification asked for (the mailbox's incremental sync, a renewal, a re-creation).
 * A transient failure is thrown, so the queue delivers the job again; on the 5th delivery it goes to
 * `notification-jobs-poison` with its reason. A lost job only delays a change: the daily safety sync runs.
 */
export const notificationWorker = queueJobHandler({
  name: 'notificationWorker', queueName: NOTIFICATION_QUEUE, schema: notificationJobSchema,
  run: async (job, context) => {
    const outcome = await appServices().notificationWorker.run(job);
    context.log(`Notification job ${job.kind}: ${outcome} (tenant=${job.tenantId} user=${job.userId})`);
  },
});

app.storageQueue('notificationWorker', { queueName: NOTIFICATION_QUEUE, connection: 'AzureWebJobsStorage', handler: notificationWorker });
