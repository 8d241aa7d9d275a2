import type { DequeuedMessageItem, QueueClient } from '@azure/storage-queue';
import type { RpcTypedData } from './coreApiTypes';
import { describeError, type HostLogger } from './hostLog';
import type { InvocationInput, Invoker } from './invokeFunction';
import { triggerOf, type LoadedFunction } from './loadFunctionModules';
import { decodeQueueMessage } from './queueClients';
import { WakeableDelay } from './wakeableDelay';

/** The `extensions.queues` settings of host.json this host honours; defaults are Azure's. */
export interface QueueListenerSettings {
  /** Messages processed at once per queue function (Azure: 16). */
  batchSize: number;
  /** Attempts before a message goes to `<queue>-poison` (Azure: 5). */
  maxDequeueCount: number;
  /** Longest wait between polls of an empty queue (Azure: 1 minute; here 1 s by default). */
  maxPollingIntervalMs: number;
  /** Seconds a failed message stays invisible before its retry (Azure `visibilityTimeout`: 0). */
  retryDelaySeconds: number;
  /** Seconds a message stays invisible while its invocation runs. */
  processingTimeoutSeconds: number;
}

export const DEFAULT_QUEUE_SETTINGS: QueueListenerSettings = {
  batchSize: 16, maxDequeueCount: 5, maxPollingIntervalMs: 1000, retryDelaySeconds: 0, processingTimeoutSeconds: 600,
};

const MIN_POLLING_INTERVAL_MS = 25;

/**
 * Runs one queue-triggered function: polls its queue (backing off while empty), invokes the function
 * per message, deletes it on success, makes it visible again on failure and moves it to the poison
 * queue after `maxDequeueCount` attempts.
 */
export class QueueListener {
  readonly #delay = new WakeableDelay();
  readonly #inFlight = new Set<Promise<void>>();
  #loop?: Promise<void>;
  #stopped = false;

  constructor(
    readonly fn: LoadedFunction,
    private readonly queue: QueueClient,
    private readonly poison: QueueClient,
    private readonly settings: QueueListenerSettings,
    private readonly invoke: Invoker,
    private readonly logger: HostLogger,
  ) {}

  start(): void { this.#loop ??= this.#poll(); }

  /** Polls now instead of waiting out the back-off. */
  wake(): void { this.#delay.wake(); }

  /** True while messages of this queue are being handled. */
  get busy(): boolean { return this.#inFlight.size > 0; }

  /** Messages in the queue, visible or not (Azure's approximate count). */
  async pendingCount(): Promise<number> {
    return (await this.queue.getProperties()).approximateMessagesCount ?? 0;
  }

  /** Stops polling and waits for the messages being handled. */
  async stop(): Promise<void> {
    this.#stopped = true;
    this.#delay.wake();
    await this.#loop;
    await Promise.all([...this.#inFlight]);
  }

  async #poll(): Promise<void> {
    let idleDelay = MIN_POLLING_INTERVAL_MS;
    while (!this.#stopped) {
      const free = this.settings.batchSize - this.#inFlight.size;
      const messages = free > 0 ? await this.#receive(Math.min(32, free)) : [];
      if (this.#stopped) {
        // Received during stop: visible again at once rather than after the processing timeout.
        await Promise.allSettled(messages.map((m) => this.queue.updateMessage(m.messageId, m.popReceipt, undefined, 0)));
        break;
      }
      messages.forEach((message) => this.#track(this.#handle(message)));
      if (messages.length > 0) idleDelay = MIN_POLLING_INTERVAL_MS;
      else if (free > 0) idleDelay = Math.min(idleDelay * 2, this.settings.maxPollingIntervalMs);
      if (messages.length === 0 || free <= messages.length) await this.#delay.sleep(idleDelay);
    }
  }

  async #receive(count: number): Promise<DequeuedMessageItem[]> {
    try {
      const response = await this.queue.receiveMessages({ numberOfMessages: count, visibilityTimeout: this.settings.processingTimeoutSeconds });
      return response.receivedMessageItems;
    } catch (error) {
      this.#log('warning', `Polling queue '${this.queue.name}' failed: ${describeError(error)}`);
      return [];
    }
  }

  #track(work: Promise<void>): void {
    const tracked = work
      .catch((error: unknown) => this.#log('error', `Handling a message of '${this.queue.name}' failed: ${describeError(error)}`))
      .finally(() => { this.#inFlight.delete(tracked); this.#delay.wake(); });
    this.#inFlight.add(tracked);
  }

  async #handle(message: DequeuedMessageItem): Promise<void> {
    const text = decodeQueueMessage(message.messageText);
    if (text === undefined) {
      this.#log('warning', `Message ${message.messageId} is not base64 (the default messageEncoding); it goes to the poison queue`);
      return this.#moveToPoison(message);
    }
    if (message.dequeueCount > this.settings.maxDequeueCount) return this.#moveToPoison(message);
    try {
      await this.invoke(this.fn, queueInvocationInput(triggerOf(this.fn).name, message, text), `New queue message detected on '${this.queue.name}'`);
    } catch {
      return this.#handleFailure(message);
    }
    await this.queue.deleteMessage(message.messageId, message.popReceipt);
  }

  async #handleFailure(message: DequeuedMessageItem): Promise<void> {
    if (message.dequeueCount >= this.settings.maxDequeueCount) {
      this.#log('warning', `Message has reached MaxDequeueCount of ${this.settings.maxDequeueCount}. Moving message to queue '${this.poison.name}'.`);
      return this.#moveToPoison(message);
    }
    await this.queue.updateMessage(message.messageId, message.popReceipt, undefined, this.settings.retryDelaySeconds);
  }

  async #moveToPoison(message: DequeuedMessageItem): Promise<void> {
    await this.poison.sendMessage(message.messageText);
    await this.queue.deleteMessage(message.messageId, message.popReceipt);
  }

  #log(level: 'warning' | 'error', message: string): void {
    this.logger({ level, category: 'system', functionName: this.fn.metadata.name, message });
  }
}

/** The trigger data of a queue message, as the host sends it: the text (JSON-parsed by the library) and metadata. */
export function queueInvocationInput(triggerName: string, message: DequeuedMessageItem, text: string): InvocationInput {
  const json = (value: unknown): RpcTypedData => ({ json: JSON.stringify(value) });
  return {
    inputData: [{ name: triggerName, data: { string: text } }],
    triggerMetadata: {
      QueueTrigger: { string: text },
      Id: json(message.messageId),
      PopReceipt: json(message.popReceipt),
      DequeueCount: json(message.dequeueCount),
      InsertionTime: json(message.insertedOn.toISOString()),
      ExpirationTime: json(message.expiresOn.toISOString()),
      NextVisibleTime: json(message.nextVisibleOn.toISOString()),
    },
  };
}
