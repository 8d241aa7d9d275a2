import { randomUUID } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { TableClient } from '@azure/data-tables';
import { QueueClient } from '@azure/storage-queue';
import { dueBucket } from '../../../api/src/schedule/nextRun';
import { encodeKey, mailboxPartitionKey } from '../../../api/src/storage/tableKeys';
import type { LocalStack } from '../localStack';
import { startLocalStack } from '../localStack';
import { inPool } from './concurrency';

/** `npm run bench -- --only schedule [--users n] [--user-contacts n]`. */
export interface ScheduleBenchOptions {
  users: number;
  contactsPerUser: number;
  /** Share of each mailbox's contacts changed before each measured round. */
  changedShare: number;
  seed: number;
}

/** One measured round: N incremental syncs of the same size, started one way or the other. */
export interface ScheduleRound {
  /** Time to find the users (planner: its whole run; floor: the bare range read of the same index entries). */
  findMs: number;
  /** Time to put N jobs on the queue (planner: part of its run; floor: direct sends). */
  startMs: number;
  /** From the first start to the last sync's end. */
  wallMs: number;
  syncsPerSecond: number;
  graphRequestsPerUser: number;
  queued: number;
}

/** The two rounds of the scenario. */
export interface ScheduleBenchResult {
  options: ScheduleBenchOptions;
  /** Syncs run at once: the cap of one instance (host.json batchSize 4 + newBatchThreshold 2). */
  concurrentSyncs: number;
  floor: ScheduleRound;
  planner: ScheduleRound & { entriesRead: number };
}

/** Syncs one instance runs at once: host.json `batchSize` + `newBatchThreshold`. */
const INSTANCE_CAP = 6;
const HOUR_MS = 3_600_000;
/** Longest wait for a round's queues to empty (the full-size setup imports a million contacts). */
const DRAIN_MS = 4 * HOUR_MS;

/**
 * Scheduled syncs at scale, all local (Azurite, the simulators and the Functions host in this process):
 * N users with a schedule and a first sync; then two rounds after 5 % of every mailbox changed: the floor
 * (jobs sent straight to the queue, as fast as a planner could ever be) and the planner (the index range
 * read, claims, the start use case with its token refresh, the move to the next bucket).
 */
export async function runScheduleBench(options: ScheduleBenchOptions, log: (line: string) => void): Promise<ScheduleBenchResult> {
  const plannerLines: string[] = [];
  const stack = await startLocalStack({
    accessTokenLifetimeSec: 3600, queues: { batchSize: INSTANCE_CAP }, queuePollMs: 20,
    logger: (entry) => { if (entry.message.startsWith('Planner: ')) plannerLines.push(entry.message); },
    settings: { RATE_LIMIT_USER_PER_MINUTE: '100000', RATE_LIMIT_TENANT_PER_MINUTE: '100000' },
  });
  try {
    const users = await setUp(stack, options, log);
    changeShare(stack, users, options.changedShare, 'floor');
    const floor = await floorRound(stack, users);
    log(`Floor round: ${users.length} syncs in ${(floor.wallMs / 1000).toFixed(1)} s`);
    changeShare(stack, users, options.changedShare, 'planner');
    const planner = await plannerRound(stack, users, plannerLines);
    log(`Planner round: ${planner.queued} syncs in ${(planner.wallMs / 1000).toFixed(1)} s`);
    return { options, concurrentSyncs: INSTANCE_CAP, floor, planner };
  } finally {
    await stack.stop();
  }
}

interface BenchUser { tenantId: string; userId: string }

async function setUp(stack: LocalStack, options: ScheduleBenchOptions, log: (line: string) => void): Promise<BenchUser[]> {
  const tenantId = randomUUID();
  const admin = { tenantId, userId: randomUUID(), roles: ['ContactSync.Admin'] };
  await call(stack, admin, 'PUT', '/api/org/integration', { name: 'Outlook', clientId: stack.clientId, tenantId, enabled: true });
  await call(stack, admin, 'PUT', '/api/org/policy', { whoMaySync: 'everyone', allowedSchedules: ['off', 'hourly', 'everyHours', 'daily'] });
  log(`Seeding ${options.users} mailboxes of ${options.contactsPerUser.toLocaleString('en-US')} contacts and their first syncs…`);
  const users = Array.from({ length: options.users }, () => ({ tenantId, userId: randomUUID() }));
  await inPool(users, 8, async (user) => {
    stack.entra.sim.setConsent(user.tenantId, user.userId, 'granted', { propagated: true });
    stack.graph.sim.mailbox(user.tenantId, user.userId).seed({ contacts: options.contactsPerUser, folders: 2, seed: options.seed });
    await call(stack, { ...user, roles: [] }, 'PUT', '/api/me/schedule', { kind: 'hourly' });
    await sendJob(stack, user);
  });
  const started = performance.now();
  await stack.host.drainQueues(DRAIN_MS);
  log(`First syncs done in ${((performance.now() - started) / 1000).toFixed(0)} s`);
  return users;
}

/** Updates every 1/share-th contact of each mailbox (5 %: every 20th). */
function changeShare(stack: LocalStack, users: BenchUser[], share: number, round: string): void {
  const step = Math.max(1, Math.round(1 / share));
  for (const user of users) {
    const mailbox = stack.graph.sim.mailbox(user.tenantId, user.userId);
    mailbox.listContacts().forEach((contact, i) => {
      if (i % step === 0) mailbox.updateContact(contact.id, { companyName: `Changed ${round}` });
    });
  }
}

async function floorRound(stack: LocalStack, users: BenchUser[]): Promise<ScheduleRound> {
  const index = table(stack, 'schedules');
  const findStart = performance.now();
  let found = 0;
  for await (const page of index.listEntities().byPage({ maxPageSize: 1000 })) found += page.length;
  const findMs = performance.now() - findStart;
  if (found < users.length) throw new Error(`the index holds ${found} entries for ${users.length} users`);
  stack.graph.sim.resetCounts();
  const start = performance.now();
  await inPool(users, 16, (user) => sendJob(stack, user));
  const startMs = performance.now() - start;
  await stack.host.drainQueues(DRAIN_MS);
  return round(findMs, startMs, performance.now() - start, users.length, stack);
}

async function plannerRound(stack: LocalStack, users: BenchUser[], plannerLines: string[]): Promise<ScheduleRound & { entriesRead: number }> {
  await inPool(users, 16, (user) => makeDue(stack, user));
  stack.graph.sim.resetCounts();
  const from = plannerLines.length;
  const start = performance.now();
  await stack.host.fireTimer('planSyncs');
  const plannerMs = performance.now() - start;
  await stack.host.drainQueues(DRAIN_MS);
  const wallMs = performance.now() - start;
  const report = plannerReport(plannerLines.slice(from));
  return { ...round(plannerMs, plannerMs, wallMs, report.queued, stack), entriesRead: report.read };
}

function round(findMs: number, startMs: number, wallMs: number, syncs: number, stack: LocalStack): ScheduleRound {
  return {
    findMs: Math.round(findMs), startMs: Math.round(startMs), wallMs: Math.round(wallMs), queued: syncs,
    syncsPerSecond: Number((syncs / (wallMs / 1000)).toFixed(2)),
    graphRequestsPerUser: Number((stack.graph.sim.counts.total / Math.max(1, syncs)).toFixed(2)),
  };
}

function plannerReport(lines: string[]): { read: number; queued: number } {
  const [line] = lines;
  const n = (name: string) => Number(new RegExp(`${name}=(\\d+)`).exec(line ?? '')?.[1] ?? NaN);
  return { read: n('read'), queued: n('queued') };
}

/** Moves the user's planned run an hour back, as the clock would after an hour. */
async function makeDue(stack: LocalStack, user: BenchUser): Promise<void> {
  const users = table(stack, 'users');
  const row = await users.getEntity<Record<string, unknown>>(encodeKey(user.tenantId), encodeKey(user.userId));
  const past = new Date(Date.now() - HOUR_MS + 60_000);
  const bucket = dueBucket(past);
  const rowKey = mailboxPartitionKey(user);
  await table(stack, 'schedules').createEntity({ partitionKey: bucket, rowKey, tenantId: user.tenantId, userId: user.userId, runAt: past.toISOString(), claimedUntil: 0 });
  await table(stack, 'schedules').deleteEntity(String(row.scheduleBucket), rowKey);
  await users.upsertEntity({ partitionKey: encodeKey(user.tenantId), rowKey: encodeKey(user.userId), scheduleBucket: bucket, scheduleNextRunAt: past.toISOString() }, 'Merge');
}

function table(stack: LocalStack, name: string): TableClient {
  return TableClient.fromConnectionString(stack.azurite.connectionString, `${stack.settings.TABLE_PREFIX ?? ''}${name}`, { allowInsecureConnection: true });
}

async function sendJob(stack: LocalStack, user: BenchUser): Promise<void> {
  const queue = new QueueClient(stack.azurite.connectionString, 'sync-jobs');
  await queue.sendMessage(Buffer.from(JSON.stringify({ ...user, trigger: 'schedule', full: false })).toString('base64'));
}

async function call(stack: LocalStack, who: BenchUser & { roles: string[] }, method: string, apiPath: string, body: unknown): Promise<void> {
  const token = await stack.entra.sim.mintSsoToken({ tenantId: who.tenantId, userId: who.userId, roles: who.roles });
  const response = await fetch(`${stack.host.url}${apiPath}`, { method, headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, body: JSON.stringify(body) });
  if (!response.ok) throw new Error(`${method} ${apiPath}: ${response.status} ${await response.text()}`);
}

/** The report's table. */
export function renderScheduleBench(result: ScheduleBenchResult): string {
  const { floor, planner, options } = result;
  const rows: Array<[string, string, string]> = [
    ['find due users (ms)', `${floor.findMs} (bare range read)`, `${planner.findMs} (whole planner run; read ${planner.entriesRead} entries)`],
    ['start N syncs (ms)', `${floor.startMs} (direct sends)`, `${planner.startMs} (same run: claim, token, reserve, send, move)`],
    ['wall time (s)', (floor.wallMs / 1000).toFixed(1), (planner.wallMs / 1000).toFixed(1)],
    ['syncs per second', String(floor.syncsPerSecond), String(planner.syncsPerSecond)],
    ['Graph requests per user', String(floor.graphRequestsPerUser), String(planner.graphRequestsPerUser)],
    ['syncs', String(floor.queued), String(planner.queued)],
  ];
  return [
    `Scheduled sync: ${options.users} users × ${options.contactsPerUser} contacts, ${options.changedShare * 100} % changed, ${result.concurrentSyncs} syncs at once (one instance);`
      + ' the phonebook index written by each sync\'s pages',
    '| figure | floor | planner |', '|---|---|---|', ...rows.map((row) => `| ${row.join(' | ')} |`),
  ].join('\n');
}
