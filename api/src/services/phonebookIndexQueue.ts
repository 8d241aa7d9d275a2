import type { QueueClient } from '@azure/storage-queue';
import { z } from 'zod';
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
export class StoragePhonebookIndexQueue implements PhonebookIndexQueue {
  private ready?: Promise<unknown>;

  constructor(private readonly client: QueueClient) {}

  static forAccount(account: StorageAccount, queueName: string): StoragePhonebookIndexQueue {
    return new StoragePhonebookIndexQueue(queueClient(account, queueName));
  }

  async send(job: PhonebookIndexJob): Promise<void> {
    this.ready ??= this.client.createIfNotExists().catch((error: unknown) => {
      this.ready = undefined;
      throw error;
    });
    await this.ready;
    await this.client.sendMessage(Buffer.from(JSON.stringify(phonebookIndexJobSchema.parse(job)), 'utf8').toString('base64'));
  }
}
