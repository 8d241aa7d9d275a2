import { app, type InvocationContext } from '@azure/functions';
import { appServices } from '../composition';
import { readSyncQueueName } from '../config';
import { toAppError } from '../errors/appError';
import { parseWith } from '../http/requestValidation';
import { syncJobSchema } from '../services/syncJobQueue';

/**
 * Runs one sync job from the sync queue, for at most `SYNC_TIME_BUDGET_MS`; a sync that needs longer
 * queues its own continuation (same sync id) and completes. A job that cannot succeed (malformed, consent
 * or reconnect needed, another sync holds the lease) completes after its log line; a transient failure
 * (throttled, Graph unavailable), or an earlier attempt of the same sync still holding the lease, is
 * thrown, so the queue delivers it again after the visibility timeout and the sync resumes from its
 * checkpoints; after 5 attempts the message goes to `<queue>-poison`.
 */
export async function syncWorker(message: unknown, context: InvocationContext): Promise<void> {
  let job;
  try {
    job = parseWith(syncJobSchema, message);
  } catch (error) {
    context.error(`Sync job dropped: not a sync job (${toAppError(error).message}) correlationId=${context.invocationId}`);
    return;
  }
  await appServices().syncWorker.runJob(job, context, { finalAttempt: Number(context.triggerMetadata?.dequeueCount ?? 1) >= MAX_DEQUEUE_COUNT });
}

/** host.json `extensions.queues.maxDequeueCount`: after this delivery the message goes to the poison queue. */
const MAX_DEQUEUE_COUNT = 5;

app.storageQueue('syncWorker', { queueName: readSyncQueueName(), connection: 'AzureWebJobsStorage', handler: syncWorker });
