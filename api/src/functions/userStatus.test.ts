import { TableClient } from '@azure/data-tables';
import { ApiHarness, type ApiUser } from '../../../tools/src/testing/apiHarness';
import { UserRowStore } from '../storage/userRowStore';
import { TABLES, TableClientFactory } from '../storage/tableClientFactory';
import { encodeKey } from '../storage/tableKeys';
import { zeroCounts } from '../sync/syncCounts';

/**
 * GET /api/me and GET /api/org/health over HTTP: the local Functions host, Azurite, the local Entra
 * authority and the Graph simulator. The health view reads the users rows the sync worker keeps.
 */
let api: ApiHarness;
let tables: TableClientFactory;
const ADMIN = ['ContactSync.Admin'];

beforeAll(async () => {
  api = await ApiHarness.start();
  tables = new TableClientFactory(api.settings.AzureWebJobsStorage ?? '', api.settings.TABLE_PREFIX);
});
afterAll(async () => { await api?.stop(); });

async function syncNow(user: ApiUser): Promise<string> {
  const response = await api.as(user, 'POST', '/api/sync');
  expect(response.status).toBe(202);
  await api.drain();
  return response.body.syncId as string;
}

async function usersRow(user: ApiUser): Promise<Record<string, unknown>> {
  const table: TableClient = await tables.get(TABLES.users);
  return table.getEntity<Record<string, unknown>>(encodeKey(user.tenantId), encodeKey(user.userId));
}

describe('GET /api/me', () => {
  let tenantId: string;
  beforeAll(async () => { tenantId = await api.enabledTenant(); });

  it('tells a new user who they are, that they are not connected yet, and keeps their name for the health view', async () => {
    const user = api.user(tenantId);
    const response = await api.call('GET', '/api/me', await user.token({ name: 'Ada Lovelace' }));
    expect(response.status).toBe(200);
    expect(response.body).toEqual({
      tenantId, userId: user.userId, displayName: 'Ada Lovelace', isAdmin: false, integrationEnabled: true, maySync: true,
      connected: false, reconnectNeeded: false, allowedSchedules: ['off', 'everyHours', 'daily'],
    });
    expect((await usersRow(user)).displayName).toBe('Ada Lovelace');
  });

  it('tells the users of a company not set up yet so (the admin is led to the settings), storing nothing', async () => {
    const notSetUp = crypto.randomUUID();
    for (const roles of [[], ADMIN]) {
      const user = api.user(notSetUp, { roles });
      const response = await api.call('GET', '/api/me', await user.token({ name: 'Grace Hopper' }));
      expect(response.status).toBe(200);
      expect(response.body).toMatchObject({ tenantId: notSetUp, isAdmin: roles.length > 0, integrationEnabled: false, maySync: false });
      await expect(usersRow(user)).rejects.toMatchObject({ statusCode: 404 });
    }
  });

  it('shows the last sync and the connection after a sync, and running while one runs', async () => {
    const user = api.user(tenantId, { roles: ADMIN });
    user.mailbox.seed({ contacts: 4, seed: 31 });
    const syncId = await syncNow(user);
    expect((await usersRow(user)).displayName).toBe('Test User'); // kept by POST /api/sync from its token
    const { body } = await api.as(user, 'GET', '/api/me');
    expect(body).toMatchObject({ isAdmin: true, connected: true, reconnectNeeded: false });
    expect(body.lastSync).toEqual({ syncId, state: 'completed', endedAt: expect.any(String), counts: { ...zeroCounts(), new: 4 } });

    let secondId = '';
    api.graph.sim.setKnobs({ latencyMs: 300 });
    try {
      secondId = (await api.as(user, 'POST', '/api/sync')).body.syncId as string;
      const running = await until(user, (me) => me.lastSync?.state === 'running');
      expect(running.lastSync).toEqual({ syncId: secondId, state: 'running', endedAt: null, counts: zeroCounts() });
      await api.drain();
    } finally {
      api.graph.sim.setKnobs({ latencyMs: 0 });
    }
    expect((await api.as(user, 'GET', '/api/me')).body.lastSync).toMatchObject({ syncId: secondId, state: 'completed', counts: zeroCounts() });
  });

  it('says reconnect needed, with the failed sync\'s code, once a background sync finds the grant revoked', async () => {
    const user = api.user(tenantId);
    await syncNow(user);
    api.entra.sim.revokeSignInSessions(user.tenantId, user.userId);
    await api.enqueue({ tenantId: user.tenantId, userId: user.userId, trigger: 'schedule', full: false });
    await api.drain();
    const { body } = await api.as(user, 'GET', '/api/me');
    expect(body).toMatchObject({ connected: true, reconnectNeeded: true, lastSync: { state: 'failed', errorCode: 'reconnect_needed' } });
  });

  it('tells a user their policy does not let them sync', async () => {
    const restricted = await api.enabledTenant();
    await api.as(api.user(restricted, { roles: ADMIN }), 'PUT', '/api/org/policy', { whoMaySync: 'role', allowedSchedules: [] });
    expect((await api.as(api.user(restricted), 'GET', '/api/me')).body.maySync).toBe(false);
    expect((await api.as(api.user(restricted, { roles: ['ContactSync.User'] }), 'GET', '/api/me')).body.maySync).toBe(true);
  });

  it('tells a user which schedules their policy offers (off always), so the tab offers only those', async () => {
    const tenant = await api.enabledTenant();
    await api.as(api.user(tenant, { roles: ADMIN }), 'PUT', '/api/org/policy', { whoMaySync: 'everyone', allowedSchedules: ['hourly'] });
    expect((await api.as(api.user(tenant), 'GET', '/api/me')).body.allowedSchedules).toEqual(['off', 'hourly']);
  });
});

describe('GET /api/org/health', () => {
  let tenantA: string;
  let tenantB: string;
  let admin: ApiUser;
  const expectedUserIds: string[] = [];

  beforeAll(async () => {
    [tenantA, tenantB] = [await api.enabledTenant(), await api.enabledTenant()];
    admin = api.user(tenantA, { roles: ADMIN });
    const [synced, revoked, throttled] = [api.user(tenantA), api.user(tenantA), api.user(tenantA)];
    synced.mailbox.seed({ contacts: 3, seed: 41 });
    for (const user of [synced, revoked, throttled]) await syncNow(user);
    // Revoked: the next background sync fails with reconnect_needed.
    api.entra.sim.revokeSignInSessions(revoked.tenantId, revoked.userId);
    await api.enqueue({ tenantId: tenantA, userId: revoked.userId, trigger: 'schedule', full: false });
    await api.drain();
    // Throttled past the Retry-After cap: every attempt fails `throttled` until the queue gives up.
    api.graph.sim.setKnobs({ throttleRate: 1, retryAfterSeconds: 600 });
    try {
      await api.enqueue({ tenantId: tenantA, userId: throttled.userId, trigger: 'schedule', full: false });
      await api.drain();
    } finally {
      api.graph.sim.setKnobs({ throttleRate: 0, retryAfterSeconds: 1 });
    }
    // A user who opened the app but never synced, and one whose sync runs now (written as the worker does).
    const opened = api.user(tenantA);
    await api.as(opened, 'GET', '/api/me');
    const running = api.user(tenantA);
    await new UserRowStore(tables).writeSummary(running, {
      syncId: 'r1', state: 'running', trigger: 'bot', startedAt: new Date().toISOString(), endedAt: '', counts: zeroCounts(), errorCode: '',
    });
    expectedUserIds.push(admin.userId, synced.userId, revoked.userId, throttled.userId, opened.userId, running.userId);
    // Another tenant's users, synced and failing: never in tenant A's view.
    const other = api.user(tenantB);
    await syncNow(other);
    await api.as(api.user(tenantB), 'GET', '/api/me');
  });

  it('counts the tenant\'s users by last sync state and lists each once across pages', async () => {
    await api.as(admin, 'GET', '/api/me');
    const users: Array<{ userId: string; state: string; errorCode?: string; reconnectNeeded: boolean }> = [];
    let token: string | undefined;
    let pages = 0;
    do {
      const query = `?top=2${token ? `&continuationToken=${encodeURIComponent(token)}` : ''}`;
      const response = await api.as(admin, 'GET', `/api/org/health${query}`);
      expect(response.status).toBe(200);
      expect(response.body.counts).toEqual({ users: 6, syncedLast24h: 3, failing: 2, reconnectNeeded: 1, throttled: 1, running: 1, instantSync: 0, instantExpiringSoon: 0, instantFailing: 0 });
      expect(response.body.users.length).toBeLessThanOrEqual(2);
      users.push(...(response.body.users as typeof users));
      token = response.body.continuationToken;
      pages += 1;
    } while (token);
    expect(pages).toBe(3);
    expect(users.map((user) => user.userId).sort()).toEqual([...expectedUserIds].sort());
    const byState = users.map((user) => `${user.state}:${user.errorCode ?? ''}:${user.reconnectNeeded}`).sort();
    expect(byState).toEqual([
      'completed::false', 'failed:reconnect_needed:true', 'failed:throttled:false', 'none::false', 'none::false', 'running::false',
    ]);
  });

  it('shows each tenant\'s admin only their own tenant\'s users', async () => {
    const { body } = await api.as(api.user(tenantB, { roles: ADMIN }), 'GET', '/api/org/health?top=100');
    expect(body.counts).toMatchObject({ users: 2, syncedLast24h: 1, failing: 0 });
    expect(body.users).toHaveLength(2);
    for (const user of body.users as Array<{ userId: string }>) expect(expectedUserIds).not.toContain(user.userId);
  });

  it('refuses users without the admin role, and a continuation token it did not write', async () => {
    const refused = await api.as(api.user(tenantA, { roles: ['ContactSync.User'] }), 'GET', '/api/org/health');
    expect(refused.status).toBe(403);
    expect(refused.body).toMatchObject({ code: 'forbidden', details: { requiredRole: 'ContactSync.Admin' } });
    const forged = await api.as(admin, 'GET', `/api/org/health?continuationToken=${encodeURIComponent(`${tenantB}|x`)}`);
    expect(forged.status).toBe(400);
    expect(forged.body).toMatchObject({ code: 'invalid_request', details: { field: 'continuationToken' } });
  });
});

/** Polls GET /api/me until `done` holds (bounded by the sync's own length, not asserted on time). */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- the body as JSON
async function until(user: ApiUser, done: (me: any) => boolean, timeoutMs = 20_000): Promise<any> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const { body } = await api.as(user, 'GET', '/api/me');
    if (done(body)) return body;
    if (Date.now() > deadline) throw new Error(`GET /api/me never matched; last: ${JSON.stringify(body)}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}
