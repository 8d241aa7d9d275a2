import type { QueueClient } from '@azure/storage-queue';

/**
 * A Storage queue of JSON messages, each sent as base64 of its JSON: the Functions queue trigger's default
 * `messageEncoding`. The queue is created on first use (a failed creation is tried again by the next send).
 */
export class JsonQueue<T> {
  private ready?: Promise<unknown>;

  constructor(private readonly client: QueueClient) {}

  /** Sends the message; with `delaySeconds` it stays invisible (and no trigger sees it) that long. */
  async send(message: T, options: { delaySeconds?: number } = {}): Promise<void> {
    this.ready ??= this.client.createIfNotExists().catch((error: unknown) => {
      this.ready = undefined;
      throw error;
    });
    await this.ready;
    const text = Buffer.from(JSON.stringify(message), 'utf8').toString('base64');
    await this.client.sendMessage(text, options.delaySeconds ? { visibilityTimeout: options.delaySeconds } : undefined);
  }
}
