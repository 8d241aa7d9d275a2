import { settingRefused } from '../../tools/src/testing/settingRefused';
import { randomBytes } from 'node:crypto';
import { SYNC_TIMING_DEFAULTS, loadIdentityConfig, loadRateLimitConfig, loadSyncConfig, readSyncResultsQueueName } from './config';

const TENANT = '0b3b7f5e-8c1e-4a57-9a0e-3c2f1d4e5a6b';
const identity = {
  M365_CLIENT_ID: '11111111-2222-3333-4444-555555555555', M365_CLIENT_SECRET: 's',
  TOKEN_CACHE_KEY: randomBytes(32).toString('base64'), ALLOWED_TENANTS: TENANT,
};
const storage = { AzureWebJobsStorage: 'UseDevelopmentStorage=true' };


describe('service URL overrides', () => {
  it.each([
    ['https://graph.microsoft.com/v1.0', true],
    ['https://graph.example.test/v1.0', true],
    ['http://127.0.0.1:41234/v1.0', true],
    ['http://localhost:41234/v1.0', true],
    ['http://[::1]:41234/v1.0', true],
    ['http://graph.microsoft.com/v1.0', false],
    ['http://127.0.0.1.evil.example/v1.0', false],
    ['http://localhost.evil.example/v1.0', false],
    ['http://10.0.0.5/v1.0', false],
    ['http://0.0.0.0:8080/v1.0', false],
    ['https://user:pass@graph.microsoft.com/v1.0', false],
    ['ftp://127.0.0.1/v1.0', false],
    ['graph.microsoft.com', false],
  ])('GRAPH_BASE_URL and ENTRA_NETWORK_URL %s → accepted: %p', (url, accepted) => {
    expect(settingRefused(() => loadSyncConfig({ ...storage, GRAPH_BASE_URL: url }))).toBe(accepted ? undefined : 'GRAPH_BASE_URL');
    expect(settingRefused(() => loadIdentityConfig({ ...identity, ENTRA_NETWORK_URL: url }))).toBe(accepted ? undefined : 'ENTRA_NETWORK_URL');
  });
});

describe('tenants and audience settings', () => {
  it.each([
    ['any', 'any'],
    ['ANY', 'any'],
    [TENANT.toUpperCase(), [TENANT]],
    [` ${TENANT} , 8a4e1c2d-0000-4000-8000-000000000001 `, [TENANT, '8a4e1c2d-0000-4000-8000-000000000001']],
  ])('ALLOWED_TENANTS=%p reads as %p', (value, expected) => {
    expect(loadIdentityConfig({ ...identity, ALLOWED_TENANTS: value }).allowedTenants).toEqual(expected);
  });

  it.each([
    ['unset in production', { ALLOWED_TENANTS: undefined }],
    ['empty', { ALLOWED_TENANTS: ' ' }],
    ['a name instead of an id', { ALLOWED_TENANTS: 'contoso.onmicrosoft.com' }],
    ['"all"', { ALLOWED_TENANTS: 'all' }],
  ])('refuses ALLOWED_TENANTS %s', (_name, change) => {
    expect(settingRefused(() => loadIdentityConfig({ ...identity, ...change }))).toBe('ALLOWED_TENANTS');
  });

  it('lets local runs default ALLOWED_TENANTS to any', () => {
    expect(loadIdentityConfig({ ...identity, ALLOWED_TENANTS: undefined, CONTACT_SYNC_LOCAL: '1' }).allowedTenants).toBe('any');
  });

  it.each([
    ['contoso.azurewebsites.net', 'contoso.azurewebsites.net'],
    ['Localhost:53000', 'localhost:53000'],
    [undefined, undefined],
  ])('TAB_DOMAIN=%p reads as %p', (value, expected) => {
    expect(loadIdentityConfig({ ...identity, TAB_DOMAIN: value }).tabDomain).toBe(expected);
  });

  it.each(['https://contoso.example', 'contoso.example/tab', 'evil.example/x', '*.example', 'a..b'])('refuses TAB_DOMAIN %p', (value) => {
    expect(settingRefused(() => loadIdentityConfig({ ...identity, TAB_DOMAIN: value }))).toBe('TAB_DOMAIN');
  });
});

describe('rate limit settings', () => {
  it('defaults to 10 per user and 300 per tenant a minute', () => {
    expect(loadRateLimitConfig({})).toEqual({ perUserPerMinute: 10, perTenantPerMinute: 300 });
  });

  it.each([
    ['RATE_LIMIT_USER_PER_MINUTE', '0'], ['RATE_LIMIT_USER_PER_MINUTE', '2.5'], ['RATE_LIMIT_TENANT_PER_MINUTE', 'many'],
  ])('refuses %s=%p', (setting, value) => {
    expect(settingRefused(() => loadRateLimitConfig({ [setting]: value }))).toBe(setting);
  });
});

describe('sync timing settings', () => {
  it('defaults the lease and the time budget', () => {
    expect(loadSyncConfig(storage)).toMatchObject({
      syncLeaseMs: SYNC_TIMING_DEFAULTS.leaseMs, syncTimeBudgetMs: SYNC_TIMING_DEFAULTS.timeBudgetMs,
      graphMaxRetryAfterSeconds: SYNC_TIMING_DEFAULTS.maxRetryAfterSeconds,
    });
  });

  it.each([
    ['SYNC_LEASE_MS', '30000', { syncLeaseMs: 30_000 }],
    ['SYNC_TIME_BUDGET_MS', '1500', { syncTimeBudgetMs: 1500 }],
    ['GRAPH_MAX_RETRY_AFTER_SECONDS', '120', { graphMaxRetryAfterSeconds: 120 }],
  ])('reads %s=%s', (setting, value, expected) => {
    expect(loadSyncConfig({ ...storage, [setting]: value })).toMatchObject(expected);
  });

  it.each([
    ['SYNC_LEASE_MS', 'soon'], ['SYNC_LEASE_MS', '999'], ['SYNC_LEASE_MS', '1.5'],
    ['SYNC_TIME_BUDGET_MS', '600000'], ['SYNC_TIME_BUDGET_MS', '-1'],
    ['GRAPH_MAX_RETRY_AFTER_SECONDS', '0'], ['GRAPH_MAX_RETRY_AFTER_SECONDS', '181'],
  ])('refuses %s=%s, naming the setting', (setting, value) => {
    expect(settingRefused(() => loadSyncConfig({ ...storage, [setting]: value }))).toBe(setting);
  });
});

describe('SYNC_RESULTS_QUEUE_NAME', () => {
  it.each([[undefined, 'sync-results'], ['results-2', 'results-2'], ['Bad_Name', undefined], ['ab', undefined]])('%p → %p', (value, expected) => {
    const env = value === undefined ? {} : { SYNC_RESULTS_QUEUE_NAME: value };
    if (expected === undefined) expect(settingRefused(() => readSyncResultsQueueName(env))).toBe('SYNC_RESULTS_QUEUE_NAME');
    else expect(readSyncResultsQueueName(env)).toBe(expected);
  });
});

describe('the storage account', () => {
  const TABLES_URI = 'https://contososync.table.core.windows.net/';
  const QUEUES_URI = 'https://contososync.queue.core.windows.net/';

  it('takes a connection string as it is', () => {
    expect(loadSyncConfig(storage).storage).toEqual({ kind: 'connectionString', connectionString: 'UseDevelopmentStorage=true' });
  });

  it('reaches the account by managed identity with the runtime\'s identity-based settings (no account key)', () => {
    const config = loadSyncConfig({ AzureWebJobsStorage__tableServiceUri: TABLES_URI, AzureWebJobsStorage__queueServiceUri: QUEUES_URI });
    expect(config.storage).toEqual({ kind: 'identity', tableServiceUri: TABLES_URI, queueServiceUri: QUEUES_URI });
  });

  it.each([
    [{}, 'AzureWebJobsStorage'],
    [{ AzureWebJobsStorage: 'not a connection string' }, 'AzureWebJobsStorage'],
    [{ AzureWebJobsStorage__tableServiceUri: TABLES_URI }, 'AzureWebJobsStorage__queueServiceUri'],
    [{ AzureWebJobsStorage__queueServiceUri: QUEUES_URI }, 'AzureWebJobsStorage__tableServiceUri'],
    [{ AzureWebJobsStorage__tableServiceUri: 'http://contososync.table.core.windows.net/', AzureWebJobsStorage__queueServiceUri: QUEUES_URI }, 'AzureWebJobsStorage__tableServiceUri'],
  ])('refuses %p, naming %s', (env, setting) => {
    expect(settingRefused(() => loadSyncConfig(env))).toBe(setting);
  });
});
