import { app } from '@azure/functions';
import { appServices } from '../composition';
import { readSyncQueueName } from '../config';
import { syncJobSchema } from '../services/syncJobQueue';
import { queueJobHandler } from './queueHandler';

/**
 * Runs one sync job from the sync queue, for at most `SYNC_TIME_BUDGET_MS`; a sync that needs longer
 * queues its own continuation (same sync id) and completes. A job that cannot succeed (malformed, consent
 * or reconnect needed, another sync holds the lease) completes after its log line; a transient failure
 * (throttled, Graph unavailable), or an earlier attempt of the same sync still holding the lease, is
 * thrown, so the queue delivers it again after the visibility timeout and the sync resumes from its
 * checkpoints; on the 5th delivery the failure is announced and the job goes to `<queue>-poison` with its
 * reason (as does a message that is not a sync job).
 */
export const syncWorker = queueJobHandler({
  name: 'syncWorker', queueName: readSyncQueueName(), schema: syncJobSchema,
  run: async (job, context, delivery) => { await appServices().syncWorker.runJob(job, context, delivery); },
});

app.storageQueue('syncWorker', { queueName: readSyncQueueName(), connection: 'AzureWebJobsStorage', handler: syncWorker });
