import { QueueClient } from '@azure/storage-queue';
import { ApiHarness } from '../../../tools/src/testing/apiHarness';
import type { PoisonEntry } from '../services/poisonQueue';

/**
 * Messages that will not be processed keep their reason: over HTTP and the real queues (local Functions
 * host on Azurite, Graph simulator), a malformed message and a job that fails on every delivery land on
 * `sync-jobs-poison` as `{ function, queue, reason, dequeueCount, at, message }`.
 */
let api: ApiHarness;
let tenantId: string;
beforeAll(async () => {
  api = await ApiHarness.start();
  tenantId = await api.enabledTenant();
});
afterAll(async () => { await api?.stop(); });
afterEach(() => { api.graph.sim.faults.clear(); });

function queue(name: string): QueueClient {
  return new QueueClient(api.azurite.connectionString, name);
}

/** Every entry of the poison queue (peeked: left there). */
async function poisoned(name: string): Promise<PoisonEntry[]> {
  const client = queue(`${name}-poison`);
  if (!(await client.exists())) return [];
  const { peekedMessageItems } = await client.peekMessages({ numberOfMessages: 32 });
  return peekedMessageItems.map((item) => JSON.parse(Buffer.from(item.messageText, 'base64').toString('utf8')) as PoisonEntry);
}

it('puts a message that is not a sync job on sync-jobs-poison at once, saying why', async () => {
  await queue('sync-jobs').sendMessage(Buffer.from(JSON.stringify({ tenantId, hello: 'world' })).toString('base64'));
  await api.drain();
  expect(await poisoned('sync-jobs')).toContainEqual({
    function: 'syncWorker', queue: 'sync-jobs', dequeueCount: 1, at: expect.any(String),
    reason: { code: 'invalid_request', message: expect.stringContaining('userId') }, message: { tenantId, hello: 'world' },
  });
});

it('keeps the beginning of a message too large to carry whole, so that its entry still fits in a queue message', async () => {
  const huge = { tenantId, note: 'x'.repeat(48_900) }; // about as large as a queue message can be (64 KiB of base64)
  await queue('sync-jobs').sendMessage(Buffer.from(JSON.stringify(huge)).toString('base64'));
  await api.drain();
  const entry = (await poisoned('sync-jobs')).find((e) => (e.message as { json?: string }).json?.includes(tenantId));
  expect(entry).toMatchObject({ function: 'syncWorker', dequeueCount: 1, reason: { code: 'invalid_request' }, message: { truncated: true } });
  expect(JSON.stringify(huge).startsWith((entry?.message as { json: string }).json)).toBe(true);
});

it('puts a job that fails on every delivery there after the fifth, once, with the error; the user sees the failure', async () => {
  const user = api.user(tenantId);
  user.mailbox.seed({ contacts: 5, seed: 61 });
  expect((await api.as(user, 'POST', '/api/sync')).status).toBe(202); // stores the grant a background sync needs
  await api.drain();
  api.graph.sim.faults.push({ kind: '503', retryAfterSeconds: 0, times: 10_000 });
  const job = { tenantId, userId: user.userId, trigger: 'schedule' as const, full: false };
  await api.enqueue(job);
  await api.drain(120_000);

  const mine = (await poisoned('sync-jobs')).filter((entry) => (entry.message as { userId?: string }).userId === user.userId);
  expect(mine).toEqual([{
    function: 'syncWorker', queue: 'sync-jobs', dequeueCount: 5, at: expect.any(String),
    reason: { code: 'graph_unavailable', message: expect.any(String) }, message: expect.objectContaining(job),
  }]);
  expect((await api.as(user, 'GET', '/api/sync/status')).body).toMatchObject({ state: 'failed', error: { code: 'graph_unavailable' } });
});
