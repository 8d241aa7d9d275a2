import { app, type InvocationContext } from '@azure/functions';
import { botServices } from '../bot/botServices';
import { readSyncResultsQueueName } from '../config';
import { toAppError } from '../errors/appError';
import { parseWith } from '../http/requestValidation';
import { syncResultSchema } from '../services/syncResultQueue';

/**
 * Tells the user how a sync ended: a proactive Adaptive Card into their chat with the bot, following the
 * Teams delivery rules. A card the connector cannot take now (throttled, unavailable) is thrown back to the
 * queue, which delivers the result again later; a refused one (blocked, disabled, gone) completes with its
 * outcome recorded on the user's row. The sync itself never waits for Teams.
 */
export async function syncResultNotifier(message: unknown, context: InvocationContext): Promise<void> {
  let result;
  try {
    result = parseWith(syncResultSchema, message);
  } catch (error) {
    context.error(`Sync result dropped: not a sync result (${toAppError(error).message}) correlationId=${context.invocationId}`);
    return;
  }
  const outcome = await botServices().notifier.notify(result);
  context.log(`Sync result card: ${outcome} (tenant=${result.tenantId} user=${result.userId} syncId=${result.syncId ?? '-'} outcome=${result.outcome})`);
}

app.storageQueue('syncResultNotifier', { queueName: readSyncResultsQueueName(), connection: 'AzureWebJobsStorage', handler: syncResultNotifier });
