import { createTenantAllowList } from './admin/tenantAllowList';
import { createTenantGate } from './admin/tenantGate';
import { TenantSettingsRepository } from './admin/tenantSettingsRepository';
import { loadIdentityConfig, loadRateLimitConfig, loadSyncConfig } from './config';
import { createRateLimits, type RateLimits } from './http/rateLimiter';
import { createIdentityServices, type SsoTokenValidator } from './identity';
import { reusedToken } from './services/backgroundToken';
import { DEFAULT_POLICY } from './admin/tenantSettings';
import { PhonebookReader } from './phonebook/phonebookReader';
import { ContactQueryService } from './services/contactQueryService';
import { PhonebookService } from './services/phonebookService';
import { StorageSyncJobQueue } from './services/syncJobQueue';
import { SyncRequestService } from './services/syncRequestService';
import { SyncStatusService } from './services/syncStatusService';
import { SyncWorkerService } from './services/syncWorkerService';
import { TenantSettingsService } from './services/tenantSettingsService';
import { ContactDirectory } from './storage/contactDirectory';
import { MailboxStore } from './storage/mailboxStore';
import type { TableWriteMeter } from './storage/partitionTransaction';
import { SyncHistoryRepository } from './storage/syncHistoryRepository';
import { SyncLeaseRepository } from './storage/syncLeaseRepository';
import { TABLES, TableClientFactory } from './storage/tableClientFactory';
import { createSyncService } from './sync/syncServiceFactory';

/** Everything the functions call: built once per process from the app settings. */
export interface AppServices {
  /** SSO tokens of tenants with an enabled integration (every endpoint but the company settings). */
  validator: SsoTokenValidator;
  /** SSO tokens of any tenant, fully validated (the company settings, so an admin can enable the integration). */
  anyTenantValidator: SsoTokenValidator;
  /** Per-user and per-tenant limits of the endpoints that cost Entra, Graph or a partition scan (per instance). */
  rateLimits: RateLimits;
  syncRequests: SyncRequestService;
  syncStatus: SyncStatusService;
  contacts: ContactQueryService;
  /** Search, caller lookup, duplicates, channel bindings and the per-contact change log. */
  phonebook: PhonebookService;
  tenantSettings: TenantSettingsService;
  syncWorker: SyncWorkerService;
}

type Env = Record<string, string | undefined>;

let built: AppServices | undefined;

/**
 * The app's services, built on first use from `process.env` (the Functions app settings). A wrong or
 * missing setting throws `configuration_invalid` naming it, on every call until it is fixed. Tests change
 * nothing here: they start the local parts and pass their URLs as app settings.
 */
export function appServices(): AppServices {
  built ??= composeServices(process.env);
  return built;
}

/** The composition root: configuration, Table Storage, identity, the sync engine and the use cases. */
export function composeServices(env: Env): AppServices {
  const syncConfig = loadSyncConfig(env);
  const identityConfig = loadIdentityConfig(env);
  const tables = new TableClientFactory(syncConfig.storageConnection, syncConfig.tablePrefix);
  const settings = new TenantSettingsRepository(tables);
  const isTenantAllowed = createTenantAllowList(identityConfig.allowedTenants);
  const gate = createTenantGate(settings, { isAllowed: isTenantAllowed });
  const identity = createIdentityServices(identityConfig, {
    tables, isTenantAllowed, isTenantEnabled: (tenantId) => gate.isTenantEnabled(tenantId), log: brokerLog,
  });
  const meter = (): TableWriteMeter => ({ transactions: 0 });
  const leases = async () => new SyncLeaseRepository(await tables.get(TABLES.leases), meter(), syncConfig.syncLeaseMs);
  const history = async () => new SyncHistoryRepository(await tables.get(TABLES.syncs), meter());
  const sync = createSyncService({
    config: syncConfig, tables,
    tokenFor: (mailbox) => reusedToken(() => identity.broker.tokenForBackground(mailbox.tenantId, mailbox.userId)),
  });
  const queue = StorageSyncJobQueue.fromConnectionString(syncConfig.storageConnection, syncConfig.syncQueueName);
  return {
    validator: identity.validator,
    anyTenantValidator: identity.anyTenantValidator,
    rateLimits: createRateLimits(loadRateLimitConfig(env)),
    syncRequests: new SyncRequestService({
      settings, broker: identity.broker, leases, queue,
    }),
    syncStatus: new SyncStatusService({
      leases, history,
      folderStates: async (mailbox) => new MailboxStore(await tables.get(TABLES.contacts), mailbox, meter()).readFolderStates(),
    }),
    contacts: new ContactQueryService(async () => new ContactDirectory(await tables.get(TABLES.contacts))),
    phonebook: new PhonebookService({
      reader: async (mailbox) => new PhonebookReader(await tables.get(TABLES.contacts), mailbox, await tables.get(TABLES.phonebook)),
      directory: async () => new ContactDirectory(await tables.get(TABLES.contacts)),
      defaultRegion: async (tenantId) => (await settings.getPolicy(tenantId))?.defaultRegion ?? DEFAULT_POLICY.defaultRegion,
    }),
    tenantSettings: new TenantSettingsService({ store: settings, gate, clientId: identityConfig.clientId }),
    syncWorker: new SyncWorkerService({
      sync, queue, timeBudgetMs: syncConfig.syncTimeBudgetMs, isTenantEnabled: (tenantId) => gate.isTenantEnabled(tenantId),
    }),
  };
}

/** The token broker's process-wide log (it has no invocation); it reports ids only. */
const brokerLog = {
  warn(message: string, fields?: Record<string, unknown>): void {
    console.warn(`${message}${fields ? ` ${JSON.stringify(fields)}` : ''}`);
  },
};
