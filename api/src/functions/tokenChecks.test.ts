import { randomUUID } from 'node:crypto';
import { createSigningKey } from '../../../tools/src/entraSimulator';
import type { TokenRejectionReason } from '../identity';
import { LOCAL_TAB_DOMAIN } from '../../../tools/src/localStack';
import { ApiHarness, type ApiResponse, type ApiUser } from '../../../tools/src/testing/apiHarness';

let api: ApiHarness;
let tenantId: string;
let otherEnabledTenant: string;
let alice: ApiUser;
let bob: ApiUser;
const now = () => Math.floor(Date.now() / 1000);

beforeAll(async () => {
  api = await ApiHarness.start();
  [tenantId, otherEnabledTenant] = [await api.enabledTenant(), await api.enabledTenant()];
  alice = api.user(tenantId);
  bob = api.user(tenantId);
});
afterAll(async () => { await api?.stop(); });

/** Replaces claims of a signed token, keeping its header and signature. */
function tamper(token: string, change: Record<string, unknown>): string {
  const [header = '', payload = '', signature = ''] = token.split('.');
  const claims = { ...JSON.parse(Buffer.from(payload, 'base64url').toString()), ...change };
  return [header, Buffer.from(JSON.stringify(claims)).toString('base64url'), signature].join('.');
}

/** A 401 whose body says nothing of the failed check, and whose log line (with the same correlation id) does. */
function expectGeneric401(response: ApiResponse, reason?: TokenRejectionReason): void {
  expect(response.status).toBe(401);
  const correlationId = response.headers.get('x-correlation-id');
  expect(response.body).toEqual({
    code: 'unauthorized', message: 'Your sign-in could not be verified. Close and reopen the app to sign in again.', correlationId,
  });
  expect(response.headers.get('www-authenticate')).toBe('Bearer');
  const line = api.logs.find((entry) => entry.message.includes(`correlationId=${correlationId}`));
  expect(line?.message).toContain(reason ? `reason=${reason}` : 'reason=');
}

describe('forged SSO tokens', () => {
  const forged: Array<[string, () => Promise<string>, TokenRejectionReason]> = [
    ['wrong audience', () => alice.token({ aud: randomUUID() }), 'wrong_audience'],
    ['wrong issuer (another tenant)', () => alice.token({ iss: `https://login.microsoftonline.com/${randomUUID()}/v2.0` }), 'wrong_issuer'],
    ['wrong issuer (another authority)', () => alice.token({ iss: `https://login.example.net/${tenantId}/v2.0` }), 'wrong_issuer'],
    ['other tenant (no integration)', () => api.user(randomUUID()).token(), 'tenant_not_enabled'],
    ['another enabled tenant\'s tid under this tenant\'s issuer', () => alice.token({ tid: otherEnabledTenant, iss: `https://login.microsoftonline.com/${tenantId}/v2.0` }), 'wrong_issuer'],
    ['expired', () => alice.token({ issuedAt: now() - 7200, expiresInSec: 3600 }), 'expired'],
    ['not yet valid', () => alice.token({ notBefore: now() + 900 }), 'not_yet_valid'],
    ['alg: none', () => alice.token({ alg: 'none' }), 'algorithm_not_allowed'],
    ['HS256 signed with the public key', () => alice.token({ alg: 'HS256' }), 'algorithm_not_allowed'],
    ['unknown kid', () => alice.token({ kid: 'never-published' }), 'unknown_key'],
    ['signed by a key the authority never published', async () => alice.token({ signingKey: (await createSigningKey()).privateKey }), 'bad_signature'],
    ['tampered payload (another user\'s oid)', async () => tamper(await alice.token(), { oid: bob.userId }), 'bad_signature'],
    ['missing scope', () => alice.token({ scp: 'User.Read' }), 'missing_scope'],
    ['our client id under another domain\'s Application ID URI', () => alice.token({ aud: `api://evil.example/${api.clientId}` }), 'wrong_audience'],
    ['our client id as a bare Application ID URI', () => alice.token({ aud: `api://${api.clientId}` }), 'wrong_audience'],
  ];

  it.each(forged)('refuses %s with a 401 that does not say which check failed', async (_name, forge, reason) => {
    const token = await forge();
    const response = await api.call('GET', '/api/sync/status', token);
    expectGeneric401(response, reason);
    expect(api.logText()).not.toContain(token);
  });

  it('accepts the same user\'s genuine token (the table above fails for its forgery only)', async () => {
    expect((await api.as(alice, 'GET', '/api/sync/status')).status).toBe(200);
  });

  it('accepts the Application ID URI on the configured tab domain', async () => {
    expect((await api.call('GET', '/api/sync/status', await alice.token({ aud: `api://${LOCAL_TAB_DOMAIN}/${api.clientId}` }))).status).toBe(200);
  });

  it.each([
    ['a bad signature', async (tid: string) => api.user(tid).token({ signingKey: (await createSigningKey()).privateKey })],
    ['an unknown kid', async (tid: string) => api.user(tid).token({ signingKey: (await createSigningKey()).privateKey, kid: 'never-published' })],
    ['no signature (alg: none)', (tid: string) => api.user(tid).token({ alg: 'none' })],
  ])('refuses a token of a random tenant with %s without asking Entra anything about that tenant', async (_name, forge) => {
    const tid = randomUUID();
    const token = await forge(tid);
    for (const path of ['/api/sync/status', '/api/org/integration']) expectGeneric401(await api.call('GET', path, token));
    expect(api.entra.sim.requestsFor(tid)).toEqual([]);
  });

  it.each([
    ['no Authorization header', undefined],
    ['a Basic header', 'Basic dXNlcjpwYXNz'],
    ['Bearer without a token', 'Bearer '],
    ['a bearer that is not a JWT', 'Bearer not-a-jwt'],
  ])('refuses %s with the same 401', async (_name, authorization) => {
    expectGeneric401(await api.call('GET', '/api/sync/status', undefined, undefined, authorization));
  });

  it.each([
    ['POST', '/api/sync'], ['GET', '/api/sync/status'], ['GET', '/api/sync/history'], ['GET', '/api/contacts'],
    ['GET', '/api/org/integration'], ['PUT', '/api/org/integration'], ['GET', '/api/org/policy'], ['PUT', '/api/org/policy'],
  ])('%s %s needs a token', async (method, path) => {
    expectGeneric401(await api.call(method, path, undefined, method === 'GET' ? undefined : {}), 'missing_token');
  });

  it.each([
    ['expired', { issuedAt: now() - 7200, expiresInSec: 3600 }, 'expired'],
    ['wrong audience', { aud: randomUUID() }, 'wrong_audience'],
    ['alg: none', { alg: 'none' as const }, 'algorithm_not_allowed'],
  ] as const)('validates an admin\'s %s token fully on the company settings, even for a tenant without integration', async (_name, overrides, reason) => {
    const admin = api.user(randomUUID(), { roles: ['ContactSync.Admin'] });
    const response = await api.call('GET', '/api/org/policy', await admin.token(overrides));
    expectGeneric401(response, reason);
  });
});
