import { randomUUID } from 'node:crypto';
import { TableClient } from '@azure/data-tables';
import { ApiHarness, type ApiUser } from '../../../tools/src/testing/apiHarness';
import { teamsActivities } from '../../../tools/src/testing/teamsActivities';
import { dueBucket } from '../schedule/nextRun';
import { ScheduleEraser } from '../schedule/scheduleEraser';
import { ScheduleStore } from '../schedule/scheduleStore';
import { SyncLeaseRepository } from '../storage/syncLeaseRepository';
import { encodeKey, mailboxPartitionKey } from '../storage/tableKeys';

/**
 * Scheduled syncs over real HTTP: the API and the planner's timer in the local Functions host, Azurite,
 * the local Entra authority and the Graph simulator. Time is not faked: a test makes a user due by moving
 * their index entry to a past bucket, as the clock would.
 */
let api: ApiHarness;
let tenantId: string;

beforeAll(async () => {
  api = await ApiHarness.start();
  tenantId = await api.enabledTenant();
  // The default policy leaves hourly out; this tenant's admin allows every kind.
  const admin = api.user(tenantId, { roles: ['ContactSync.Admin'] });
  await api.as(admin, 'PUT', '/api/org/policy', { whoMaySync: 'everyone', allowedSchedules: ['off', 'hourly', 'everyHours', 'daily'] });
});
afterAll(async () => { await api?.stop(); });

function table(name: string): TableClient {
  return TableClient.fromConnectionString(api.settings.AzureWebJobsStorage ?? '', `${api.settings.TABLE_PREFIX ?? ''}${name}`, { allowInsecureConnection: true });
}

async function usersRow(user: ApiUser): Promise<Record<string, unknown>> {
  return table('users').getEntity<Record<string, unknown>>(encodeKey(user.tenantId), encodeKey(user.userId));
}

/** The user's index entry (bucket and ETag), or undefined when none. */
async function indexEntry(user: ApiUser): Promise<{ bucket: string; etag: string } | undefined> {
  const rowKey = mailboxPartitionKey(user);
  for await (const row of table('schedules').listEntities({ queryOptions: { filter: `RowKey eq '${rowKey}'` } })) {
    return { bucket: row.partitionKey ?? '', etag: row.etag };
  }
  return undefined;
}

/** Moves the user's planned run 10 minutes into the past, as if the clock had reached it. */
async function makeDue(user: ApiUser): Promise<void> {
  const row = await usersRow(user);
  const past = new Date(Date.now() - 10 * 60_000);
  const bucket = dueBucket(past);
  const rowKey = mailboxPartitionKey(user);
  await table('schedules').deleteEntity(String(row.scheduleBucket), rowKey);
  await table('schedules').createEntity({ partitionKey: bucket, rowKey, tenantId: user.tenantId, userId: user.userId, runAt: past.toISOString(), claimedUntil: 0 });
  await table('users').upsertEntity({ partitionKey: encodeKey(user.tenantId), rowKey: encodeKey(user.userId), scheduleBucket: bucket, scheduleNextRunAt: past.toISOString() }, 'Merge');
}

interface PlannerLine { read: number; due: number; claimed: number; queued: number; running: number; reconnectNeeded: number; deferred: boolean }

/** The planner's report lines logged since `from`. */
function plannerLines(from: number): PlannerLine[] {
  return api.logs.slice(from).map((entry) => /^Planner: read=(\d+) due=(\d+) claimed=(\d+) queued=(\d+) running=(\d+) reconnectNeeded=(\d+)/.exec(entry.message) && entry.message)
    .filter((line): line is string => Boolean(line)).map((line) => {
      const n = (name: string) => Number(new RegExp(`${name}=(\\d+)`).exec(line)?.[1]);
      return { read: n('read'), due: n('due'), claimed: n('claimed'), queued: n('queued'), running: n('running'), reconnectNeeded: n('reconnectNeeded'), deferred: line.includes('deferredUntil=') };
    });
}

async function plan(): Promise<PlannerLine> {
  const from = api.logs.length;
  await api.fireTimer('planSyncs');
  const [line] = plannerLines(from);
  if (!line) throw new Error('the planner logged no report');
  return line;
}

/** The user has the bot in their personal chat: what the notifier sends them lands in the connector stand-in. */
async function installBot(user: ApiUser): Promise<string> {
  const conversationId = `a:${randomUUID()}`;
  const activity = teamsActivities(api.botConnector.url, { ...user, conversationId }).installationAdd();
  expect((await api.call('POST', '/api/messages', undefined, activity)).status).toBe(200);
  return conversationId;
}

/** The texts of the cards the bot sent proactively into a conversation. */
function cardTexts(conversationId: string): string[] {
  return api.botConnector.sent.filter((sent) => sent.conversationId === conversationId)
    .map((sent) => JSON.stringify(sent.activity));
}

async function scheduledUser(choice: Record<string, unknown> = { kind: 'hourly' }): Promise<ApiUser> {
  const user = api.user(tenantId);
  user.mailbox.seed({ contacts: 3, seed: 7 });
  const saved = await api.as(user, 'PUT', '/api/me/schedule', choice);
  expect(saved.status).toBe(200);
  return user;
}

function localTime(iso: string, timeZone: string): string {
  return new Intl.DateTimeFormat('en-GB', { timeZone, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(new Date(iso));
}

describe('GET/PUT /api/me/schedule', () => {
  it('is off until chosen; a daily choice runs next at that local time in the user\'s zone', async () => {
    const user = api.user(tenantId);
    expect((await api.as(user, 'GET', '/api/me/schedule')).body).toEqual({ kind: 'off' });
    const saved = await api.as(user, 'PUT', '/api/me/schedule', { kind: 'daily', dailyAt: '09:00', timeZone: 'Europe/Berlin' });
    expect(saved.status).toBe(200);
    expect(saved.body).toMatchObject({ kind: 'daily', dailyAt: '09:00', timeZone: 'Europe/Berlin' });
    expect(localTime(saved.body.nextRunAt as string, 'Europe/Berlin')).toBe('09:00');
    expect(Date.parse(saved.body.nextRunAt as string)).toBeGreaterThan(Date.now());
    expect((await api.as(user, 'GET', '/api/me/schedule')).body).toEqual(saved.body);
    expect(await indexEntry(user)).toBeDefined();

    expect((await api.as(user, 'PUT', '/api/me/schedule', { kind: 'off' })).body).toEqual({ kind: 'off' });
    expect(await indexEntry(user)).toBeUndefined();
  });

  it.each([
    ['an unknown time zone', { kind: 'daily', dailyAt: '09:00', timeZone: 'Mars/Olympus' }, 'timeZone'],
    ['a time past 23:59', { kind: 'daily', dailyAt: '24:00', timeZone: 'UTC' }, 'dailyAt'],
    ['every hour as everyHours', { kind: 'everyHours', everyHours: 1 }, 'everyHours'],
    ['a field of another kind', { kind: 'hourly', dailyAt: '09:00' }, 'dailyAt'],
  ])('400 for %s', async (_name, body, field) => {
    const response = await api.as(api.user(tenantId), 'PUT', '/api/me/schedule', body);
    expect(response.status).toBe(400);
    expect(response.body).toMatchObject({ code: 'invalid_request', details: { field: expect.stringContaining(field) } });
  });

  it('403 forbidden for a kind the admin policy does not allow; off is always allowed', async () => {
    const policyTenant = await api.enabledTenant();
    const admin = api.user(policyTenant, { roles: ['ContactSync.Admin'] });
    expect((await api.as(admin, 'PUT', '/api/org/policy', { whoMaySync: 'everyone', allowedSchedules: ['daily'] })).status).toBe(200);
    const user = api.user(policyTenant);
    const refused = await api.as(user, 'PUT', '/api/me/schedule', { kind: 'hourly' });
    expect(refused.status).toBe(403);
    expect(refused.body).toMatchObject({ code: 'forbidden', details: { allowedSchedules: ['off', 'daily'] } });
    expect(await indexEntry(user)).toBeUndefined();
    expect((await api.as(user, 'PUT', '/api/me/schedule', { kind: 'off' })).status).toBe(200);
    expect((await api.as(user, 'PUT', '/api/me/schedule', { kind: 'daily', dailyAt: '07:30', timeZone: 'Asia/Tokyo' })).status).toBe(200);
  });
});

describe('a policy stored before these kinds', () => {
  it('reads an old "weekly" as not offered and keeps the kinds still offered', async () => {
    const oldTenant = await api.enabledTenant();
    await table('integrations').upsertEntity({ partitionKey: encodeKey(oldTenant), rowKey: 'policy', whoMaySync: 'everyone', allowedSchedules: '["daily","weekly"]' }, 'Replace');
    const admin = api.user(oldTenant, { roles: ['ContactSync.Admin'] });
    expect((await api.as(admin, 'GET', '/api/org/policy')).body).toMatchObject({ whoMaySync: 'everyone', allowedSchedules: ['daily'] });
    const user = api.user(oldTenant);
    expect((await api.as(user, 'PUT', '/api/me/schedule', { kind: 'daily', dailyAt: '06:00', timeZone: 'America/Chicago' })).status).toBe(200);
    expect((await api.as(user, 'PUT', '/api/me/schedule', { kind: 'everyHours', everyHours: 3 })).status).toBe(403);
  });
});

describe('the planner', () => {
  it('queues each due user once under two overlapping runs, moves them on, and leaves users not due untouched', async () => {
    const due = await Promise.all([1, 2, 3].map(() => scheduledUser()));
    const notDue = await Promise.all([1, 2].map(() => scheduledUser({ kind: 'everyHours', everyHours: 4 })));
    await Promise.all(due.map(makeDue));
    const notDueBefore = await Promise.all(notDue.map(async (user) => ({ entry: await indexEntry(user), schedule: (await api.as(user, 'GET', '/api/me/schedule')).body as unknown })));

    const from = api.logs.length;
    await Promise.all([api.fireTimer('planSyncs'), api.fireTimer('planSyncs')]);
    const runs = plannerLines(from);
    expect(runs).toHaveLength(2);
    expect(runs.reduce((sum, run) => sum + run.claimed, 0)).toBe(due.length);
    expect(runs.reduce((sum, run) => sum + run.queued, 0)).toBe(due.length);
    // One range read of the due buckets: the entries of users not due are never read.
    for (const run of runs) expect(run.read).toBeLessThanOrEqual(due.length);
    await api.drain();

    for (const user of due) {
      const history = (await api.as(user, 'GET', '/api/sync/history')).body as { syncs: Array<{ trigger: string; state: string }> };
      expect(history.syncs.map((sync) => [sync.trigger, sync.state])).toEqual([['schedule', 'completed']]);
      const schedule = (await api.as(user, 'GET', '/api/me/schedule')).body as { nextRunAt: string };
      expect(Date.parse(schedule.nextRunAt)).toBeGreaterThan(Date.now());
      expect((await indexEntry(user))?.bucket).not.toBe(undefined);
    }
    for (const [i, user] of notDue.entries()) {
      expect(await indexEntry(user)).toEqual(notDueBefore[i]?.entry);
      expect((await api.as(user, 'GET', '/api/me/schedule')).body).toEqual(notDueBefore[i]?.schedule);
      expect((await api.as(user, 'GET', '/api/sync/history')).body).toMatchObject({ syncs: [] });
    }
    expect(await plan()).toMatchObject({ read: 0, claimed: 0 });
  });

  it('marks a user whose consent is gone, tells them once in the bot chat, skips them until they reconnect', async () => {
    const user = await scheduledUser();
    const chat = await installBot(user);
    api.entra.sim.revokeSignInSessions(user.tenantId, user.userId);
    await makeDue(user);
    expect(await plan()).toMatchObject({ claimed: 1, queued: 0, reconnectNeeded: 1 });
    await api.drain(); // the notifier takes the planner's reconnect_needed result off the sync-results queue
    await api.botConnector.waitForSent(chat, 1);
    expect(cardTexts(chat)).toEqual([expect.stringContaining('Connect your Outlook contacts first')]);
    expect(await usersRow(user)).toMatchObject({ reconnectNeeded: true, scheduleSuspended: true });
    const paused = (await api.as(user, 'GET', '/api/me/schedule')).body as Record<string, unknown>;
    expect(paused).toMatchObject({ kind: 'hourly', reconnectNeeded: true });
    expect(paused).not.toHaveProperty('nextRunAt');
    expect(await indexEntry(user)).toBeUndefined();

    expect(await plan()).toMatchObject({ claimed: 0 });
    await api.drain();
    expect(cardTexts(chat)).toHaveLength(1);

    // The user opens the app and syncs: the exchange stores a fresh grant, and the schedule is planned again.
    expect((await api.as(user, 'POST', '/api/sync')).status).toBe(202);
    await api.drain();
    const resumed = (await api.as(user, 'GET', '/api/me/schedule')).body as Record<string, unknown>;
    expect(resumed).toMatchObject({ kind: 'hourly', nextRunAt: expect.any(String) });
    expect(resumed).not.toHaveProperty('reconnectNeeded');
    expect(await indexEntry(user)).toBeDefined();
  });

  it('plans the next run of a user whose sync is already running', async () => {
    const user = await scheduledUser();
    // Another sync holds the mailbox's lease (as a queued one does, reserved for 5 minutes).
    const leases = new SyncLeaseRepository(table('leases'), { transactions: 0 }, 60_000);
    await leases.reserve(user, { fresh: false, newSync: () => ({ syncId: 'held-elsewhere', historyKey: 'h-held' }) }, 5 * 60_000);
    await makeDue(user);
    expect(await plan()).toMatchObject({ claimed: 1, queued: 0, running: 1 });
    const schedule = (await api.as(user, 'GET', '/api/me/schedule')).body as { nextRunAt: string };
    expect(Date.parse(schedule.nextRunAt)).toBeGreaterThan(Date.now());
  });

  it('starts nothing while Graph throttles the app, and the due users wait for a later run', async () => {
    const user = await scheduledUser();
    expect((await api.as(user, 'POST', '/api/sync')).status).toBe(202);
    // Longer than GRAPH_MAX_RETRY_AFTER_SECONDS (30): the attempt fails as throttled and the queue retries it.
    api.graph.sim.faults.push({ kind: '429', retryAfterSeconds: 120, match: 'delta' });
    await api.drain();
    await makeDue(user);
    const before = await indexEntry(user);
    expect(await plan()).toMatchObject({ deferred: true, claimed: 0, read: 0 });
    expect(await indexEntry(user)).toEqual(before);
  });
});

describe('ScheduleEraser (the index is keyed by bucket, not by mailbox)', () => {
  it('deletes the user\'s planned run and turns the schedule off; a user without one erases nothing', async () => {
    const user = await scheduledUser({ kind: 'everyHours', everyHours: 6 });
    const other = await scheduledUser({ kind: 'everyHours', everyHours: 6 });
    const otherEntry = await indexEntry(other);
    const eraser = new ScheduleEraser(() => Promise.resolve(new ScheduleStore(table('users'), table('schedules'))));
    expect(await eraser.erase(user)).toBe(1);
    expect(await indexEntry(user)).toBeUndefined();
    expect((await api.as(user, 'GET', '/api/me/schedule')).body).toEqual({ kind: 'off' });
    expect(await indexEntry(other)).toEqual(otherEntry);
    expect(await eraser.erase(api.user(tenantId))).toBe(0);
  });
});
