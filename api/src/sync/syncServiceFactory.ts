import type { SyncConfig } from '../config';
import type { MailboxRef } from '../contacts/contactModel';
import { GraphContactSource } from '../graph/graphContactSource';
import { type GraphTokenProvider, createGraphClient } from '../graph/graphClientFactory';
import { TenantSettingsRepository } from '../admin/tenantSettingsRepository';
import { importPolicyOf } from '../phonebook/importPolicy';
import { DuplicateKeeper } from '../phonebook/duplicateKeeper';
import { PhonebookIndexWriter } from '../phonebook/phonebookIndexWriter';
import { PhonebookReader } from '../phonebook/phonebookReader';
import { MailboxStore } from '../storage/mailboxStore';
import type { TableWriteMeter } from '../storage/partitionTransaction';
import { mailboxPartitionKey } from '../storage/tableKeys';
import { SummarizingHistoryRepository } from '../storage/summarizingHistory';
import { SyncLeaseRepository } from '../storage/syncLeaseRepository';
import { TABLES, TableClientFactory } from '../storage/tableClientFactory';
import { UserRowStore } from '../storage/userRowStore';
import { SyncService } from './syncService';

/** Options for {@link createSyncService}. */
export interface SyncServiceOptions {
  config: SyncConfig;
  /** The Graph token of a mailbox (on-behalf-of, the stored cache, or GRAPH_ACCESS_TOKEN). */
  tokenFor(mailbox: MailboxRef): GraphTokenProvider;
  tables?: TableClientFactory;
  /** Overrides `SYNC_LEASE_MS` (tests). */
  leaseMs?: number;
  /** The import alone, without the phonebook's index (the benchmark's floor). */
  withoutIndex?: boolean;
}

/** The phonebook index writer of a mailbox, with its list of suspected duplicates. */
export async function openPhonebookIndex(tables: TableClientFactory, mailbox: MailboxRef, meter?: TableWriteMeter): Promise<PhonebookIndexWriter> {
  const index = await tables.get(TABLES.phonebook);
  const partitionKey = mailboxPartitionKey(mailbox);
  const duplicates = new DuplicateKeeper(new PhonebookReader(await tables.get(TABLES.contacts), mailbox, index), index, partitionKey);
  return new PhonebookIndexWriter(index, partitionKey, duplicates, meter);
}

/** The sync use case wired to Table Storage and Microsoft Graph. */
export function createSyncService(options: SyncServiceOptions): SyncService {
  const { config } = options;
  const tables = options.tables ?? new TableClientFactory(config.storage, config.tablePrefix);
  const users = new UserRowStore(tables);
  return new SyncService({
    openStore: async (mailbox, meter) => new MailboxStore(await tables.get(TABLES.contacts), mailbox, meter),
    // A page's new and changed contacts are indexed before the page is stored: searchable once listed.
    openIndex: options.withoutIndex ? undefined : async (mailbox, meter) => openPhonebookIndex(tables, mailbox, meter),
    openSource: async (mailbox, attempt) => {
      const getToken = options.tokenFor(mailbox);
      // A token failure (reconnect_needed) surfaces here with its code; inside the Graph SDK it would be
      // wrapped into a nameless network error and retried as one.
      await getToken();
      const { client, meter } = createGraphClient({
        baseUrl: config.graphBaseUrl,
        getToken,
        maxConcurrency: config.graphMaxConcurrency,
        maxRetryAfterSeconds: config.graphMaxRetryAfterSeconds,
      });
      // Requests throttled inside $batches are retried past the budget only as long as a page in flight may
      // take (docs/architecture.md, "Sizing together"): the budget plus 5 waits of the Retry-After cap.
      const retryUntilMs = attempt.budgetEndsAtMs === undefined ? undefined : attempt.budgetEndsAtMs + 5 * config.graphMaxRetryAfterSeconds * 1000;
      return new GraphContactSource(client, config.graphBaseUrl, meter, { maxRetryAfterSeconds: config.graphMaxRetryAfterSeconds, retryUntilMs });
    },
    leases: async (meter) => new SyncLeaseRepository(await tables.get(TABLES.leases), meter, options.leaseMs ?? config.syncLeaseMs),
    // Each history save also keeps the user's last-sync summary (the health view, GET /api/me).
    history: async (meter) => new SummarizingHistoryRepository(await tables.get(TABLES.syncs), meter, users, console),
    importPolicy: async (mailbox) => importPolicyOf(await new TenantSettingsRepository(tables).getPolicy(mailbox.tenantId)),
  });
}
