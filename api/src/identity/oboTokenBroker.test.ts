import { randomBytes, randomUUID } from 'node:crypto';
import { decodeJwt } from 'jose';
import { startAzurite, type AzuriteInstance } from '../../../tools/src/azurite/azuriteProcess';
import { startEntraSimulator, type RunningEntraSimulator } from '../../../tools/src/entraSimulator';
import { AppError } from '../errors/appError';
import { TABLES, TableClientFactory } from '../storage/tableClientFactory';
import { createCacheCipher, type CacheCipher } from './cacheCipher';
import { createConfidentialClientFactory } from './confidentialClientFactory';
import { ownerContext } from './encryptedCachePlugin';
import { OboTokenBroker } from './oboTokenBroker';
import { TableUserTokenCacheStore, USER_TOKEN_PROPERTIES } from './userTokenCacheStore';

const AUTHORITY_HOST = 'https://login.microsoftonline.com';
const clientId = randomUUID();
const clientSecret = 'broker-test-secret';
const tenantId = randomUUID();
const cipher = createCacheCipher(randomBytes(32));

let azurite: AzuriteInstance;
let tables: TableClientFactory;
let running: RunningEntraSimulator;

beforeAll(async () => {
  [azurite, running] = await Promise.all([
    startAzurite(),
    // Graph tokens shorter than msal's 5-minute renewal offset: every background call really refreshes.
    startEntraSimulator({ clientId, clientSecret, accessTokenLifetimeSec: 120 }),
  ]);
  tables = new TableClientFactory(azurite.connectionString, `idt${randomBytes(4).toString('hex')}`);
});

afterAll(async () => {
  await Promise.all([running?.stop(), azurite?.stop()]);
});

interface BrokerSetup {
  sim?: RunningEntraSimulator;
  secret?: string;
  cacheCipher?: CacheCipher;
  delays?: number[];
}

function brokerFor(setup: BrokerSetup = {}): { broker: OboTokenBroker; sleeps: number[] } {
  const sim = setup.sim ?? running;
  const sleeps: number[] = [];
  const broker = new OboTokenBroker({
    createClient: createConfidentialClientFactory({
      authorityHost: AUTHORITY_HOST, authorityNetworkUrl: sim.url, clientId, clientSecret: setup.secret ?? clientSecret,
    }),
    store: new TableUserTokenCacheStore(tables),
    cipher: setup.cacheCipher ?? cipher,
    consentRetryDelaysMs: setup.delays ?? [10, 10, 10],
    sleep: async (ms) => { sleeps.push(ms); await new Promise((resolve) => setTimeout(resolve, ms)); },
  });
  return { broker, sleeps };
}

async function userRow(userId: string): Promise<Record<string, unknown> | undefined> {
  const table = await tables.get(TABLES.users);
  return table.getEntity<Record<string, unknown>>(tenantId, userId).catch(() => undefined);
}

async function connectedUser(sim = running): Promise<{ userId: string; ssoToken: string }> {
  const userId = randomUUID();
  sim.sim.setConsent(tenantId, userId, 'granted');
  const ssoToken = await sim.sim.mintSsoToken({ tenantId, userId });
  return { userId, ssoToken };
}

async function appErrorOf(promise: Promise<unknown>): Promise<AppError> {
  const error = await promise.then(() => undefined, (e: unknown) => e);
  if (!(error instanceof AppError)) throw new Error(`expected an AppError, got ${String(error)}`);
  return error;
}

describe('on-behalf-of exchange', () => {
  it('gives a Graph token with Contacts.Read when consent is granted, and stores the cache', async () => {
    const { userId, ssoToken } = await connectedUser();
    const token = await brokerFor().broker.exchange(ssoToken, { tenantId, userId });
    expect(decodeJwt(token)).toMatchObject({ aud: 'https://graph.microsoft.com', tid: tenantId, oid: userId });
    expect(String(decodeJwt(token).scp).split(' ')).toContain('Contacts.Read');
    await expect(running.sim.verifyGraphToken(token)).resolves.toEqual({ tenantId, userId });
    expect(await userRow(userId)).toMatchObject({ [USER_TOKEN_PROPERTIES.cache]: expect.stringMatching(/^v1\./), reconnectNeeded: false });
  });

  it('answers consent_required when consent is missing, after retrying with backoff', async () => {
    const userId = randomUUID();
    const ssoToken = await running.sim.mintSsoToken({ tenantId, userId });
    const { broker, sleeps } = brokerFor({ delays: [10, 20, 30] });
    const before = running.sim.stats.tokenRequests;
    const error = await appErrorOf(broker.exchange(ssoToken, { tenantId, userId }));
    expect(error.code).toBe('consent_required');
    expect(error.status).toBe(403);
    expect(sleeps).toEqual([10, 20, 30]);
    expect(running.sim.stats.tokenRequests - before).toBe(4);
    expect(error.message).not.toContain(ssoToken);
  });

  it('succeeds once a fresh grant has reached Entra (propagation delay)', async () => {
    const slow = await startEntraSimulator({ clientId, clientSecret, consentPropagationMs: 400 });
    try {
      const { userId, ssoToken } = await connectedUser(slow);
      const { broker, sleeps } = brokerFor({ sim: slow, delays: [250, 250, 250, 250] });
      const token = await broker.exchange(ssoToken, { tenantId, userId });
      expect(decodeJwt(token)).toMatchObject({ oid: userId });
      expect(sleeps.length).toBeGreaterThanOrEqual(1);
      expect(sleeps.length).toBeLessThan(4);
    } finally {
      await slow.stop();
    }
  });

  it('answers unauthorized, without retrying, when Entra refuses the assertion', async () => {
    const { userId } = await connectedUser();
    const expired = await running.sim.mintSsoToken({ tenantId, userId, issuedAt: Math.floor(Date.now() / 1000) - 7200, expiresInSec: 3600 });
    const { broker, sleeps } = brokerFor();
    expect((await appErrorOf(broker.exchange(expired, { tenantId, userId }))).code).toBe('unauthorized');
    expect(sleeps).toEqual([]);
  });

  it('answers configuration_invalid when the client secret is wrong', async () => {
    const { userId, ssoToken } = await connectedUser();
    const error = await appErrorOf(brokerFor({ secret: 'not-the-secret' }).broker.exchange(ssoToken, { tenantId, userId }));
    expect(error.code).toBe('configuration_invalid');
    expect(error.message).not.toContain('not-the-secret');
  });
});

describe('background tokens', () => {
  it('refreshes a Graph token from the stored cache without the user', async () => {
    const { userId, ssoToken } = await connectedUser();
    const { broker } = brokerFor();
    await broker.exchange(ssoToken, { tenantId, userId });
    const before = running.sim.stats.tokenRequests;
    const token = await brokerFor().broker.tokenForBackground(tenantId, userId);
    expect(running.sim.stats.tokenRequests - before).toBe(1);
    await expect(running.sim.verifyGraphToken(token)).resolves.toEqual({ tenantId, userId });
  });

  it('marks the user reconnect-needed when consent was revoked later, keeping the row\'s other data', async () => {
    const { userId, ssoToken } = await connectedUser();
    const users = await tables.get(TABLES.users);
    await users.upsertEntity({ partitionKey: tenantId, rowKey: userId, displayName: 'kept', lastSyncId: 's-1' }, 'Merge');
    const { broker } = brokerFor();
    await broker.exchange(ssoToken, { tenantId, userId });
    running.sim.setConsent(tenantId, userId, 'revoked');
    const error = await appErrorOf(broker.tokenForBackground(tenantId, userId));
    expect(error.code).toBe('reconnect_needed');
    expect(await userRow(userId)).toMatchObject({
      reconnectNeeded: true, displayName: 'kept', lastSyncId: 's-1', [USER_TOKEN_PROPERTIES.cache]: expect.any(String),
    });
    expect((await appErrorOf(broker.exchange(ssoToken, { tenantId, userId }))).code).toBe('consent_required');
  });

  it('clears reconnect-needed once the user exchanges again', async () => {
    const { userId, ssoToken } = await connectedUser();
    const { broker } = brokerFor();
    await expect(broker.tokenForBackground(tenantId, userId)).rejects.toMatchObject({ code: 'reconnect_needed' });
    expect(await userRow(userId)).toMatchObject({ reconnectNeeded: true });
    await broker.exchange(ssoToken, { tenantId, userId });
    expect(await userRow(userId)).toMatchObject({ reconnectNeeded: false });
    await expect(broker.tokenForBackground(tenantId, userId)).resolves.toEqual(expect.any(String));
  });

  it('does not let one user\'s cache serve another (a copied value does not open)', async () => {
    const a = await connectedUser();
    const b = await connectedUser();
    await brokerFor().broker.exchange(a.ssoToken, { tenantId, userId: a.userId });
    const users = await tables.get(TABLES.users);
    const sealed = (await userRow(a.userId))?.[USER_TOKEN_PROPERTIES.cache];
    await users.upsertEntity({ partitionKey: tenantId, rowKey: b.userId, [USER_TOKEN_PROPERTIES.cache]: sealed }, 'Merge');
    await expect(brokerFor().broker.tokenForBackground(tenantId, b.userId)).rejects.toMatchObject({ code: 'reconnect_needed' });
  });
});

describe('the stored cache', () => {
  it('is encrypted at rest: no refresh or access token in the stored value', async () => {
    const { userId, ssoToken } = await connectedUser();
    const graphToken = await brokerFor().broker.exchange(ssoToken, { tenantId, userId });
    const sealed = String((await userRow(userId))?.[USER_TOKEN_PROPERTIES.cache]);
    const cache = JSON.parse(cipher.open(sealed, ownerContext(tenantId, userId))) as Record<string, Record<string, { secret: string }>>;
    const refreshTokens = Object.values(cache.RefreshToken ?? {}).map((entry) => entry.secret);
    expect(refreshTokens).toHaveLength(1);
    const stored = `${sealed} ${Buffer.from(sealed.slice(3), 'base64').toString('latin1')}`;
    for (const secret of [...refreshTokens, graphToken, ssoToken]) expect(stored).not.toContain(secret);
    expect(stored).not.toMatch(/RefreshToken|AccessToken|"secret"/);
  });

  it('fails cleanly with a wrong key: reconnect_needed, the row marked, nothing leaked', async () => {
    const { userId, ssoToken } = await connectedUser();
    await brokerFor().broker.exchange(ssoToken, { tenantId, userId });
    const wrongKey = brokerFor({ cacheCipher: createCacheCipher(randomBytes(32)) }).broker;
    const error = await appErrorOf(wrongKey.tokenForBackground(tenantId, userId));
    expect(error.code).toBe('reconnect_needed');
    expect(await userRow(userId)).toMatchObject({ reconnectNeeded: true });
  });
});
