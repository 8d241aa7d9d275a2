import { app } from '@azure/functions';
import { appServices } from '../composition';
import { readPhonebookIndexQueueName } from '../config';
import { phonebookIndexJobSchema } from '../services/phonebookIndexQueue';
import { queueJobHandler } from './queueHandler';

/**
 * Writes the phonebook's index rows of the contacts one sync wrote as new or updated, after the sync (so
 * the import does not wait for them). Upserts only: a failure is thrown and the queue's retry redoes them;
 * the last delivery's failure goes to `<queue>-poison` with its reason.
 */
export const indexPhonebook = queueJobHandler({
  name: 'indexPhonebook', queueName: readPhonebookIndexQueueName(), schema: phonebookIndexJobSchema,
  run: async (job, context) => {
    const rows = await appServices().phonebookIndexer.indexSync({ tenantId: job.tenantId, userId: job.userId }, job.syncId);
    context.log(`Phonebook indexed (tenant=${job.tenantId} user=${job.userId} syncId=${job.syncId} rows=${rows})`);
  },
});

app.storageQueue('indexPhonebook', { queueName: readPhonebookIndexQueueName(), connection: 'AzureWebJobsStorage', handler: indexPhonebook });
