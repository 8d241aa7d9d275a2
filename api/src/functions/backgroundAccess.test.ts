import { ApiHarness } from '../../../tools/src/testing/apiHarness';

/**
 * Delegated background access over HTTP: the local Functions host with Azurite (the grant is stored
 * encrypted in Table Storage) and the local Entra authority. Its Graph tokens live 120 s, under the
 * broker's 5-minute margin, so every background sync redeems the stored refresh token.
 */
let api: ApiHarness;
let tenantId: string;

beforeAll(async () => {
  api = await ApiHarness.start();
  tenantId = await api.enabledTenant();
});
afterAll(async () => { await api?.stop(); });

function entraRequests(): { obo: number; refresh: number } {
  const { oboRequests, refreshRequests } = api.entra.sim.stats;
  return { obo: oboRequests, refresh: refreshRequests };
}

function since(before: { obo: number; refresh: number }): { obo: number; refresh: number } {
  const now = entraRequests();
  return { obo: now.obo - before.obo, refresh: now.refresh - before.refresh };
}

describe('POST /api/sync without consent', () => {
  it('answers 403 consent_required after a single on-behalf-of request (the tab shows the popup at once)', async () => {
    const user = api.user(tenantId, { consent: 'missing' });
    const before = entraRequests();
    const refused = await api.as(user, 'POST', '/api/sync');
    expect(refused.status).toBe(403);
    expect(refused.body).toMatchObject({ code: 'consent_required' });
    expect(since(before)).toEqual({ obo: 1, refresh: 0 });
  });
});

describe('background syncs from the stored grant', () => {
  it('run from the grant POST /api/sync stored, and fail with reconnect_needed once the refresh token is revoked', async () => {
    const user = api.user(tenantId);
    user.mailbox.seed({ contacts: 4, seed: 21 });
    expect((await api.as(user, 'POST', '/api/sync')).status).toBe(202);
    await api.drain();

    user.mailbox.addContact(user.mailbox.defaultFolderId, { givenName: 'Scheduled' });
    let before = entraRequests();
    await api.enqueue({ tenantId: user.tenantId, userId: user.userId, trigger: 'schedule', full: false });
    await api.drain();
    expect(since(before)).toEqual({ obo: 0, refresh: 1 });
    expect((await api.as(user, 'GET', '/api/sync/status')).body).toMatchObject({ state: 'completed', trigger: 'schedule', counts: { new: 1 } });

    api.entra.sim.revokeSignInSessions(user.tenantId, user.userId);
    before = entraRequests();
    await api.enqueue({ tenantId: user.tenantId, userId: user.userId, trigger: 'schedule', full: false });
    await api.drain();
    expect(since(before)).toEqual({ obo: 0, refresh: 1 });
    expect((await api.as(user, 'GET', '/api/sync/status')).body).toMatchObject({
      state: 'failed', trigger: 'schedule', error: { code: 'reconnect_needed' },
    });

    // Opening the app again (a new exchange) reconnects: the next background sync works.
    expect((await api.as(user, 'POST', '/api/sync')).status).toBe(202);
    await api.drain();
    expect((await api.as(user, 'GET', '/api/sync/status')).body).toMatchObject({ state: 'completed' });
  });
});
