import { app, type InvocationContext } from '@azure/functions';
import { appServices } from '../composition';
import { readPhonebookIndexQueueName } from '../config';
import { toAppError } from '../errors/appError';
import { parseWith } from '../http/requestValidation';
import { phonebookIndexJobSchema } from '../services/phonebookIndexQueue';

/**
 * Writes the phonebook's index rows of the contacts one sync wrote as new or updated, after the sync (so
 * the import does not wait for them). Upserts only: a failure is thrown and the queue's retry redoes them.
 */
export async function indexPhonebook(message: unknown, context: InvocationContext): Promise<void> {
  let job;
  try {
    job = parseWith(phonebookIndexJobSchema, message);
  } catch (error) {
    context.error(`Phonebook index job dropped: not an index job (${toAppError(error).message}) correlationId=${context.invocationId}`);
    return;
  }
  const rows = await appServices().phonebookIndexer.indexSync({ tenantId: job.tenantId, userId: job.userId }, job.syncId);
  context.log(`Phonebook indexed (tenant=${job.tenantId} user=${job.userId} syncId=${job.syncId} rows=${rows})`);
}

app.storageQueue('indexPhonebook', { queueName: readPhonebookIndexQueueName(), connection: 'AzureWebJobsStorage', handler: indexPhonebook });
