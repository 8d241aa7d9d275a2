import { randomBytes } from 'node:crypto';
import { QueueClient } from '@azure/storage-queue';
import { startAzurite, type AzuriteInstance } from '../azurite/azuriteProcess';
import { startGraphSimulator, simToken } from '../graphSimulator';
import { loadSyncConfig, type SyncConfig } from '../../../api/src/config';
import type { MailboxRef, StoredContact } from '../../../api/src/contacts/contactModel';
import { ContactDirectory } from '../../../api/src/storage/contactDirectory';
import { type FolderState, MailboxStore } from '../../../api/src/storage/mailboxStore';
import { SyncLeaseRepository } from '../../../api/src/storage/syncLeaseRepository';
import { SyncHistoryRepository, type SyncRecord } from '../../../api/src/storage/syncHistoryRepository';
import { TABLES, TableClientFactory } from '../../../api/src/storage/tableClientFactory';
import { type SyncJob, StorageSyncJobQueue, syncJobSchema } from '../../../api/src/services/syncJobQueue';
import { type SyncJobOutcome, SyncWorkerService } from '../../../api/src/services/syncWorkerService';
import type { SyncResult } from '../../../api/src/services/syncResultQueue';
import type { SyncRequest, SyncSummary } from '../../../api/src/sync/syncService';
import { createSyncService } from '../../../api/src/sync/syncServiceFactory';

type Simulator = Awaited<ReturnType<typeof startGraphSimulator>>;

/** Azurite and the Graph simulator, started for one test file; each test gets its own tables. */
export class SyncHarness {
  private constructor(readonly azurite: AzuriteInstance, readonly graph: Simulator) {}

  static async start(): Promise<SyncHarness> {
    const [azurite, graph] = await Promise.all([startAzurite(), startGraphSimulator()]);
    return new SyncHarness(azurite, graph);
  }

  async stop(): Promise<void> {
    await Promise.all([this.azurite.stop(), this.graph.stop()]);
  }

  /** A fresh mailbox: its own tables and its own simulator mailbox. */
  mailbox(): TestMailbox {
    const id = randomBytes(4).toString('hex');
    return new TestMailbox(this, { tenantId: `tenant-${id}`, userId: `user-${id}` }, `t${id}`);
  }
}

export class TestMailbox {
  readonly config: SyncConfig;
  readonly tables: TableClientFactory;

  constructor(private readonly harness: SyncHarness, readonly ref: MailboxRef, private readonly tablePrefix: string) {
    this.config = loadSyncConfig({
      AzureWebJobsStorage: harness.azurite.connectionString,
      TABLE_PREFIX: tablePrefix,
      GRAPH_BASE_URL: harness.graph.baseUrl,
    });
    this.tables = new TableClientFactory(this.config.storageConnection, tablePrefix);
  }

  get source() {
    return this.harness.graph.sim.mailbox(this.ref.tenantId, this.ref.userId);
  }

  get sim() {
    return this.harness.graph.sim;
  }

  sync(options: Partial<SyncRequest> & { leaseMs?: number } = {}): Promise<SyncSummary> {
    return this.service(options.leaseMs).run({ mailbox: this.ref, trigger: 'cli', ...options });
  }

  private service(leaseMs?: number) {
    const token = simToken(this.ref.tenantId, this.ref.userId);
    return createSyncService({ config: this.config, tables: this.tables, leaseMs, tokenFor: () => () => Promise.resolve(token) });
  }

  /** This mailbox's own sync queue in Azurite (continuations are sent there). */
  get queue(): QueueClient {
    return new QueueClient(this.harness.azurite.connectionString, `q${this.tablePrefix.toLowerCase()}`);
  }

  /** The queue worker as the Functions app wires it, on this mailbox's queue, with the given time budget. */
  /** A sync worker on this mailbox's queue; `results` are what it announced to the bot's notifier. */
  worker(timeBudgetMs: number, leaseMs?: number): { runJob(job: SyncJob): Promise<SyncJobOutcome>; lines: string[]; results: SyncResult[] } {
    const lines: string[] = [];
    const results: SyncResult[] = [];
    const worker = new SyncWorkerService({
      sync: this.service(leaseMs), isTenantEnabled: () => Promise.resolve(true), timeBudgetMs, queue: new StorageSyncJobQueue(this.queue),
      results: { send: (result) => { results.push(result); return Promise.resolve(); } },
    });
    const log = { log: (line: string) => lines.push(line), warn: (line: string) => lines.push(line) };
    return { runJob: (job) => worker.runJob(job, log), lines, results };
  }

  /** Takes the next job off this mailbox's queue (deleting it), or undefined when the queue is empty. */
  async nextJob(): Promise<SyncJob | undefined> {
    const queue = this.queue;
    await queue.createIfNotExists();
    const [message] = (await queue.receiveMessages({ numberOfMessages: 1 })).receivedMessageItems;
    if (!message) return undefined;
    await queue.deleteMessage(message.messageId, message.popReceipt);
    return syncJobSchema.parse(JSON.parse(Buffer.from(message.messageText, 'base64').toString('utf8')));
  }

  async contacts(): Promise<StoredContact[]> {
    const directory = new ContactDirectory(await this.tables.get(TABLES.contacts));
    const contacts: StoredContact[] = [];
    for await (const contact of directory.all(this.ref)) contacts.push(contact);
    return contacts;
  }

  /** Resolves once a sync of this mailbox holds its lease. */
  async waitForLease(): Promise<void> {
    const leases = new SyncLeaseRepository(await this.tables.get(TABLES.leases), { transactions: 0 }, 1000);
    for (;;) {
      const row = await leases.peek(this.ref);
      if (row && row.expiresAt > Date.now()) return;
      await new Promise((r) => setTimeout(r, 10));
    }
  }

  /** Resolves once no sync of this mailbox holds its lease (a crashed one's has expired). */
  async waitForLeaseExpiry(): Promise<void> {
    const leases = new SyncLeaseRepository(await this.tables.get(TABLES.leases), { transactions: 0 }, 1000);
    while (((await leases.peek(this.ref))?.expiresAt ?? 0) >= Date.now()) await new Promise((r) => setTimeout(r, 20));
  }

  /** Reserves the lease as `POST /api/sync` does; returns the reserved sync id. */
  async reserve(options: { fresh: boolean }): Promise<string> {
    const leases = new SyncLeaseRepository(await this.tables.get(TABLES.leases), { transactions: 0 }, 60_000);
    const syncId = randomBytes(8).toString('hex');
    const row = await leases.reserve(this.ref, {
      fresh: options.fresh, newSync: () => ({ syncId, historyKey: SyncHistoryRepository.historyKey(Date.now(), syncId) }),
    }, 60_000);
    return row.syncId;
  }

  /** The per-folder checkpoints of the mailbox. */
  async folderStates(): Promise<FolderState[]> {
    return new MailboxStore(await this.tables.get(TABLES.contacts), this.ref, { transactions: 0 }).readFolderStates();
  }

  /** The mailbox's sync history, newest first. */
  async history(): Promise<SyncRecord[]> {
    return new SyncHistoryRepository(await this.tables.get(TABLES.syncs), { transactions: 0 }).list(this.ref, 20);
  }

  async directory(): Promise<ContactDirectory> {
    return new ContactDirectory(await this.tables.get(TABLES.contacts));
  }
}
