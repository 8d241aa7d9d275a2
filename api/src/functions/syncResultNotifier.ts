import { app } from '@azure/functions';
import { botServices } from '../bot/botServices';
import { readSyncResultsQueueName } from '../config';
import { syncResultSchema } from '../services/syncResultQueue';
import { queueJobHandler } from './queueHandler';

/**
 * Tells the user how a sync ended: a proactive Adaptive Card into their chat with the bot, following the
 * Teams delivery rules. A card the connector cannot take now (throttled, unavailable) is thrown back to the
 * queue, which delivers the result again later; a refused one (blocked, disabled, gone) completes with its
 * outcome recorded on the user's row. The sync itself never waits for Teams.
 */
export const syncResultNotifier = queueJobHandler({
  name: 'syncResultNotifier', queueName: readSyncResultsQueueName(), schema: syncResultSchema,
  run: async (result, context) => {
    const outcome = await botServices().notifier.notify(result);
    context.log(`Sync result card: ${outcome} (tenant=${result.tenantId} user=${result.userId} syncId=${result.syncId ?? '-'} outcome=${result.outcome})`);
  },
});

app.storageQueue('syncResultNotifier', { queueName: readSyncResultsQueueName(), connection: 'AzureWebJobsStorage', handler: syncResultNotifier });
