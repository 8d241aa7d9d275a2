import { randomUUID } from 'node:crypto';
import { ApiHarness, type ApiResponse } from '../../../tools/src/testing/apiHarness';

/** This deployment serves two tenants (ALLOWED_TENANTS) and allows 2 costly requests per user, 4 per tenant, a minute. */
const allowedA = randomUUID();
const allowedB = randomUUID();
let api: ApiHarness;

beforeAll(async () => {
  api = await ApiHarness.start({
    settings: { ALLOWED_TENANTS: `${allowedA},${allowedB.toUpperCase()}`, RATE_LIMIT_USER_PER_MINUTE: '2', RATE_LIMIT_TENANT_PER_MINUTE: '4' },
  });
  await api.enabledTenant(allowedA);
  await api.enabledTenant(allowedB);
});
afterAll(async () => { await api?.stop(); });

function expectThrottled(response: ApiResponse): void {
  expect(response.status).toBe(429);
  expect(response.body).toMatchObject({ code: 'throttled', details: { retryAfterSec: expect.any(Number) } });
  const retryAfter = Number(response.headers.get('retry-after'));
  expect(Number.isInteger(retryAfter) && retryAfter >= 1).toBe(true);
  expect(retryAfter).toBe(response.body.details.retryAfterSec);
}

describe('ALLOWED_TENANTS: the tenants this deployment serves', () => {
  it('lets an allowed tenant\'s admin enable it (any letter case in the setting)', async () => {
    const admin = api.user(allowedB, { roles: ['ContactSync.Admin'] });
    expect((await api.as(admin, 'GET', '/api/org/integration')).body).toMatchObject({ tenantId: allowedB, enabled: true });
    expect((await api.as(api.user(allowedB), 'GET', '/api/sync/status')).status).toBe(200);
  });

  it('refuses a fully valid token of any other tenant with 401, the admin endpoints included, asking Entra nothing', async () => {
    const stranger = randomUUID();
    const admin = api.user(stranger, { roles: ['ContactSync.Admin'] });
    const requestsBefore = api.entra.sim.requests.length;
    const calls: Array<[string, string, unknown]> = [
      ['PUT', '/api/org/integration', { name: 'Outlook', clientId: api.clientId, tenantId: stranger, enabled: true }],
      ['GET', '/api/org/policy', undefined], ['GET', '/api/sync/status', undefined], ['POST', '/api/sync', {}],
    ];
    for (const [method, path, body] of calls) {
      const response = await api.as(admin, method, path, body);
      expect(response.status).toBe(401);
      expect(response.body).toMatchObject({ code: 'unauthorized' });
      expect(api.logs.find((entry) => entry.message.includes(`correlationId=${response.body.correlationId}`))?.message).toContain('reason=tenant_not_allowed');
    }
    expect(api.entra.sim.requests.slice(requestsBefore)).toEqual([]);
  });
});

describe('rate limits of the endpoints that cost Entra, Graph or a partition scan', () => {
  it('answers a user\'s third search within a minute with 429 throttled and Retry-After; plain listing is not limited', async () => {
    const user = api.user(allowedA);
    for (let i = 0; i < 2; i += 1) expect((await api.as(user, 'GET', '/api/contacts?search=ada')).status).toBe(200);
    expectThrottled(await api.as(user, 'GET', '/api/contacts?search=ada'));
    for (let i = 0; i < 3; i += 1) expect((await api.as(user, 'GET', '/api/contacts?top=10')).status).toBe(200);
  });

  it('counts POST /api/sync per user, on its own bucket, before asking Entra', async () => {
    const user = api.user(allowedA);
    expect((await api.as(user, 'GET', '/api/contacts?search=x')).status).toBe(200);
    expect((await api.as(user, 'POST', '/api/sync')).status).toBe(202);
    expect((await api.as(user, 'POST', '/api/sync')).status).toBe(409);
    const oboBefore = api.entra.sim.stats.oboRequests;
    expectThrottled(await api.as(user, 'POST', '/api/sync'));
    expect(api.entra.sim.stats.oboRequests).toBe(oboBefore);
    await api.drain();
  });

  it('limits a tenant as a whole: its fifth searching user in a minute is throttled, another tenant is not', async () => {
    for (let i = 0; i < 4; i += 1) expect((await api.as(api.user(allowedB), 'GET', '/api/contacts?search=ada')).status).toBe(200);
    expectThrottled(await api.as(api.user(allowedB), 'GET', '/api/contacts?search=ada'));
  });
});
