import { QueueServiceClient, type QueueClient } from '@azure/storage-queue';
import { resolveAppSettingReferences, storageConnectionString } from './appSettings';

/**
 * Queue clients by connection setting and queue name. Queues are created on first use, as the
 * queue trigger and output binding do on Azure.
 */
export class QueueClients {
  readonly #services = new Map<string, QueueServiceClient>();
  readonly #queues = new Map<string, Promise<QueueClient>>();

  /** The client of a binding's queue (`queueName` may hold `%Setting%` references). */
  async get(connection: unknown, queueName: string): Promise<QueueClient> {
    const connectionString = storageConnectionString(connection);
    const name = resolveAppSettingReferences(queueName).toLowerCase();
    const key = `${connectionString}\n${name}`;
    let queue = this.#queues.get(key);
    if (!queue) {
      queue = this.#create(connectionString, name);
      this.#queues.set(key, queue);
      // A failed creation (storage not up yet) is retried on the next use instead of cached.
      queue.catch(() => this.#queues.delete(key));
    }
    return queue;
  }

  async #create(connectionString: string, queueName: string): Promise<QueueClient> {
    let service = this.#services.get(connectionString);
    if (!service) {
      service = QueueServiceClient.fromConnectionString(connectionString);
      this.#services.set(connectionString, service);
    }
    const client = service.getQueueClient(queueName);
    await client.createIfNotExists();
    return client;
  }
}

/** Queue messages carry base64 text by default (`extensions.queues.messageEncoding`). */
export function encodeQueueMessage(content: string | Buffer): string {
  return (typeof content === 'string' ? Buffer.from(content, 'utf8') : content).toString('base64');
}

/** The text of a base64 message, or undefined when it is not base64 (the host poisons such messages). */
export function decodeQueueMessage(messageText: string): string | undefined {
  const compact = messageText.trim();
  if (compact.length % 4 !== 0 || !/^[A-Za-z0-9+/]*={0,2}$/.test(compact)) return undefined;
  return Buffer.from(compact, 'base64').toString('utf8');
}
