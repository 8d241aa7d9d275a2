import { JsonQueue } from '../storage/jsonQueue';
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
export class StoragePoisonQueue extends JsonQueue<PoisonEntry> implements PoisonQueue {
  static of(account: StorageAccount, queueName: string): StoragePoisonQueue {
    return new StoragePoisonQueue(queueClient(account, `${queueName}-poison`));
  }
}
