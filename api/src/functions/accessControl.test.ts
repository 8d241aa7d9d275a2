import { randomUUID } from 'node:crypto';
import { ApiHarness, type ApiUser } from '../../../tools/src/testing/apiHarness';

let api: ApiHarness;
let tenantA: string;
let tenantB: string;
const ADMIN = ['ContactSync.Admin'];

beforeAll(async () => {
  api = await ApiHarness.start();
  [tenantA, tenantB] = [await api.enabledTenant(), await api.enabledTenant()];
});
afterAll(async () => { await api?.stop(); });

async function syncNow(user: ApiUser): Promise<string> {
  const response = await api.as(user, 'POST', '/api/sync');
  expect(response.status).toBe(202);
  await api.drain();
  return response.body.syncId as string;
}

async function contactIds(user: ApiUser, query = ''): Promise<string[]> {
  const { body } = await api.as(user, 'GET', `/api/contacts?top=500${query}`);
  return (body.contacts as Array<{ id: string }>).map((contact) => contact.id).sort();
}

const sourceIds = (user: ApiUser) => user.mailbox.listContacts().map((contact) => contact.id).sort();

describe('isolation: a user only ever reaches their own mailbox', () => {
  let alice: ApiUser;
  let bob: ApiUser;
  let carol: ApiUser;
  let aliceTwin: ApiUser;
  const syncIds = new Map<ApiUser, string>();

  beforeAll(async () => {
    alice = api.user(tenantA);
    bob = api.user(tenantA);
    carol = api.user(tenantB);
    // The same object id in another tenant: a different mailbox.
    aliceTwin = api.user(tenantB, { userId: alice.userId });
    alice.mailbox.seed({ contacts: 4, seed: 21 });
    bob.mailbox.seed({ contacts: 3, seed: 22 });
    carol.mailbox.seed({ contacts: 2, seed: 23 });
    for (const user of [alice, bob, carol]) syncIds.set(user, await syncNow(user));
  });

  it('lists only the caller\'s contacts, in the same tenant and across tenants', async () => {
    expect(await contactIds(alice)).toEqual(sourceIds(alice));
    expect(await contactIds(bob)).toEqual(sourceIds(bob));
    expect(await contactIds(carol)).toEqual(sourceIds(carol));
    expect(await contactIds(aliceTwin)).toEqual([]);
  });

  it('shows only the caller\'s status and history', async () => {
    for (const user of [alice, bob, carol]) {
      expect((await api.as(user, 'GET', '/api/sync/status')).body).toMatchObject({ syncId: syncIds.get(user), state: 'completed' });
      const { body } = await api.as(user, 'GET', '/api/sync/history');
      expect((body.syncs as Array<{ syncId: string }>).map((s) => s.syncId)).toEqual([syncIds.get(user)]);
    }
    expect((await api.as(aliceTwin, 'GET', '/api/sync/status')).body.state).toBe('none');
    expect((await api.as(aliceTwin, 'GET', '/api/sync/history')).body.syncs).toEqual([]);
  });

  it('ignores a mailbox named in the query and refuses one named in the body', async () => {
    expect(await contactIds(alice, `&tenantId=${tenantA}&userId=${bob.userId}`)).toEqual(sourceIds(alice));
    const named = await api.as(alice, 'POST', '/api/sync', { tenantId: tenantA, userId: bob.userId });
    expect(named.status).toBe(400);
    expect(named.body).toMatchObject({ code: 'invalid_request', details: { field: 'tenantId' } });
  });

  it('syncs only the caller\'s mailbox: another user\'s lease and history stay untouched', async () => {
    api.graph.sim.setKnobs({ latencyMs: 100 });
    try {
      expect((await api.as(alice, 'POST', '/api/sync')).status).toBe(202);
      expect((await api.as(bob, 'GET', '/api/sync/status')).body).toMatchObject({ state: 'completed', syncId: syncIds.get(bob) });
      expect((await api.as(bob, 'POST', '/api/sync')).status).toBe(202);
      await api.drain();
    } finally {
      api.graph.sim.setKnobs({ latencyMs: 0 });
    }
    expect((await api.as(carol, 'GET', '/api/sync/history')).body.syncs).toHaveLength(1);
  });
});

describe('company settings and the sync policy', () => {
  const integration = (tenantId: string) => ({ name: 'Outlook', clientId: api.clientId, tenantId, enabled: true });

  it.each([
    ['GET', '/api/org/integration'], ['PUT', '/api/org/integration'], ['GET', '/api/org/policy'], ['PUT', '/api/org/policy'],
  ])('%s %s refuses users without the admin role (403 with what to ask for)', async (method, path) => {
    for (const roles of [[], ['ContactSync.User']]) {
      const user = api.user(tenantA, { roles });
      const body = method === 'PUT' ? (path.endsWith('policy') ? { whoMaySync: 'everyone', allowedSchedules: [] } : integration(tenantA)) : undefined;
      const response = await api.as(user, method, path, body);
      expect(response.status).toBe(403);
      expect(response.body).toMatchObject({ code: 'forbidden', message: expect.stringContaining('ContactSync.Admin'), details: { requiredRole: 'ContactSync.Admin' } });
    }
  });

  it('lets an admin enable a new tenant, whose users are refused before and after it is disabled', async () => {
    const tenantId = randomUUID();
    const admin = api.user(tenantId, { roles: ADMIN });
    const user = api.user(tenantId);
    expect((await api.as(user, 'GET', '/api/sync/status')).status).toBe(401);
    expect((await api.as(admin, 'GET', '/api/org/integration')).body).toMatchObject({ code: 'integration_missing' });
    const saved = await api.as(admin, 'PUT', '/api/org/integration', integration(tenantId));
    expect(saved.body).toMatchObject({ ...integration(tenantId), updatedBy: admin.userId, updatedAt: expect.any(String) });
    expect((await api.as(admin, 'GET', '/api/org/integration')).body).toEqual(saved.body);
    expect((await api.as(user, 'GET', '/api/sync/status')).status).toBe(200);
    await api.as(admin, 'PUT', '/api/org/integration', { ...integration(tenantId), enabled: false });
    expect((await api.as(user, 'GET', '/api/sync/status')).status).toBe(401);
  });

  it.each([
    ['/api/org/integration', 'tenantId', (t: string) => ({ ...integration(t), tenantId: tenantB })],
    ['/api/org/integration', 'clientId', (t: string) => ({ ...integration(t), clientId: randomUUID() })],
    ['/api/org/integration', 'clientId', (t: string) => ({ ...integration(t), clientId: 'not-a-guid' })],
    ['/api/org/integration', 'name', (t: string) => ({ ...integration(t), name: '' })],
    ['/api/org/integration', 'name', (t: string) => ({ ...integration(t), name: 'Outlook\u202e(txt.exe)' })],
    ['/api/org/integration', 'name', (t: string) => ({ ...integration(t), name: 'Outlook\u2028Contoso' })],
    ['/api/org/integration', 'name', (t: string) => ({ ...integration(t), name: 'Outlook\u001b[2J' })],
    ['/api/org/integration', 'name', (t: string) => ({ ...integration(t), name: 'O'.repeat(101) })],
    ['/api/org/integration', 'enabled', (t: string) => ({ ...integration(t), enabled: 'yes' })],
    ['/api/org/integration', 'clientSecret', (t: string) => ({ ...integration(t), clientSecret: 'x' })],
    ['/api/org/policy', 'whoMaySync', () => ({ whoMaySync: 'admins', allowedSchedules: [] })],
    ['/api/org/policy', 'allowedSchedules.1', () => ({ whoMaySync: 'role', allowedSchedules: ['daily', 'weekly'] })],
    ['/api/org/policy', 'allowedSchedules', () => ({ whoMaySync: 'role' })],
    ['/api/org/policy', 'mergeStrategy', () => ({ whoMaySync: 'role', allowedSchedules: [], mergeStrategy: 'sourceWins' })],
    ['/api/org/policy', 'defaultRegion', () => ({ whoMaySync: 'role', allowedSchedules: [], defaultRegion: 'UK' })],
  ])('PUT %s answers 400 naming %s', async (path, field, body) => {
    const admin = api.user(tenantA, { roles: ADMIN });
    const response = await api.as(admin, 'PUT', path, body(tenantA));
    expect(response.status).toBe(400);
    expect(response.body).toMatchObject({ code: 'invalid_request', message: expect.stringContaining(field), details: { field } });
  });

  it('policy "role": refuses a sync to users without ContactSync.User, lets role holders and admins sync, and everyone read', async () => {
    const tenantId = await api.enabledTenant();
    const admin = api.user(tenantId, { roles: ADMIN });
    expect((await api.as(admin, 'GET', '/api/org/policy')).body).toEqual({
      whoMaySync: 'everyone', allowedSchedules: ['off', 'everyHours', 'daily'], mergeStrategy: 'outlookWins', defaultRegion: 'US', instantSync: false,
    });
    const policy = { whoMaySync: 'role', allowedSchedules: ['daily'], mergeStrategy: 'keepStored', defaultRegion: 'GB', instantSync: true };
    expect((await api.as(admin, 'PUT', '/api/org/policy', policy)).body).toEqual(policy);
    expect((await api.as(admin, 'GET', '/api/org/policy')).body).toEqual(policy);

    const plain = api.user(tenantId);
    const refused = await api.as(plain, 'POST', '/api/sync');
    expect(refused.status).toBe(403);
    expect(refused.body).toMatchObject({ code: 'forbidden', details: { requiredRole: 'ContactSync.User' } });
    expect((await api.as(plain, 'GET', '/api/sync/status')).status).toBe(200);
    expect((await api.as(plain, 'GET', '/api/contacts')).status).toBe(200);
    await syncNow(api.user(tenantId, { roles: ['ContactSync.User'] }));
    await syncNow(admin);

    await api.as(admin, 'PUT', '/api/org/policy', { whoMaySync: 'everyone', allowedSchedules: [] });
    await syncNow(plain);
  });
});
