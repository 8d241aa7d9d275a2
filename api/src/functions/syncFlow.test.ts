import { ApiHarness, type ApiUser } from '../../../tools/src/testing/apiHarness';

let api: ApiHarness;
let tenantId: string;

beforeAll(async () => {
  // Consent reaches Entra 1.5 s after a grant, as in production: the API must absorb that delay.
  api = await ApiHarness.start({ consentPropagationMs: 1500 });
  tenantId = await api.enabledTenant();
});
afterAll(async () => { await api?.stop(); });
afterEach(() => { api.graph.sim.setKnobs({ latencyMs: 0, maxPageSize: 200 }); });

/** Slow Graph pages of 10 contacts: a sync takes long enough to be seen running. */
function slowGraph(): void {
  api.graph.sim.setKnobs({ latencyMs: 100, maxPageSize: 10 });
}

async function contactCount(user: ApiUser): Promise<number> {
  return ((await api.as(user, 'GET', '/api/contacts?top=500')).body.contacts as unknown[]).length;
}

describe('the whole path: SSO token → POST /api/sync → queue → import → status, history, contacts', () => {
  it('queues the sync, shows it running with progress, then the final counts, the history row and the contacts', async () => {
    const user = api.user(tenantId);
    user.mailbox.seed({ contacts: 120, folders: 3, seed: 11 });
    const known = user.mailbox.addContact(user.mailbox.defaultFolderId, { givenName: 'Zebulon', surname: 'Quartermaine' });
    expect((await api.as(user, 'GET', '/api/sync/status')).body).toMatchObject({ state: 'none', syncId: null });
    slowGraph();

    const started = await api.as(user, 'POST', '/api/sync', {});
    expect(started.status).toBe(202);
    expect(started.body).toEqual({ syncId: expect.stringMatching(/^[0-9a-f-]{36}$/), statusUrl: '/api/sync/status' });
    expect(started.headers.get('x-correlation-id')).toBeTruthy();
    const { syncId } = started.body as { syncId: string };
    expect(['queued', 'running']).toContain((await api.as(user, 'GET', '/api/sync/status')).body.state);

    const running = await api.statusUntil(user, (s) => s.state === 'running' && s.pagesDone > 0);
    expect(running).toMatchObject({ syncId, trigger: 'manual', endedAt: null, error: null });
    expect(running.contactsProcessed).toBeGreaterThan(0);
    expect(running.contactsProcessed).toBeLessThan(121);

    const done = await api.statusUntil(user, (s) => s.state === 'completed');
    expect(done).toMatchObject({
      syncId, trigger: 'manual', contactsProcessed: 121, error: null,
      counts: { new: 121, updated: 0, deleted: 0, unchanged: 0, skipped: 0 },
    });
    expect(done.pagesDone).toBeGreaterThanOrEqual(13);
    expect(done.endedAt).toEqual(expect.any(String));

    const history = await api.as(user, 'GET', '/api/sync/history');
    expect(history.body.syncs).toEqual([expect.objectContaining({ syncId, state: 'completed', trigger: 'manual', counts: done.counts })]);
    // Searchable the moment the status says completed: the index rows were written with the pages.
    const found = await api.as(user, 'GET', '/api/contacts?search=quartermaine');
    expect(found.body).toEqual({ contacts: [expect.objectContaining({ id: known.id, firstName: 'Zebulon' })], more: false });
    expect(await contactCount(user)).toBe(121);
    expect((await api.as(user, 'GET', '/api/contacts?top=50&skip=100')).body).toMatchObject({ more: false });
    expect((await api.as(user, 'GET', '/api/contacts?top=50&skip=50')).body).toMatchObject({ more: true });
  });

  it('names the folders being read before their first page is stored, then counts stored contacts while they are read', async () => {
    const user = api.user(tenantId);
    user.mailbox.seed({ contacts: 299, folders: 2, seed: 14 });
    const names = user.mailbox.listFolders().map((folder) => folder.displayName);
    // Two pages a folder, each answered after 800 ms: time to watch each step.
    api.graph.sim.setKnobs({ latencyMs: 800, maxPageSize: 60 });
    expect((await api.as(user, 'POST', '/api/sync')).status).toBe(202);
    const reading = await api.statusUntil(user, (s) => s.state === 'running' && s.readingFolders.length > 0);
    expect(reading.contactsStored).toBe(0);
    for (const name of reading.readingFolders) expect(names).toContain(name);
    const storing = await api.statusUntil(user, (s) => s.state !== 'running' || s.contactsStored > 0);
    expect(storing).toMatchObject({ state: 'running', contactsStored: expect.any(Number) });
    expect(storing.contactsStored).toBeLessThan(299);
    expect(storing.readingFolders.length).toBeGreaterThan(0);
    const done = await api.statusUntil(user, (s) => s.state === 'completed');
    expect(done).toMatchObject({ contactsStored: 299, readingFolders: [] });
  });

  it('answers a second request while the first runs with 409 and the running sync id, and accepts one after it', async () => {
    const user = api.user(tenantId);
    user.mailbox.seed({ contacts: 60, folders: 1, seed: 12 });
    slowGraph();
    const first = await api.as(user, 'POST', '/api/sync');
    expect(first.status).toBe(202);
    const oboBefore = api.entra.sim.stats.oboRequests;
    const second = await api.as(user, 'POST', '/api/sync', { full: true });
    expect(second.status).toBe(409);
    expect(second.body).toMatchObject({ code: 'sync_running', details: { syncId: first.body.syncId } });
    // The cheap check comes first: a second press costs Entra nothing.
    expect(api.entra.sim.stats.oboRequests).toBe(oboBefore);
    await api.drain();
    const third = await api.as(user, 'POST', '/api/sync');
    expect(third.status).toBe(202);
    expect(third.body.syncId).not.toBe(first.body.syncId);
    await api.drain();
  });
});

describe('consent', () => {
  it('answers 403 consent_required without consent, and syncs once consent is granted (despite its propagation delay)', async () => {
    const user = api.user(tenantId, { consent: 'missing' });
    user.mailbox.seed({ contacts: 5, seed: 13 });
    const refused = await api.as(user, 'POST', '/api/sync');
    expect(refused.status).toBe(403);
    expect(refused.body).toMatchObject({ code: 'consent_required', message: expect.stringMatching(/allow/i) });
    expect((await api.as(user, 'GET', '/api/sync/status')).body.state).toBe('none');

    api.entra.sim.setConsent(user.tenantId, user.userId, 'granted');
    const accepted = await api.as(user, 'POST', '/api/sync');
    expect(accepted.status).toBe(202);
    await api.drain();
    expect(await api.statusUntil(user, (s) => s.state !== 'queued' && s.state !== 'running')).toMatchObject({
      state: 'completed', counts: { new: 5 },
    });
  });

  it('reports a consent revoked later in the next background sync, keeping every stored contact', async () => {
    const user = api.user(tenantId);
    user.mailbox.seed({ contacts: 8, seed: 14 });
    expect((await api.as(user, 'POST', '/api/sync')).status).toBe(202);
    await api.drain();
    expect(await contactCount(user)).toBe(8);

    api.entra.sim.setConsent(user.tenantId, user.userId, 'revoked');
    user.mailbox.addContact(user.mailbox.defaultFolderId, { givenName: 'Unseen' });
    await api.enqueue({ tenantId: user.tenantId, userId: user.userId, trigger: 'schedule', full: false });
    await api.drain();

    const status = (await api.as(user, 'GET', '/api/sync/status')).body;
    expect(status).toMatchObject({ state: 'failed', trigger: 'schedule', error: { code: 'reconnect_needed' } });
    const syncs = (await api.as(user, 'GET', '/api/sync/history')).body.syncs as Array<Record<string, unknown>>;
    expect(syncs.map((s) => [s.trigger, s.state])).toEqual([['schedule', 'failed'], ['manual', 'completed']]);
    expect(syncs[0]).toMatchObject({ error: { code: 'reconnect_needed' } });
    expect(await contactCount(user)).toBe(8);
    expect((await api.as(user, 'POST', '/api/sync')).body).toMatchObject({ code: 'consent_required' });
  });
});
