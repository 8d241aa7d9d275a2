import type { SyncConfig } from '../config';
import type { MailboxRef } from '../contacts/contactModel';
import { GraphContactSource } from '../graph/graphContactSource';
import { type GraphTokenProvider, createGraphClient } from '../graph/graphClientFactory';
import { MailboxStore } from '../storage/mailboxStore';
import { SyncHistoryRepository } from '../storage/syncHistoryRepository';
import { SyncLeaseRepository } from '../storage/syncLeaseRepository';
import { TABLES, TableClientFactory } from '../storage/tableClientFactory';
import { SyncService } from './syncService';

/** A lease outlives a stalled worker by this much; a live sync renews it after every page. */
export const DEFAULT_LEASE_MS = 60_000;

/** Options for {@link createSyncService}. */
export interface SyncServiceOptions {
  config: SyncConfig;
  /** The Graph token of a mailbox (on-behalf-of, the stored cache, or GRAPH_ACCESS_TOKEN). */
  tokenFor(mailbox: MailboxRef): GraphTokenProvider;
  tables?: TableClientFactory;
  leaseMs?: number;
}

/** The sync use case wired to Table Storage and Microsoft Graph. */
export function createSyncService(options: SyncServiceOptions): SyncService {
  const { config } = options;
  const tables = options.tables ?? new TableClientFactory(config.storageConnection, config.tablePrefix);
  return new SyncService({
    openStore: async (mailbox, meter) => new MailboxStore(await tables.get(TABLES.contacts), mailbox, meter),
    openSource: (mailbox) => {
      const { client, meter } = createGraphClient({
        baseUrl: config.graphBaseUrl,
        getToken: options.tokenFor(mailbox),
        maxConcurrency: config.graphMaxConcurrency,
      });
      return Promise.resolve(new GraphContactSource(client, config.graphBaseUrl, meter));
    },
    leases: async (meter) => new SyncLeaseRepository(await tables.get(TABLES.leases), meter, options.leaseMs ?? DEFAULT_LEASE_MS),
    history: async (meter) => new SyncHistoryRepository(await tables.get(TABLES.syncs), meter),
  });
}
