import path from 'node:path';
import { QueueClient } from '@azure/storage-queue';
import { startAzurite, type AzuriteInstance } from '../azurite/azuriteProcess';
import { concurrency, finished, recorded } from './fixtures/fixtureRecorder';
import { startFunctionsHost, type FunctionsHost, type HostLogEntry } from './index';

const fixture = (name: string) => path.join(__dirname, 'fixtures', `${name}.ts`);

describe('functions host: queue triggers', () => {
  let azurite: AzuriteInstance;
  let host: FunctionsHost;
  const logs: HostLogEntry[] = [];
  const queue = (name: string) => new QueueClient(azurite.connectionString, name);
  const send = (payload: unknown) =>
    queue('work-items').sendMessage(Buffer.from(typeof payload === 'string' ? payload : JSON.stringify(payload)).toString('base64'));
  const attemptsOf = (id: string) => recorded
    .filter((r) => (r.input as { id?: string } | null)?.id === id)
    .map((r) => r.triggerMetadata?.dequeueCount);

  /** Takes every message of a queue, base64-decoded and JSON-parsed. */
  async function takeAll(name: string): Promise<unknown[]> {
    const { receivedMessageItems } = await queue(name).receiveMessages({ numberOfMessages: 32 });
    await Promise.all(receivedMessageItems.map((m) => queue(name).deleteMessage(m.messageId, m.popReceipt)));
    return receivedMessageItems.map((m) => JSON.parse(Buffer.from(m.messageText, 'base64').toString('utf8')) as unknown);
  }
  /** Takes what the worker fixture finished since the last call. */
  const takeFinished = (): unknown[] => finished.splice(0);

  beforeAll(async () => {
    azurite = await startAzurite();
    host = await startFunctionsHost({
      modules: [fixture('queueWorker')],
      env: { AzureWebJobsStorage: azurite.connectionString },
      queuePollMs: 50,
      queues: { batchSize: 4 },
      logger: (entry) => logs.push(entry),
    });
  });
  afterAll(async () => {
    await host?.stop();
    await azurite?.stop();
  });
  afterEach(() => { takeFinished(); });

  it('delivers a JSON message parsed, with the trigger metadata Azure gives', async () => {
    await send({ id: 'json-1' });
    await host.drainQueues();
    const delivery = recorded.find((r) => (r.input as { id?: string }).id === 'json-1');
    expect(delivery?.input).toEqual({ id: 'json-1' });
    expect(delivery?.triggerMetadata).toMatchObject({
      dequeueCount: 1, id: expect.any(String), popReceipt: expect.any(String),
      insertionTime: expect.stringMatching(/^\d{4}-\d\d-\d\dT/), expirationTime: expect.any(String), queueTrigger: { id: 'json-1' },
    });
    expect(takeFinished()).toEqual([{ done: 'json-1', attempt: 1 }]);
  });

  it('delivers a message that is not JSON as a string', async () => {
    await send('plain words');
    await host.drainQueues();
    expect(recorded.map((r) => r.input)).toContain('plain words');
  });

  it('retries a failing message, counting dequeues, until it succeeds', async () => {
    await send({ id: 'retry-1', failUntilAttempt: 3 });
    await host.drainQueues();
    expect(attemptsOf('retry-1')).toEqual([1, 2, 3]);
    expect(takeFinished()).toEqual([{ done: 'retry-1', attempt: 3 }]);
  });

  it('moves a message to <queue>-poison after 5 failed attempts, with nothing finished', async () => {
    await send({ id: 'poison-1', alwaysFail: true });
    await host.drainQueues();
    expect(attemptsOf('poison-1')).toEqual([1, 2, 3, 4, 5]);
    expect(await takeAll('work-items-poison')).toEqual([{ id: 'poison-1', alwaysFail: true }]);
    expect(takeFinished()).toEqual([]);
    expect(logs).toContainEqual(expect.objectContaining({ level: 'warning', message: expect.stringContaining('MaxDequeueCount of 5') }));
  });

  it('poisons a message that is not base64 without invoking the function', async () => {
    const before = recorded.length;
    await queue('work-items').sendMessage('not base64!');
    await host.drainQueues();
    expect(recorded.length).toBe(before);
    const { receivedMessageItems } = await queue('work-items-poison').receiveMessages();
    expect(receivedMessageItems.map((m) => m.messageText)).toEqual(['not base64!']);
    await queue('work-items-poison').clearMessages();
  });


  it('runs at most batchSize messages at once and drains only after the running ones finished', async () => {
    concurrency.max = 0;
    await Promise.all(Array.from({ length: 8 }, (_, i) => send({ id: `slow-${i}`, sleepMs: 200 })));
    await host.drainQueues();
    expect(concurrency.max).toBe(4);
    expect(concurrency.running).toBe(0);
    expect(takeFinished()).toHaveLength(8);
  });

  it('rejects drainQueues when the queues do not empty in time', async () => {
    await send({ id: 'late-1', sleepMs: 600 });
    await expect(host.drainQueues(100)).rejects.toThrow(/not drained after 100 ms/);
    await host.drainQueues();
  });

  it('stops polling on stop(), leaving new messages in the queue', async () => {
    await host.stop();
    await send({ id: 'after-stop' });
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(attemptsOf('after-stop')).toEqual([]);
    expect((await queue('work-items').getProperties()).approximateMessagesCount).toBe(1);
  });
});
