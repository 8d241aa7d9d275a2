import { AppError } from './errors/appError';
import { type StorageAccount, connectionStringAccount } from './storage/storageAccount';

/**
 * Every setting the API reads, in one place. Each is read once, checked, and a wrong or missing one
 * fails with a message that names it. Production values are the defaults; local runs override by env.
 */

/** Azurite's well-known development connection string (documented by Microsoft; not a secret). */
export const AZURITE_DEV_CONNECTION = 'UseDevelopmentStorage=true';

type Env = Record<string, string | undefined>;

/** Settings of the sync engine. */
export interface SyncConfig {
  /** `AzureWebJobsStorage`: Table Storage and Queues. */
  storageConnection: string;
  /**
   * The storage account: `storageConnection`, or (when `AzureWebJobsStorage` is unset) the Functions app's
   * managed identity with `AzureWebJobsStorage__tableServiceUri` and `AzureWebJobsStorage__queueServiceUri`,
   * the identity-based settings the runtime itself uses (what the Bicep sets; account keys are off there).
   */
  storage: StorageAccount;
  /** `TABLE_PREFIX`: prefix of every table name ('' in production). */
  tablePrefix: string;
  /** `GRAPH_BASE_URL`: default `https://graph.microsoft.com/v1.0`. */
  graphBaseUrl: string;
  /** `GRAPH_ACCESS_TOKEN`: a Graph token used as is (support use and tests); optional. */
  graphAccessToken?: string;
  /** `GRAPH_MAX_CONCURRENCY`: Graph requests in flight per mailbox, 1–4 (default 4). */
  graphMaxConcurrency: number;
  /** `SYNC_QUEUE_NAME`: the queue of sync jobs (default `sync-jobs`). */
  syncQueueName: string;
  /**
   * `GRAPH_MAX_RETRY_AFTER_SECONDS`: longest Graph Retry-After a sync waits out (1–180, default 30); a
   * longer one fails the attempt as throttled and the queue retries it.
   */
  graphMaxRetryAfterSeconds: number;
  /** `SYNC_LEASE_MS`: a sync's lease lives this long unless renewed (renewed every third); default 60 s. */
  syncLeaseMs: number;
  /**
   * `SYNC_TIME_BUDGET_MS`: a queued sync stops after this long and queues its continuation; default 6 min,
   * below the 10-minute function timeout (see docs/architecture.md, "Lease, budget and continuation").
   */
  syncTimeBudgetMs: number;
}

/** Defaults of the lease and the time budget; their sizing is explained in docs/architecture.md. */
export const SYNC_TIMING_DEFAULTS = { leaseMs: 60_000, timeBudgetMs: 6 * 60_000, maxRetryAfterSeconds: 30 } as const;

/** Settings of identity: token validation, on-behalf-of, the token cache. */
export interface IdentityConfig {
  /** `ENTRA_AUTHORITY_HOST`: default `https://login.microsoftonline.com`. */
  authorityHost: string;
  /** `ENTRA_NETWORK_URL`: where msal-node and jose actually send requests (local authority); optional. */
  authorityNetworkUrl?: string;
  /** `M365_CLIENT_ID`: the Entra app's Application (client) ID. */
  clientId: string;
  /** `M365_CLIENT_SECRET`: the Entra app's client secret. */
  clientSecret: string;
  /** `TOKEN_CACHE_KEY`: base64 of 32 bytes, the AES-GCM key of stored MSAL caches. */
  tokenCacheKey: Buffer;
  /** `TAB_DOMAIN`: the tab's host; `api://{tabDomain}/{clientId}` is then an accepted audience. Optional. */
  tabDomain?: string;
  /**
   * `ALLOWED_TENANTS`: the tenants this deployment serves, lower-case ids, or `any` (a multi-tenant
   * operator). Required outside local runs, where it defaults to `any`.
   */
  allowedTenants: 'any' | string[];
}

/** Limits of the endpoints that cost Entra, Graph or a partition scan, per instance (token buckets). */
export interface RateLimitConfig {
  /** `RATE_LIMIT_USER_PER_MINUTE`: requests per user and minute to each such endpoint (default 10). */
  perUserPerMinute: number;
  /** `RATE_LIMIT_TENANT_PER_MINUTE`: requests per tenant and minute to each such endpoint (default 300). */
  perTenantPerMinute: number;
}

export function loadSyncConfig(env: Env = process.env): SyncConfig {
  const local = isLocal(env);
  const storage = readStorageAccount(env, local);
  const storageConnection = storage.kind === 'connectionString' ? storage.connectionString : '';
  const graphBaseUrl = (env.GRAPH_BASE_URL ?? 'https://graph.microsoft.com/v1.0').replace(/\/+$/, '');
  if (!isServiceUrl(graphBaseUrl)) fail('GRAPH_BASE_URL', `must be an https URL such as https://graph.microsoft.com/v1.0${LOOPBACK_NOTE}`);
  const graphMaxConcurrency = Number(env.GRAPH_MAX_CONCURRENCY ?? '4');
  if (!Number.isInteger(graphMaxConcurrency) || graphMaxConcurrency < 1 || graphMaxConcurrency > 4) {
    fail('GRAPH_MAX_CONCURRENCY', 'must be a whole number from 1 to 4');
  }
  const tablePrefix = env.TABLE_PREFIX ?? '';
  if (!/^[A-Za-z]?[A-Za-z0-9]*$/.test(tablePrefix)) fail('TABLE_PREFIX', 'may hold only letters and digits, starting with a letter');
  const syncQueueName = readSyncQueueName(env);
  const graphAccessToken = env.GRAPH_ACCESS_TOKEN || undefined;
  const syncLeaseMs = readMs(env, 'SYNC_LEASE_MS', SYNC_TIMING_DEFAULTS.leaseMs, 1_000, 10 * 60_000);
  const graphMaxRetryAfterSeconds = readWhole(env, 'GRAPH_MAX_RETRY_AFTER_SECONDS', SYNC_TIMING_DEFAULTS.maxRetryAfterSeconds, 1, 180, 'seconds');
  // The budget must leave a page's Graph retries and the end phase inside the 10-minute function timeout.
  const syncTimeBudgetMs = readMs(env, 'SYNC_TIME_BUDGET_MS', SYNC_TIMING_DEFAULTS.timeBudgetMs, 1_000, 7 * 60_000);
  return {
    storageConnection, storage, tablePrefix, graphBaseUrl, graphAccessToken, graphMaxConcurrency, syncQueueName,
    graphMaxRetryAfterSeconds, syncLeaseMs, syncTimeBudgetMs,
  };
}

/** `AzureWebJobsStorage` (a connection string), else the identity-based `AzureWebJobsStorage__*ServiceUri` pair. */
function readStorageAccount(env: Env, local: boolean): StorageAccount {
  const connectionString = env.AzureWebJobsStorage ?? (local && !env.AzureWebJobsStorage__tableServiceUri ? AZURITE_DEV_CONNECTION : undefined);
  if (connectionString !== undefined) {
    if (!/AccountName=|UseDevelopmentStorage=true|TableEndpoint=/i.test(connectionString)) fail('AzureWebJobsStorage', 'is not a storage connection string');
    return connectionStringAccount(connectionString);
  }
  const tableServiceUri = env.AzureWebJobsStorage__tableServiceUri;
  const queueServiceUri = env.AzureWebJobsStorage__queueServiceUri;
  if (!tableServiceUri && !queueServiceUri) {
    fail('AzureWebJobsStorage', 'is not set; give the storage account connection string, or AzureWebJobsStorage__tableServiceUri and AzureWebJobsStorage__queueServiceUri for the managed identity');
  }
  for (const [name, value] of [['AzureWebJobsStorage__tableServiceUri', tableServiceUri], ['AzureWebJobsStorage__queueServiceUri', queueServiceUri]] as const) {
    if (!value || !value.startsWith('https://')) fail(name, 'must be the https endpoint of the storage account (its managed identity reaches it)');
  }
  return { kind: 'identity', tableServiceUri: tableServiceUri as string, queueServiceUri: queueServiceUri as string };
}

/** A whole number of milliseconds from `min` to `max`, or the default when unset. */
function readMs(env: Env, setting: string, fallback: number, min: number, max: number): number {
  return readWhole(env, setting, fallback, min, max, 'milliseconds');
}

/** A whole number of `unit` from `min` to `max`, or the default when unset. */
function readWhole(env: Env, setting: string, fallback: number, min: number, max: number, unit: string): number {
  const raw = env[setting];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < min || value > max) fail(setting, `must be a whole number of ${unit} from ${min} to ${max}`);
  return value;
}

export function loadIdentityConfig(env: Env = process.env): IdentityConfig {
  const authorityHost = (env.ENTRA_AUTHORITY_HOST ?? 'https://login.microsoftonline.com').replace(/\/+$/, '');
  if (!authorityHost.startsWith('https://')) fail('ENTRA_AUTHORITY_HOST', 'must be an https URL');
  const authorityNetworkUrl = env.ENTRA_NETWORK_URL?.replace(/\/+$/, '') || undefined;
  if (authorityNetworkUrl && !isServiceUrl(authorityNetworkUrl)) fail('ENTRA_NETWORK_URL', `must be an https URL${LOOPBACK_NOTE}`);
  const clientId = env.M365_CLIENT_ID ?? '';
  if (!/^[0-9a-f-]{36}$/i.test(clientId)) fail('M365_CLIENT_ID', 'must be the Entra app\'s Application (client) ID, a GUID');
  const clientSecret = env.M365_CLIENT_SECRET ?? '';
  if (!clientSecret) fail('M365_CLIENT_SECRET', 'is not set; give the Entra app\'s client secret');
  const tokenCacheKey = Buffer.from(env.TOKEN_CACHE_KEY ?? '', 'base64');
  if (tokenCacheKey.length !== 32) fail('TOKEN_CACHE_KEY', 'must be base64 of 32 random bytes (openssl rand -base64 32)');
  const tabDomain = readTabDomain(env);
  const allowedTenants = readAllowedTenants(env);
  return { authorityHost, authorityNetworkUrl, clientId, clientSecret, tokenCacheKey, tabDomain, allowedTenants };
}

/** `RATE_LIMIT_USER_PER_MINUTE` and `RATE_LIMIT_TENANT_PER_MINUTE` (whole numbers, 1–100 000). */
export function loadRateLimitConfig(env: Env = process.env): RateLimitConfig {
  return {
    perUserPerMinute: readCount(env, 'RATE_LIMIT_USER_PER_MINUTE', 10),
    perTenantPerMinute: readCount(env, 'RATE_LIMIT_TENANT_PER_MINUTE', 300),
  };
}

function readCount(env: Env, setting: string, fallback: number): number {
  const value = Number(env[setting] ?? fallback);
  if (!Number.isInteger(value) || value < 1 || value > 100_000) fail(setting, 'must be a whole number from 1 to 100000');
  return value;
}

/** A host name with an optional port, as in the tab's URL; no scheme, no path. */
function readTabDomain(env: Env): string | undefined {
  const tabDomain = env.TAB_DOMAIN?.trim().toLowerCase() || undefined;
  if (tabDomain && !/^[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)*(:\d{1,5})?$/.test(tabDomain)) {
    fail('TAB_DOMAIN', 'must be the host of the tab, such as contoso.azurewebsites.net (no https://, no path)');
  }
  return tabDomain;
}

/** `any`, or a comma list of tenant ids; no default in production: the operator says whom the deployment serves. */
function readAllowedTenants(env: Env): 'any' | string[] {
  const value = (env.ALLOWED_TENANTS ?? (isLocal(env) ? 'any' : '')).trim();
  if (!value) fail('ALLOWED_TENANTS', 'is not set; give your Directory (tenant) ID, a comma list of tenant IDs, or "any"');
  if (value.toLowerCase() === 'any') return 'any';
  const ids = value.split(',').map((id) => id.trim().toLowerCase()).filter(Boolean);
  if (!ids.length || !ids.every((id) => TENANT_ID.test(id))) fail('ALLOWED_TENANTS', 'must be "any" or a comma list of Directory (tenant) IDs (GUIDs)');
  return ids;
}

/** Settings of the Teams bot (`/api/messages` and the notifier of finished syncs). */
export interface BotConfig {
  /** `BOT_ID`: the bot's Entra app (client) id, or its managed identity's client id. '' only in local mode. */
  appId: string;
  /** `BOT_APP_TYPE`: `SingleTenant` (own app + `BOT_PASSWORD`) or `UserAssignedMSI`. */
  appType: 'SingleTenant' | 'UserAssignedMSI';
  /** `BOT_TENANT_ID`: the directory of the bot's identity. */
  tenantId: string;
  /** `BOT_PASSWORD`: the bot app's secret (SingleTenant). */
  password: string;
  /** `TEAMS_APP_ID`: the Teams app's id, for the deep link that opens its Contacts tab. */
  teamsAppId: string;
}

/**
 * `BOT_ID`, `BOT_APP_TYPE`, `BOT_TENANT_ID`, `BOT_PASSWORD`, `TEAMS_APP_ID`. An empty `BOT_ID` turns Bot
 * Framework authentication off, which only a local run may do.
 */
export function loadBotConfig(env: Env = process.env): BotConfig {
  const appId = env.BOT_ID?.trim() ?? '';
  const appType = env.BOT_APP_TYPE || 'SingleTenant';
  if (appType !== 'SingleTenant' && appType !== 'UserAssignedMSI') fail('BOT_APP_TYPE', 'must be SingleTenant or UserAssignedMSI');
  const tenantId = env.BOT_TENANT_ID?.trim().toLowerCase() ?? '';
  const password = env.BOT_PASSWORD ?? '';
  const teamsAppId = env.TEAMS_APP_ID?.trim() ?? '';
  if (!/^[0-9a-f-]{36}$/i.test(teamsAppId)) fail('TEAMS_APP_ID', 'must be the Teams app id (a GUID) from the app package');
  if (!appId) {
    if (!isLocal(env)) fail('BOT_ID', 'is not set; give the bot\'s Entra app (client) ID or managed identity client ID');
    return { appId, appType, tenantId, password, teamsAppId };
  }
  if (!/^[0-9a-f-]{36}$/i.test(appId)) fail('BOT_ID', 'must be a GUID');
  if (!TENANT_ID.test(tenantId)) fail('BOT_TENANT_ID', 'must be the Directory (tenant) ID of the bot\'s identity');
  if (appType === 'SingleTenant' && !password) fail('BOT_PASSWORD', 'is not set; a SingleTenant bot needs its app secret');
  return { appId, appType, tenantId, password, teamsAppId };
}

/**
 * `SYNC_RESULTS_QUEUE_NAME` (default `sync-results`): where finished syncs and refused background starts are
 * announced for the bot's notifier; read at import, like the sync queue.
 */
export function readSyncResultsQueueName(env: Env = process.env): string {
  const name = env.SYNC_RESULTS_QUEUE_NAME ?? 'sync-results';
  if (!/^[a-z0-9](?:[a-z0-9-]{1,61})[a-z0-9]$/.test(name)) fail('SYNC_RESULTS_QUEUE_NAME', 'is not a valid queue name');
  return name;
}


/**
 * `SYNC_QUEUE_NAME` (default `sync-jobs`). Also read on its own where the queue trigger is registered, at
 * import, before the rest of the configuration is needed.
 */
export function readSyncQueueName(env: Env = process.env): string {
  const syncQueueName = env.SYNC_QUEUE_NAME ?? 'sync-jobs';
  if (!/^[a-z0-9](?:[a-z0-9-]{1,61})[a-z0-9]$/.test(syncQueueName)) fail('SYNC_QUEUE_NAME', 'is not a valid queue name');
  return syncQueueName;
}

/**
 * `NOTIFICATION_URL`: where Microsoft Graph posts change notifications, this app's `/api/notifications`
 * (e.g. `https://<app>.azurewebsites.net/api/notifications`, what the Bicep sets). Unset: instant sync is
 * unavailable whatever the policy says.
 */
export function readNotificationUrl(env: Env = process.env): string | undefined {
  const url = env.NOTIFICATION_URL;
  if (url === undefined || url === '') return undefined;
  if (!isServiceUrl(url)) fail('NOTIFICATION_URL', `must be an https URL such as https://contoso-sync.azurewebsites.net/api/notifications${LOOPBACK_NOTE}`);
  return url;
}

/** Local development: the Functions host's own flag, or our local host's. */
function isLocal(env: Env): boolean {
  return env.AZURE_FUNCTIONS_ENVIRONMENT === 'Development' || env.CONTACT_SYNC_LOCAL === '1';
}

const TENANT_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const LOOPBACK_NOTE = ' (plain http only on loopback: 127.0.0.1, ::1 or localhost)';
const LOOPBACK_HOSTS = new Set(['127.0.0.1', '[::1]', 'localhost']);

/**
 * An https URL, or plain http to this machine (the local simulators). Plain http elsewhere would send
 * tokens in clear text, so a mistyped override must fail at start-up, not leak.
 */
export function isServiceUrl(value: string): boolean {
  try {
    const url = new URL(value);
    if (url.username || url.password) return false;
    return url.protocol === 'https:' || (url.protocol === 'http:' && LOOPBACK_HOSTS.has(url.hostname));
  } catch {
    return false;
  }
}

function fail(setting: string, problem: string): never {
  throw new AppError('configuration_invalid', `Setting ${setting} ${problem}.`, { details: { setting } });
}
