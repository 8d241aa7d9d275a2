import type { QueueClient } from '@azure/storage-queue';
import { type StorageAccount, queueClient } from '../storage/storageAccount';

/**
 * A queue message that will not be processed, and why: what the app puts on `<queue>-poison`. Azure's own
 * move after `maxDequeueCount` keeps the message alone; support staff need the reason beside it.
 */
export interface PoisonEntry {
  /** The function whose message this was, and its queue. */
  function: string;
  queue: string;
  /** `cause`: the underlying error of an unexpected failure (`internal`), for support. */
  reason: { code: string; message: string; cause?: string };
  /** Deliveries so far (1 for a message refused at once as malformed). */
  dequeueCount: number;
  at: string;
  /** The message as the function received it. */
  message: unknown;
}

/** Where poisoned messages go. */
export interface PoisonQueue {
  send(entry: PoisonEntry): Promise<void>;
}

/** `<queue>-poison` in Azure Storage (base64 JSON, like the host's own poison messages); created on first use. */
export class StoragePoisonQueue implements PoisonQueue {
  private ready?: Promise<unknown>;

  constructor(private readonly client: QueueClient) {}

  /** The poison queue of `queueName`, named as the Functions host names it. */
  static of(account: StorageAccount, queueName: string): StoragePoisonQueue {
    return new StoragePoisonQueue(queueClient(account, `${queueName}-poison`));
  }

  async send(entry: PoisonEntry): Promise<void> {
    this.ready ??= this.client.createIfNotExists().catch((error: unknown) => {
      this.ready = undefined;
      throw error;
    });
    await this.ready;
    await this.client.sendMessage(Buffer.from(JSON.stringify(entry), 'utf8').toString('base64'));
  }
}
