import { createTenantAllowList } from './admin/tenantAllowList';
import { createTenantGate } from './admin/tenantGate';
import { TenantSettingsRepository } from './admin/tenantSettingsRepository';
import { loadIdentityConfig, loadRateLimitConfig, loadSyncConfig, readNotificationUrl, readSyncResultsQueueName, type SyncConfig } from './config';
import type { MailboxRef } from './contacts/contactModel';
import { appThrottle } from './graph/appThrottle';
import { createGraphClient } from './graph/graphClientFactory';
import { GraphSubscriptionApi } from './notifications/graphSubscriptions';
import { InstantState } from './notifications/instantState';
import { NotificationIntake } from './notifications/notificationIntake';
import { StorageNotificationJobQueue } from './notifications/notificationJobQueue';
import { NotificationWorker } from './notifications/notificationWorker';
import { RenewalPlanner } from './notifications/renewalPlanner';
import { SubscriptionKeeper } from './notifications/subscriptionKeeper';
import { SubscriptionStore } from './notifications/subscriptionStore';
import { createRateLimits, type RateLimits } from './http/rateLimiter';
import { TableUserTokenCacheStore, createIdentityServices, type SsoTokenValidator } from './identity';
import { reusedToken } from './services/backgroundToken';
import { DEFAULT_POLICY } from './admin/tenantSettings';
import { PhonebookEraser } from './phonebook/phonebookEraser';
import { PhonebookReader } from './phonebook/phonebookReader';
import { ContactQueryService } from './services/contactQueryService';
import { DisconnectService } from './services/disconnectService';
import { MeService } from './services/meService';
import { OrgHealthService } from './services/orgHealthService';
import { PhonebookService } from './services/phonebookService';
import { StorageSyncJobQueue } from './services/syncJobQueue';
import { SyncRequestService } from './services/syncRequestService';
import { SyncStatusService } from './services/syncStatusService';
import { StorageSyncResultQueue } from './services/syncResultQueue';
import { SyncWorkerService } from './services/syncWorkerService';
import { TenantSettingsService } from './services/tenantSettingsService';
import { ContactDirectory } from './storage/contactDirectory';
import { MailboxStore } from './storage/mailboxStore';
import { erasePartition } from './storage/partitionEraser';
import type { TableWriteMeter } from './storage/partitionTransaction';
import { SyncHistoryRepository } from './storage/syncHistoryRepository';
import { SyncLeaseRepository } from './storage/syncLeaseRepository';
import { MAILBOX_TABLES, TABLES, TableClientFactory } from './storage/tableClientFactory';
import { UserRowStore } from './storage/userRowStore';
import { createSyncService } from './sync/syncServiceFactory';
import { ScheduleEraser } from './schedule/scheduleEraser';
import { ScheduleService } from './schedule/scheduleService';
import { ScheduleStore } from './schedule/scheduleStore';
import { SyncPlanner } from './schedule/syncPlanner';

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
  me: MeService;
  orgHealth: OrgHealthService;
  disconnect: DisconnectService;
  /** The user's schedule (`/api/me/schedule`); also the `ScheduleReader` of `GET /api/me` and the bot. */
  schedules: ScheduleService;
  /** The timer's use case: starts the scheduled syncs that are due. */
  planner: SyncPlanner;
  /** Removes a user's planned run from the schedule index (keyed by bucket, not by mailbox). */
  scheduleEraser: ScheduleEraser;
  /** `POST /api/notifications`: Graph's change and lifecycle notifications, checked and queued. */
  notificationIntake: NotificationIntake;
  /** The notification queue's use case: the mailbox's incremental sync, a renewal or a re-creation. */
  notificationWorker: NotificationWorker;
  /** The renewal timer's use case: subscriptions renewed daily, and a safety sync for idle mailboxes. */
  renewals: RenewalPlanner;
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
  const tables = new TableClientFactory(syncConfig.storage, syncConfig.tablePrefix);
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
  const users = new UserRowStore(tables);
  const results = StorageSyncResultQueue.forAccount(syncConfig.storage, readSyncResultsQueueName(env));
  const queue = StorageSyncJobQueue.forAccount(syncConfig.storage, syncConfig.syncQueueName);
  const scheduleStore = async () => new ScheduleStore(await tables.get(TABLES.users), await tables.get(TABLES.schedules));
  const schedules = new ScheduleService({ store: scheduleStore, settings, broker: identity.broker });
  const scheduleEraser = new ScheduleEraser(scheduleStore);
  const instant = composeInstantSync(env, syncConfig, tables, {
    instantAllowed: async (tenantId) => ((await settings.getPolicy(tenantId)) ?? DEFAULT_POLICY).instantSync,
    tokenFor: (mailbox) => identity.broker.tokenForBackground(mailbox.tenantId, mailbox.userId),
  });
  const syncRequests = new SyncRequestService({
    settings, leases, queue, names: users,
    // A successful exchange is a reconnect: scheduled runs paused for it are planned again.
    broker: {
      exchange: async (token, who) => {
        const accessToken = await identity.broker.exchange(token, who);
        await schedules.resumeAfterReconnect({ tenantId: who.tenantId, userId: who.userId });
        return accessToken;
      },
      tokenForBackground: (tenantId, userId) => identity.broker.tokenForBackground(tenantId, userId),
    },
  });
  return {
    validator: identity.validator,
    anyTenantValidator: identity.anyTenantValidator,
    rateLimits: createRateLimits(loadRateLimitConfig(env)),
    syncRequests,
    schedules,
    planner: new SyncPlanner({
      store: scheduleStore, requests: syncRequests, throttle: appThrottle, log: console,
      results,
    }),
    scheduleEraser,
    syncStatus: new SyncStatusService({
      leases, history,
      folderStates: async (mailbox) => new MailboxStore(await tables.get(TABLES.contacts), mailbox, meter()).readFolderStates(),
    }),
    contacts: new ContactQueryService(async () => new ContactDirectory(await tables.get(TABLES.contacts))),
    phonebook: new PhonebookService({
      reader: async (mailbox) => new PhonebookReader(await tables.get(TABLES.contacts), mailbox, await tables.get(TABLES.phonebook)),
      directory: async () => new ContactDirectory(await tables.get(TABLES.contacts)),
      defaultRegion: async (tenantId) => (await settings.getPolicy(tenantId))?.defaultRegion ?? DEFAULT_POLICY.defaultRegion,
      folderNames: async (mailbox) => {
        const states = await new MailboxStore(await tables.get(TABLES.contacts), mailbox, meter()).readFolderStates();
        return new Map(states.map((state) => [state.folderId, state.displayName]));
      },
    }),
    tenantSettings: new TenantSettingsService({ store: settings, gate, clientId: identityConfig.clientId }),
    me: new MeService({ settings, users, history, schedules, isTenantEnabled: (tenantId) => gate.isTenantEnabled(tenantId) }),
    orgHealth: new OrgHealthService({ users }),
    disconnect: new DisconnectService({
      grants: new TableUserTokenCacheStore(tables), leases, users, mailboxTables: MAILBOX_TABLES,
      erasePartition: async (table, partitionKey, options) => erasePartition(await tables.get(table), partitionKey, options),
      // Other modules' tables that are not keyed by the mailbox partition: their MailboxErasers.
      erasers: [scheduleEraser, new PhonebookEraser(() => tables.get(TABLES.phonebook))],
      dropSubscriptions: (mailbox) => instant.keeper.drop(mailbox, 'off'),
    }),
    syncWorker: new SyncWorkerService({
      sync, queue, timeBudgetMs: syncConfig.syncTimeBudgetMs, isTenantEnabled: (tenantId) => gate.isTenantEnabled(tenantId),
      results, afterCompleted: (mailbox) => instant.keeper.ensure(mailbox),
    }),
    notificationIntake: instant.intake,
    notificationWorker: new NotificationWorker({
      store: instant.store, keeper: instant.keeper, requests: syncRequests, queue: instant.queue, results, instantAllowed: instant.instantAllowed,
    }),
    renewals: new RenewalPlanner({
      store: instant.store, keeper: instant.keeper, state: instant.state, requests: syncRequests, results,
      lastCompletedAt: async (mailbox) => (await users.read(mailbox))?.lastCompletedAt ?? '',
    }),
  };
}

/** Instant sync's parts: the subscription store and keeper, the users-row state, the intake and its queue. */
function composeInstantSync(env: Env, config: SyncConfig, tables: TableClientFactory, deps: {
  instantAllowed: (tenantId: string) => Promise<boolean>;
  tokenFor: (mailbox: MailboxRef) => Promise<string>;
}) {
  const store = async () => new SubscriptionStore(await tables.get(TABLES.subscriptions));
  const state = new InstantState(() => tables.get(TABLES.users));
  const queue = StorageNotificationJobQueue.forAccount(config.storage);
  const notificationUrl = readNotificationUrl(env);
  const keeper = new SubscriptionKeeper({
    store, state, notificationUrl, instantAllowed: deps.instantAllowed,
    api: async (mailbox) => {
      const getToken = reusedToken(() => (config.graphAccessToken ? Promise.resolve(config.graphAccessToken) : deps.tokenFor(mailbox)));
      await getToken();
      return new GraphSubscriptionApi(createGraphClient({
        baseUrl: config.graphBaseUrl, maxConcurrency: config.graphMaxConcurrency, maxRetryAfterSeconds: config.graphMaxRetryAfterSeconds, getToken,
      }).client);
    },
    folderIds: async (mailbox) => (await new MailboxStore(await tables.get(TABLES.contacts), mailbox, { transactions: 0 }).readFolderStates()).map((folder) => folder.folderId),
  });
  return { store, state, queue, keeper, instantAllowed: deps.instantAllowed, intake: new NotificationIntake({ store, queue }) };
}

/** The token broker's process-wide log (it has no invocation); it reports ids only. */
const brokerLog = {
  warn(message: string, fields?: Record<string, unknown>): void {
    console.warn(`${message}${fields ? ` ${JSON.stringify(fields)}` : ''}`);
  },
};
