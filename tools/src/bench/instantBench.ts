import { randomUUID } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { RestError, TableClient } from '@azure/data-tables';
import { QueueClient } from '@azure/storage-queue';
import { encodeKey, mailboxPartitionKey } from '../../../api/src/storage/tableKeys';
import { type LocalStack, startLocalStack } from '../localStack';
import { inPool } from './concurrency';

/** `npm run bench -- --only instant`. */
export interface InstantBenchOptions {
  edits: number;
  /** Milliseconds between two edits in Outlook. */
  editEveryMs: number;
  contacts: number;
  folders: number;
  /** Notifications posted to measure the endpoint's throughput. */
  notifications: number;
  seed: number;
}

/** What the scenario measured. */
export interface InstantBenchResult {
  options: InstantBenchOptions;
  /** host.json `maxPollingInterval` the local host polls its queues with (as Azure would at its longest). */
  queuePollMs: number;
  latencyMs: { median: number; p90: number; p99: number; max: number };
  syncs: number;
  graphRequests: { total: number; perEdit: number; perSync: number; renewalPerDay: number };
  /** One incremental no-change sync: what an hourly poll of this mailbox costs each hour. */
  pollRequests: number;
  /** Requests per day: instant sync with k changes a day (one sync each) against hourly polling. */
  perDay: Array<{ changesPerDay: number; instant: number; hourlyPolling: number }>;
  endpoint: { notifications: number; seconds: number; perSecond: number; concurrency: number };
}

/** The deployed host.json polls queues at most this far apart (`maxPollingInterval`). */
const QUEUE_POLL_MS = 2000;

/**
 * Instant sync end to end on the local stack: a mailbox on instant sync, edits made in the simulated
 * Outlook one every `editEveryMs`, each timed from the edit to the stored contact (the simulator's
 * notification → `/api/notifications` → the notification queue → the sync queue → the delta sync → Table
 * Storage); Graph requests counted against hourly polling; then the endpoint alone, flooded with valid
 * notifications by concurrent clients.
 */
export async function runInstantBench(options: InstantBenchOptions, log: (line: string) => void): Promise<InstantBenchResult> {
  const stack = await startLocalStack({
    accessTokenLifetimeSec: 3600, queuePollMs: QUEUE_POLL_MS, logger: () => undefined,
    settings: { RATE_LIMIT_USER_PER_MINUTE: '100000', RATE_LIMIT_TENANT_PER_MINUTE: '100000' },
  });
  try {
    const user = await setUp(stack, options, log);
    const pollRequests = await measurePoll(stack, user);
    const before = stack.graph.sim.counts.total;
    const syncsBefore = await syncCount(stack, user);
    const latencies = await timeEdits(stack, user, options, log);
    await stack.host.drainQueues(600_000);
    const total = stack.graph.sim.counts.total - before;
    const syncs = (await syncCount(stack, user)) - syncsBefore;
    const endpoint = await floodEndpoint(stack, user, options.notifications);
    const perSync = total / Math.max(1, syncs);
    const folders = options.folders + 1;
    const sorted = [...latencies].sort((a, b) => a - b);
    return {
      options, queuePollMs: QUEUE_POLL_MS, syncs, pollRequests, endpoint,
      latencyMs: { median: pct(sorted, 0.5), p90: pct(sorted, 0.9), p99: pct(sorted, 0.99), max: sorted[sorted.length - 1] ?? 0 },
      graphRequests: { total, perEdit: round2(total / options.edits), perSync: round2(perSync), renewalPerDay: folders },
      perDay: [1, 5, 10, 23].map((k) => ({ changesPerDay: k, instant: Math.round(k * perSync + folders), hourlyPolling: 24 * pollRequests })),
    };
  } finally {
    await stack.stop();
  }
}

interface BenchUser { tenantId: string; userId: string }

async function setUp(stack: LocalStack, options: InstantBenchOptions, log: (line: string) => void): Promise<BenchUser> {
  const tenantId = randomUUID();
  const admin = { tenantId, userId: randomUUID(), roles: ['ContactSync.Admin'] };
  await call(stack, admin, 'PUT', '/api/org/integration', { name: 'Outlook', clientId: stack.clientId, tenantId, enabled: true });
  await call(stack, admin, 'PUT', '/api/org/policy', { whoMaySync: 'everyone', allowedSchedules: ['off'], instantSync: true });
  const user = { tenantId, userId: randomUUID() };
  stack.entra.sim.setConsent(tenantId, user.userId, 'granted', { propagated: true });
  stack.graph.sim.mailbox(tenantId, user.userId).seed({ contacts: options.contacts, folders: options.folders, seed: options.seed });
  log(`First sync of ${options.contacts} contacts in ${options.folders + 1} folders, then subscriptions…`);
  await call(stack, { ...user, roles: [] }, 'POST', '/api/sync', {});
  await stack.host.drainQueues(600_000);
  const subscriptions = stack.graph.sim.subscriptions.list(stack.graph.sim.mailbox(tenantId, user.userId)).length;
  if (subscriptions !== options.folders + 1) throw new Error(`expected ${options.folders + 1} subscriptions, found ${subscriptions}`);
  return user;
}

/** Graph requests of one incremental sync that finds nothing: an hourly poll's cost. */
async function measurePoll(stack: LocalStack, user: BenchUser): Promise<number> {
  const before = stack.graph.sim.counts.total;
  const queue = new QueueClient(stack.azurite.connectionString, 'sync-jobs');
  await queue.sendMessage(Buffer.from(JSON.stringify({ ...user, trigger: 'schedule', full: false })).toString('base64'));
  await stack.host.drainQueues(600_000);
  return stack.graph.sim.counts.total - before;
}

async function timeEdits(stack: LocalStack, user: BenchUser, options: InstantBenchOptions, log: (line: string) => void): Promise<number[]> {
  const mailbox = stack.graph.sim.mailbox(user.tenantId, user.userId);
  const contacts = mailbox.listContacts();
  const contactsTable = table(stack, 'contacts');
  const pending = new Map<string, { surname: string; at: number }>();
  const latencies: number[] = [];
  let polling = true;
  const poller = (async () => {
    while (polling || pending.size > 0) {
      await inPool([...pending.entries()], 8, async ([id, edit]) => {
        if ((await storedSurname(contactsTable, user, id)) === edit.surname) {
          latencies.push(performance.now() - edit.at);
          pending.delete(id);
        }
      });
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  })();
  for (let i = 0; i < options.edits; i += 1) {
    const contact = contacts[(i * 7) % contacts.length];
    if (!contact || pending.has(contact.id)) continue;
    const surname = `Edited${i}`;
    pending.set(contact.id, { surname, at: performance.now() });
    mailbox.updateContact(contact.id, { surname });
    if ((i + 1) % 50 === 0) log(`${i + 1} edits made, ${latencies.length} stored`);
    await new Promise((resolve) => setTimeout(resolve, options.editEveryMs));
  }
  polling = false;
  const deadline = setTimeout(() => pending.clear(), 180_000);
  await poller;
  clearTimeout(deadline);
  if (latencies.length < options.edits) throw new Error(`only ${latencies.length} of ${options.edits} edits were stored within 3 minutes`);
  return latencies;
}

async function storedSurname(contacts: TableClient, user: BenchUser, contactId: string): Promise<string | undefined> {
  try {
    const row = await contacts.getEntity<{ lastName?: string }>(mailboxPartitionKey(user), `c:${encodeKey(contactId)}`);
    return row.lastName;
  } catch (error) {
    if (error instanceof RestError && error.statusCode === 404) return undefined;
    throw error;
  }
}

/** Valid notifications (the subscription's own clientState) posted by concurrent clients, one item a POST. */
async function floodEndpoint(stack: LocalStack, user: BenchUser, count: number): Promise<InstantBenchResult['endpoint']> {
  const [subscription] = stack.graph.sim.subscriptions.list(stack.graph.sim.mailbox(user.tenantId, user.userId));
  if (!subscription) throw new Error('no subscription');
  const body = JSON.stringify({ value: [{ subscriptionId: subscription.id, clientState: subscription.clientState, changeType: 'updated', tenantId: user.tenantId }] });
  const url = stack.settings.NOTIFICATION_URL ?? '';
  const concurrency = 16;
  const started = performance.now();
  await inPool(Array.from({ length: count }, (_v, i) => i), concurrency, async () => {
    const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
    if (response.status !== 202) throw new Error(`notification answered ${response.status}`);
  });
  const seconds = (performance.now() - started) / 1000;
  await stack.host.drainQueues(600_000);
  return { notifications: count, seconds: round2(seconds), perSecond: Math.round(count / seconds), concurrency };
}

async function syncCount(stack: LocalStack, user: BenchUser): Promise<number> {
  let count = 0;
  for await (const page of table(stack, 'syncs').listEntities({ queryOptions: { filter: `PartitionKey eq '${mailboxPartitionKey(user)}'` } }).byPage({ maxPageSize: 1000 })) count += page.length;
  return count;
}

function table(stack: LocalStack, name: string): TableClient {
  return TableClient.fromConnectionString(stack.azurite.connectionString, `${stack.settings.TABLE_PREFIX ?? ''}${name}`, { allowInsecureConnection: true });
}

async function call(stack: LocalStack, who: BenchUser & { roles: string[] }, method: string, apiPath: string, body: unknown): Promise<void> {
  const token = await stack.entra.sim.mintSsoToken({ tenantId: who.tenantId, userId: who.userId, roles: who.roles });
  const response = await fetch(`${stack.host.url}${apiPath}`, { method, headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, body: JSON.stringify(body) });
  if (!response.ok) throw new Error(`${method} ${apiPath}: ${response.status} ${await response.text()}`);
}

function pct(sorted: number[], p: number): number {
  return Math.round(sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))] ?? 0);
}

function round2(value: number): number {
  return Number(value.toFixed(2));
}

/** The report's table. */
export function renderInstantBench(result: InstantBenchResult): string {
  const { latencyMs: l, graphRequests: g, endpoint: e, options: o } = result;
  return [
    `Instant sync: ${o.edits} edits, one every ${o.editEveryMs} ms, in a mailbox of ${o.contacts} contacts in ${o.folders + 1} folders; queues polled every ${result.queuePollMs} ms at most`,
    '| figure | value |', '|---|---|',
    `| edit → stored, median / p90 / p99 / max (s) | ${[l.median, l.p90, l.p99, l.max].map((ms) => (ms / 1000).toFixed(1)).join(' / ')} |`,
    `| syncs run for the ${o.edits} edits | ${result.syncs} |`,
    `| Graph requests per edit / per sync | ${g.perEdit} / ${g.perSync} |`,
    `| one hourly poll (no-change incremental sync) | ${result.pollRequests} requests |`,
    `| renewals per day | ${g.renewalPerDay} requests |`,
    ...result.perDay.map((d) => `| ${d.changesPerDay} changes a day: instant vs hourly polling | ${d.instant} vs ${d.hourlyPolling} requests |`),
    `| notifications handled per second (one instance, ${e.concurrency} clients) | ${e.perSecond} (${e.notifications} in ${e.seconds} s) |`,
  ].join('\n');
}
