import type { InvocationContext } from '@azure/functions';
import type { z } from 'zod';
import { loadSyncConfig } from '../config';
import { toAppError } from '../errors/appError';
import { parseWith } from '../http/requestValidation';
import { type PoisonEntry, type PoisonQueue, StoragePoisonQueue } from '../services/poisonQueue';

/** host.json `extensions.queues.maxDequeueCount`: the last delivery of a message. */
export const MAX_DEQUEUE_COUNT = 5;

/** What a queue-triggered function does with a message it could parse. */
export interface QueueJobSpec<S extends z.ZodType> {
  /** The function's name (as registered) and its queue. */
  name: string;
  queueName: string;
  schema: S;
  /** Runs the job; a throw before the last delivery lets the queue deliver it again. */
  run(job: z.output<S>, context: InvocationContext, delivery: { finalAttempt: boolean }): Promise<void>;
  /** Where poisoned messages go; default `<queueName>-poison` in the app's storage account. */
  poison?: () => PoisonQueue;
}

const poisonQueues = new Map<string, PoisonQueue>();

function defaultPoison(queueName: string): PoisonQueue {
  let queue = poisonQueues.get(queueName);
  if (!queue) {
    queue = StoragePoisonQueue.of(loadSyncConfig(process.env).storage, queueName);
    poisonQueues.set(queueName, queue);
  }
  return queue;
}

/**
 * A queue trigger's handler that never loses a message without its reason: a message that is not the
 * function's job goes to `<queue>-poison` at once, and a job that fails on its last delivery goes there
 * with the error (code and message) instead of being moved bare by the host. If the poison queue cannot
 * be written, the error is thrown and the host's own handling applies (redelivery, then a bare move).
 */
export function queueJobHandler<S extends z.ZodType>(spec: QueueJobSpec<S>): (message: unknown, context: InvocationContext) => Promise<void> {
  const poison = spec.poison ?? (() => defaultPoison(spec.queueName));
  return async (message, context) => {
    const dequeueCount = Number(context.triggerMetadata?.dequeueCount ?? 1);
    let job: z.output<S>;
    try {
      job = parseWith(spec.schema, message);
    } catch (error) {
      const reason = reasonOf(error);
      await poison().send(entry(spec, message, dequeueCount, reason));
      context.error(`Queue message poisoned: not a ${spec.name} job (${reason.message}) correlationId=${context.invocationId}`);
      return;
    }
    const finalAttempt = dequeueCount >= MAX_DEQUEUE_COUNT;
    try {
      await spec.run(job, context, { finalAttempt });
    } catch (error) {
      if (!finalAttempt) throw error;
      const reason = reasonOf(error);
      await poison().send(entry(spec, message, dequeueCount, reason));
      context.error(`Queue message poisoned after ${dequeueCount} deliveries: ${reason.code} (${reason.message}) correlationId=${context.invocationId}`);
    }
  };
}

/** The error as support needs it: its code and message, and for an unexpected one the underlying error too. */
function reasonOf(error: unknown): PoisonEntry['reason'] {
  const appError = toAppError(error);
  const cause = appError.cause instanceof Error ? `${appError.cause.name}: ${appError.cause.message}`.slice(0, 500) : undefined;
  return { code: appError.code, message: appError.message, ...(cause && appError.code === 'internal' ? { cause } : {}) };
}

/** A queue message is at most 64 KiB of base64: JSON past this many characters is cut. */
const MAX_MESSAGE_JSON = 40_000;

function entry(spec: { name: string; queueName: string }, message: unknown, dequeueCount: number, reason: PoisonEntry['reason']): PoisonEntry {
  const json = JSON.stringify(message) ?? '';
  // A message too large to carry whole keeps its beginning, so that the entry itself can be queued.
  const kept = json.length > MAX_MESSAGE_JSON ? { truncated: true, json: json.slice(0, MAX_MESSAGE_JSON) } : message;
  return { function: spec.name, queue: spec.queueName, reason, dequeueCount, at: new Date().toISOString(), message: kept };
}
