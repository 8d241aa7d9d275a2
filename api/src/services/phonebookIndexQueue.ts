import { z } from 'zod';
import { JsonQueue } from '../storage/jsonQueue';
import { type StorageAccount, queueClient } from '../storage/storageAccount';

/** "Index what this sync wrote": the mailbox and the sync whose new and updated contacts need index rows. */
export const phonebookIndexJobSchema = z.strictObject({
  tenantId: z.string().min(1),
  userId: z.string().min(1),
  syncId: z.string().min(1),
});

export type PhonebookIndexJob = z.output<typeof phonebookIndexJobSchema>;

/** Where index jobs are sent. */
export interface PhonebookIndexQueue {
  send(job: PhonebookIndexJob): Promise<void>;
}

/** `PHONEBOOK_INDEX_QUEUE_NAME` default. */
export const DEFAULT_PHONEBOOK_INDEX_QUEUE = 'phonebook-index';

/** The index queue in Azure Storage: base64 of the JSON (the queue trigger's default encoding); created on first use. */
export class StoragePhonebookIndexQueue extends JsonQueue<PhonebookIndexJob> implements PhonebookIndexQueue {
  static forAccount(account: StorageAccount, queueName: string): StoragePhonebookIndexQueue {
    return new StoragePhonebookIndexQueue(queueClient(account, queueName));
  }

  override send(message: PhonebookIndexJob): Promise<void> {
    return super.send(phonebookIndexJobSchema.parse(message));
  }
}
