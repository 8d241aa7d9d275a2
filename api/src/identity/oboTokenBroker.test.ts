import { randomBytes, randomUUID } from 'node:crypto';
import { decodeJwt } from 'jose';
import { startAzurite, type AzuriteInstance } from '../../../tools/src/azurite/azuriteProcess';
import { startEntraSimulator, type RunningEntraSimulator } from '../../../tools/src/entraSimulator';
import { AppError } from '../errors/appError';
import { TABLES, TableClientFactory } from '../storage/tableClientFactory';
import { createCacheCipher, type CacheCipher } from './cacheCipher';
import { openGrant } from './delegatedGrant';
import { OboTokenBroker } from './oboTokenBroker';
import { createTokenEndpointClient } from './tokenEndpointClient';
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
    // Graph tokens shorter than the broker's 5-minute margin: every background call really refreshes.
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
    tokens: createTokenEndpointClient({
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

async function storedRefreshToken(userId: string): Promise<string | undefined> {
  return openGrant(cipher, tenantId, userId, String((await userRow(userId))?.[USER_TOKEN_PROPERTIES.grant])).refreshToken;
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

/** Token requests the simulator answers while `action` runs, by grant. */
async function requestsDuring(action: () => Promise<unknown>, sim = running): Promise<{ obo: number; refresh: number }> {
  const before = { ...sim.sim.stats };
  await action().catch(() => undefined);
  return { obo: sim.sim.stats.oboRequests - before.oboRequests, refresh: sim.sim.stats.refreshRequests - before.refreshRequests };
}

describe('on-behalf-of exchange', () => {
  it('gives a Graph token with Contacts.Read when consent is granted, and stores the grant with a refresh token', async () => {
    const { userId, ssoToken } = await connectedUser();
    const token = await brokerFor().broker.exchange(ssoToken, { tenantId, userId });
    expect(decodeJwt(token)).toMatchObject({ aud: 'https://graph.microsoft.com', tid: tenantId, oid: userId });
    expect(String(decodeJwt(token).scp).split(' ')).toContain('Contacts.Read');
    await expect(running.sim.verifyGraphToken(token)).resolves.toEqual({ tenantId, userId });
    expect(await userRow(userId)).toMatchObject({ [USER_TOKEN_PROPERTIES.grant]: expect.stringMatching(/^v1\./), reconnectNeeded: false });
    expect(await storedRefreshToken(userId)).toEqual(expect.any(String));
  });

  it('answers the first consent_required at once: one request to Entra, no waiting', async () => {
    const userId = randomUUID();
    const ssoToken = await running.sim.mintSsoToken({ tenantId, userId });
    const { broker, sleeps } = brokerFor({ delays: [10, 20, 30] });
    let error: AppError | undefined;
    const requests = await requestsDuring(async () => { error = await appErrorOf(broker.exchange(ssoToken, { tenantId, userId })); });
    expect(error).toMatchObject({ code: 'consent_required', status: 403 });
    expect(requests).toEqual({ obo: 1, refresh: 0 });
    expect(sleeps).toEqual([]);
    expect(error?.message).not.toContain(ssoToken);
  });

  it('waits out the consent\'s propagation only on the retry after the consent popup', async () => {
    const slow = await startEntraSimulator({ clientId, clientSecret, consentPropagationMs: 400 });
    try {
      const userId = randomUUID();
      const ssoToken = await slow.sim.mintSsoToken({ tenantId, userId });
      const { broker, sleeps } = brokerFor({ sim: slow, delays: [250, 250, 250, 250] });
      expect((await appErrorOf(broker.exchange(ssoToken, { tenantId, userId }))).code).toBe('consent_required');
      expect(sleeps).toEqual([]);
      slow.sim.setConsent(tenantId, userId, 'granted');
      const token = await broker.exchange(ssoToken, { tenantId, userId });
      expect(decodeJwt(token)).toMatchObject({ oid: userId });
      expect(sleeps.length).toBeGreaterThanOrEqual(1);
      expect(sleeps.length).toBeLessThan(4);
    } finally {
      await slow.stop();
    }
  });

  it('answers consent_required after the retries when the user did not consent in the popup', async () => {
    const userId = randomUUID();
    const ssoToken = await running.sim.mintSsoToken({ tenantId, userId });
    const { broker, sleeps } = brokerFor({ delays: [10, 20, 30] });
    await appErrorOf(broker.exchange(ssoToken, { tenantId, userId }));
    const requests = await requestsDuring(async () => {
      expect((await appErrorOf(broker.exchange(ssoToken, { tenantId, userId }))).code).toBe('consent_required');
    });
    expect(sleeps).toEqual([10, 20, 30]);
    expect(requests.obo).toBe(4);
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
  it('refreshes a Graph token from the grant a real exchange stored, and keeps the new refresh token', async () => {
    const { userId, ssoToken } = await connectedUser();
    await brokerFor().broker.exchange(ssoToken, { tenantId, userId });
    const first = await storedRefreshToken(userId);
    let token = '';
    const requests = await requestsDuring(async () => { token = await brokerFor().broker.tokenForBackground(tenantId, userId); });
    expect(requests).toEqual({ obo: 0, refresh: 1 });
    await expect(running.sim.verifyGraphToken(token)).resolves.toEqual({ tenantId, userId });
    const second = await storedRefreshToken(userId);
    expect(second).toEqual(expect.any(String));
    expect(second).not.toBe(first);
  });

  it('uses the stored Graph token while it has more than five minutes left', async () => {
    const long = await startEntraSimulator({ clientId, clientSecret, accessTokenLifetimeSec: 3600 });
    try {
      const { userId, ssoToken } = await connectedUser(long);
      const exchanged = await brokerFor({ sim: long }).broker.exchange(ssoToken, { tenantId, userId });
      let token = '';
      const requests = await requestsDuring(async () => { token = await brokerFor({ sim: long }).broker.tokenForBackground(tenantId, userId); }, long);
      expect(requests).toEqual({ obo: 0, refresh: 0 });
      expect(token).toBe(exchanged);
    } finally {
      await long.stop();
    }
  });

  it('answers reconnect_needed once the refresh token is revoked, after really asking Entra', async () => {
    const { userId, ssoToken } = await connectedUser();
    const { broker } = brokerFor();
    await broker.exchange(ssoToken, { tenantId, userId });
    await broker.tokenForBackground(tenantId, userId);
    running.sim.revokeSignInSessions(tenantId, userId);
    let error: AppError | undefined;
    const requests = await requestsDuring(async () => { error = await appErrorOf(broker.tokenForBackground(tenantId, userId)); });
    expect(error?.code).toBe('reconnect_needed');
    expect(requests).toEqual({ obo: 0, refresh: 1 });
    expect(await userRow(userId)).toMatchObject({ reconnectNeeded: true });
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
      reconnectNeeded: true, displayName: 'kept', lastSyncId: 's-1', [USER_TOKEN_PROPERTIES.grant]: expect.any(String),
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

  it('does not let one user\'s grant serve another (a copied value does not open)', async () => {
    const a = await connectedUser();
    const b = await connectedUser();
    await brokerFor().broker.exchange(a.ssoToken, { tenantId, userId: a.userId });
    const users = await tables.get(TABLES.users);
    const sealed = (await userRow(a.userId))?.[USER_TOKEN_PROPERTIES.grant];
    await users.upsertEntity({ partitionKey: tenantId, rowKey: b.userId, [USER_TOKEN_PROPERTIES.grant]: sealed }, 'Merge');
    await expect(brokerFor().broker.tokenForBackground(tenantId, b.userId)).rejects.toMatchObject({ code: 'reconnect_needed' });
  });
});

describe('Entra out of reach', () => {
  it('answers internal, not reconnect_needed, and leaves the stored grant alone', async () => {
    const { userId, ssoToken } = await connectedUser();
    await brokerFor().broker.exchange(ssoToken, { tenantId, userId });
    const down = await startEntraSimulator({ clientId, clientSecret });
    await down.stop();
    const { broker } = brokerFor({ sim: down });
    expect((await appErrorOf(broker.tokenForBackground(tenantId, userId))).code).toBe('internal');
    expect((await appErrorOf(broker.exchange(ssoToken, { tenantId, userId }))).code).toBe('internal');
    expect(await userRow(userId)).toMatchObject({ reconnectNeeded: false });
    await expect(brokerFor().broker.tokenForBackground(tenantId, userId)).resolves.toEqual(expect.any(String));
  });
});

describe('the stored grant', () => {
  it('is encrypted at rest: no refresh or access token in the stored value', async () => {
    const { userId, ssoToken } = await connectedUser();
    const graphToken = await brokerFor().broker.exchange(ssoToken, { tenantId, userId });
    const sealed = String((await userRow(userId))?.[USER_TOKEN_PROPERTIES.grant]);
    const refreshToken = await storedRefreshToken(userId);
    expect(refreshToken).toEqual(expect.any(String));
    const stored = `${sealed} ${Buffer.from(sealed.slice(3), 'base64').toString('latin1')}`;
    for (const secret of [String(refreshToken), graphToken, ssoToken]) expect(stored).not.toContain(secret);
    expect(stored).not.toMatch(/refreshToken|accessToken/);
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
