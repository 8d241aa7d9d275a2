import type { RpcInvocationResponse, RpcTypedData } from './coreApiTypes';
import { outputOf } from './httpMessages';
import type { LoadedFunction } from './loadFunctionModules';
import { encodeQueueMessage, type QueueClients } from './queueClients';

/**
 * Sends what a function set on its `output.storageQueue(...)` bindings (through
 * `context.extraOutputs.set(...)` or as `return:`), after the handler succeeded, as Azure does.
 */
export async function sendQueueOutputs(fn: LoadedFunction, response: RpcInvocationResponse, clients: QueueClients): Promise<void> {
  for (const [name, binding] of Object.entries(fn.metadata.bindings)) {
    if (binding.direction !== 'out' || binding.type?.toLowerCase() !== 'queue') continue;
    const messages = queueMessagesOf(outputOf(response, name));
    if (messages.length === 0) continue;
    const queue = await clients.get(binding.connection, String(binding.queueName));
    for (const message of messages) await queue.sendMessage(encodeQueueMessage(message));
  }
}

/**
 * The messages of one output value: an array is one message per item (as documented for Node.js);
 * strings go as they are, other values as JSON.
 */
export function queueMessagesOf(data: RpcTypedData | null | undefined): (string | Buffer)[] {
  if (!data) return [];
  if (typeof data.string === 'string') return [data.string];
  if (data.bytes) return [Buffer.from(data.bytes)];
  if (typeof data.int === 'number' || typeof data.double === 'number') return [String(data.int ?? data.double)];
  if (typeof data.json !== 'string') return [];
  const value: unknown = JSON.parse(data.json);
  if (!Array.isArray(value)) return [data.json];
  return value.map((item: unknown) => (typeof item === 'string' ? item : JSON.stringify(item)));
}
