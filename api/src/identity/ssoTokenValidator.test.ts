import { randomUUID } from 'node:crypto';
import { createSigningKey, startEntraSimulator, type RunningEntraSimulator } from '../../../tools/src/entraSimulator';
import { AppError } from '../errors/appError';
import { createCommonSigningKeys, type CommonSigningKeysOptions } from './commonSigningKeys';
import { createSsoTokenValidator, isOurAudience, ourAudiences, type SsoTokenValidator } from './ssoTokenValidator';
import { rejectionReasonOf, type TokenRejectionReason } from './tokenRejection';

const AUTHORITY_HOST = 'https://login.microsoftonline.com';
const clientId = randomUUID();
const tenantId = randomUUID();
const otherTenantId = randomUUID();
const notAllowedTenantId = randomUUID();
const TAB_DOMAIN = 'contoso.example';
const now = () => Math.floor(Date.now() / 1000);

let running: RunningEntraSimulator;

beforeAll(async () => {
  running = await startEntraSimulator({ clientId, clientSecret: 'unused' });
});

afterAll(async () => {
  await running.stop();
});

function validatorFor(keyOptions: Partial<CommonSigningKeysOptions> = {}): SsoTokenValidator {
  return createSsoTokenValidator({
    clientId,
    tabDomain: TAB_DOMAIN,
    authorityHost: AUTHORITY_HOST,
    signingKeys: createCommonSigningKeys({ authorityHost: AUTHORITY_HOST, authorityNetworkUrl: running.url, ...keyOptions }),
    isTenantAllowed: (tid) => tid !== notAllowedTenantId,
    isTenantEnabled: (tid) => Promise.resolve(tid === tenantId),
  });
}

async function rejection(validator: SsoTokenValidator, token: string | undefined): Promise<AppError> {
  const error = await validator.validate(token).then(() => undefined, (e: unknown) => e);
  if (!(error instanceof AppError)) throw new Error(`expected an AppError, got ${String(error)}`);
  return error;
}

/** Replaces the payload of a signed token, keeping header and signature. */
function tamper(token: string, change: Record<string, unknown>): string {
  const [header = '', payload = '', signature = ''] = token.split('.');
  const claims = { ...JSON.parse(Buffer.from(payload, 'base64url').toString()), ...change };
  return [header, Buffer.from(JSON.stringify(claims)).toString('base64url'), signature].join('.');
}

describe('SSO token validation', () => {
  let validator: SsoTokenValidator;
  const userId = randomUUID();

  beforeAll(() => {
    validator = validatorFor();
  });

  it('accepts a good token and returns who is calling', async () => {
    const token = await running.sim.mintSsoToken({
      tenantId, userId, name: 'Ada Lovelace', upn: 'ada@contoso.example', roles: ['ContactSync.Admin'],
    });
    await expect(validator.validate(token)).resolves.toEqual({
      tenantId, userId, name: 'Ada Lovelace', upn: 'ada@contoso.example',
      roles: ['ContactSync.Admin'], scopes: ['access_as_user'], rawToken: token,
    });
  });

  it.each([
    ['the Application ID URI audience on the tab domain', { aud: `api://${TAB_DOMAIN}/${clientId}` }],
    ['the v1 issuer', { iss: `https://sts.windows.net/${tenantId}/` }],
    ['a token that expired within the clock skew', { issuedAt: now() - 3700, expiresInSec: 3600 }],
  ])('accepts %s', async (_name, overrides) => {
    const token = await running.sim.mintSsoToken({ tenantId, userId, ...overrides });
    await expect(validator.validate(token)).resolves.toMatchObject({ tenantId, userId });
  });

  type Forge = () => Promise<string>;
  const mint = (overrides: Record<string, unknown> = {}): Promise<string> => running.sim.mintSsoToken({ tenantId, userId, ...overrides });
  const forged: Array<[string, Forge, TokenRejectionReason]> = [
    ['wrong audience', () => mint({ aud: randomUUID() }), 'wrong_audience'],
    ['an audience URI of another app', () => mint({ aud: `api://${TAB_DOMAIN}/${randomUUID()}` }), 'wrong_audience'],
    ['our client id under another domain', () => mint({ aud: `api://evil.example/${clientId}` }), 'wrong_audience'],
    ['our client id as a bare Application ID URI', () => mint({ aud: `api://${clientId}` }), 'wrong_audience'],
    ['a tenant the operator does not allow', () => running.sim.mintSsoToken({ tenantId: notAllowedTenantId, userId }), 'tenant_not_allowed'],
    ['wrong issuer (another tenant)', () => mint({ iss: `${AUTHORITY_HOST}/${otherTenantId}/v2.0` }), 'wrong_issuer'],
    ['wrong issuer (another authority)', () => mint({ iss: `https://login.example.net/${tenantId}/v2.0` }), 'wrong_issuer'],
    ['other tenant (not enabled)', () => running.sim.mintSsoToken({ tenantId: otherTenantId, userId }), 'tenant_not_enabled'],
    ['expired', () => mint({ issuedAt: now() - 7200, expiresInSec: 3600 }), 'expired'],
    ['not yet valid', () => mint({ notBefore: now() + 900 }), 'not_yet_valid'],
    ['alg: none', () => mint({ alg: 'none' }), 'algorithm_not_allowed'],
    ['HS256 signed with the public key as secret', () => mint({ alg: 'HS256' }), 'algorithm_not_allowed'],
    ['unknown kid (a key the authority never published)', async () =>
      mint({ signingKey: (await createSigningKey()).privateKey, kid: 'never-published' }), 'unknown_key'],
    ['another key under a published kid', async () => mint({ signingKey: (await createSigningKey()).privateKey }), 'bad_signature'],
    ['tampered payload', async () => tamper(await mint(), { oid: randomUUID() }), 'bad_signature'],
    ['tampered tenant', async () => tamper(await mint(), { tid: otherTenantId }), 'bad_signature'],
    ['missing scope', () => mint({ scp: 'User.Read' }), 'missing_scope'],
    ['no scp claim (an app-only token)', () => mint({ claims: { scp: undefined, roles: ['ContactSync.Admin'] } }), 'missing_scope'],
    ['no oid', () => mint({ claims: { oid: undefined } }), 'missing_claim'],
    ['a tid that is not a GUID', () => mint({ tid: 'contoso.example' }), 'missing_claim'],
    ['not a JWT', () => Promise.resolve('not-a-token'), 'malformed'],
    ['no token', () => Promise.resolve(''), 'missing_token'],
  ];

  it.each(forged)('rejects %s with a generic 401', async (_name, forge, reason) => {
    const token = await forge();
    const error = await rejection(validator, token);
    expect(error.code).toBe('unauthorized');
    expect(error.status).toBe(401);
    expect(rejectionReasonOf(error)).toBe(reason);
    // Nothing the caller sees says which check failed, and nothing loggable holds the token.
    expect(error.message).not.toMatch(/audience|issuer|expired|kid|scope|signature|tenant/i);
    expect(error.details).toBeUndefined();
    if (token) expect(`${error.message} ${String((error.cause as Error).message)}`).not.toContain(token);
  });
});

describe('signing keys', () => {
  let rogueKey: Awaited<ReturnType<typeof createSigningKey>>['privateKey'];
  beforeAll(async () => { rogueKey = (await createSigningKey()).privateKey; });

  it('fetches the common keys once, for every tenant, and never a tenant\'s metadata', async () => {
    const validator = validatorFor();
    const requestsBefore = running.sim.requests.length;
    for (const tid of [tenantId, otherTenantId, tenantId]) await validator.validate(await running.sim.mintSsoToken({ tenantId: tid, userId: randomUUID() })).catch(() => undefined);
    expect(running.sim.requests.slice(requestsBefore)).toEqual(['GET /common/discovery/v2.0/keys']);
  });

  it('refetches the JWKS when a token names a new kid after a key rotation', async () => {
    const validator = validatorFor({ jwksCooldownMs: 0 });
    await validator.validate(await running.sim.mintSsoToken({ tenantId, userId: randomUUID() }));
    const fetchedBefore = running.sim.stats.jwksRequests;
    const newKid = await running.sim.rotateKeys();
    const token = await running.sim.mintSsoToken({ tenantId, userId: randomUUID() });
    await expect(validator.validate(token)).resolves.toMatchObject({ tenantId });
    expect(running.sim.stats.jwksRequests).toBe(fetchedBefore + 1);
    expect(running.sim.keys.find(newKid)).toBeDefined();
  });

  it('does not refetch for unknown kids during the cooldown (forged kids cannot flood Entra)', async () => {
    const validator = validatorFor({ jwksCooldownMs: 60_000 });
    await validator.validate(await running.sim.mintSsoToken({ tenantId, userId: randomUUID() }));
    const fetchedBefore = running.sim.stats.jwksRequests;
    const rogue = (await createSigningKey()).privateKey;
    for (let i = 0; i < 3; i += 1) {
      const token = await running.sim.mintSsoToken({ tenantId, userId: randomUUID(), signingKey: rogue, kid: `forged-${i}` });
      expect(rejectionReasonOf(await rejection(validator, token))).toBe('unknown_key');
    }
    expect(running.sim.stats.jwksRequests).toBe(fetchedBefore);
  });

  it('answers a server error, not 401, when the authority cannot be reached', async () => {
    const validator = validatorFor({ authorityNetworkUrl: 'http://127.0.0.1:9', timeoutMs: 1000 });
    const error = await rejection(validator, await running.sim.mintSsoToken({ tenantId, userId: randomUUID() }));
    expect(error.code).toBe('internal');
  });

  it.each([
    ['a bad signature for a random tenant', () => running.sim.mintSsoToken({ tenantId: randomUUID(), userId: randomUUID(), kid: 'k', signingKey: rogueKey }), 'unknown_key'],
    ['an unsigned token for a random tenant', () => running.sim.mintSsoToken({ tenantId: randomUUID(), userId: randomUUID(), alg: 'none' }), 'algorithm_not_allowed'],
    ['a good token of a tenant not allowed', () => running.sim.mintSsoToken({ tenantId: notAllowedTenantId, userId: randomUUID() }), 'tenant_not_allowed'],
  ])('contacts nobody on behalf of %s', async (_name, forge, reason) => {
    const validator = validatorFor();
    await validator.validate(await running.sim.mintSsoToken({ tenantId, userId: randomUUID() }));
    const token = await forge();
    const requestsBefore = running.sim.requests.length;
    expect(rejectionReasonOf(await rejection(validator, token))).toBe(reason);
    expect(running.sim.requests.slice(requestsBefore)).toEqual([]);
  });
});

describe('isOurAudience', () => {
  const clientId = '11111111-2222-3333-4444-555555555555';
  it.each([
    [clientId, 'tab.contoso.example', true],
    [clientId.toUpperCase(), 'tab.contoso.example', true],
    [`api://tab.contoso.example/${clientId}`, 'tab.contoso.example', true],
    [`api://TAB.contoso.example/${clientId}`, 'tab.contoso.example', true],
    [`api://tab.contoso.example/${clientId}`, undefined, false],
    [`api://evil.example/${clientId}`, 'tab.contoso.example', false],
    [`api://${clientId}`, 'tab.contoso.example', false],
    [`api://tab.contoso.example.evil.example/${clientId}`, 'tab.contoso.example', false],
    [`https://tab.contoso.example/${clientId}`, 'tab.contoso.example', false],
    [`api://tab.contoso.example/${clientId}x`, 'tab.contoso.example', false],
    [['other', clientId], 'tab.contoso.example', false],
    [undefined, 'tab.contoso.example', false],
  ])('%p with tab domain %p → %p', (aud, tabDomain, expected) => {
    expect(isOurAudience(aud, ourAudiences(clientId, tabDomain))).toBe(expected);
  });
});
