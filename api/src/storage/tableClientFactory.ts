import { TableClient, TableServiceClient } from '@azure/data-tables';

/** Table names, one place. */
export const TABLES = {
  contacts: 'contacts',
  syncs: 'syncs',
  leases: 'leases',
  users: 'users',
  integrations: 'integrations',
  /** The schedule index: PartitionKey due bucket, RowKey mailbox (api/src/schedule/scheduleStore.ts). */
  schedules: 'schedules',
  /** The phonebook's index: PartitionKey = the mailbox partition key (erased with the mailbox). */
  phonebook: 'phonebook',
} as const;

export type TableName = (typeof TABLES)[keyof typeof TABLES];

/**
 * The tables whose PartitionKey is the mailbox partition key (`tableKeys.mailboxPartitionKey`): erasing a
 * user's data deletes their partition in each. A module that adds such a table lists it here; tables keyed
 * otherwise register a `MailboxEraser` (services/mailboxErasure.ts) instead.
 */
export const MAILBOX_TABLES: readonly TableName[] = [TABLES.contacts, TABLES.syncs, TABLES.leases, TABLES.phonebook];

/** Makes TableClients from one storage connection string; creates each table once per process. */
export class TableClientFactory {
  private readonly created = new Map<string, Promise<void>>();

  /**
   * @param connectionString `AzureWebJobsStorage`; an http endpoint (Azurite) is allowed only for loopback.
   * @param tablePrefix prepended to every table name (tests give each run its own tables).
   */
  constructor(private readonly connectionString: string, private readonly tablePrefix = '') {}

  /** A client for `name`, after the table exists. */
  async get(name: TableName): Promise<TableClient> {
    const fullName = `${this.tablePrefix}${name}`;
    const client = TableClient.fromConnectionString(this.connectionString, fullName, {
      allowInsecureConnection: isLoopbackHttp(this.connectionString),
    });
    let creation = this.created.get(fullName);
    if (!creation) {
      creation = client.createTable().catch((error: unknown) => {
        this.created.delete(fullName);
        throw error;
      });
      this.created.set(fullName, creation);
    }
    await creation;
    return client;
  }

  /** Lists the tables with this factory's prefix (for support tools and tests). */
  async listTables(): Promise<string[]> {
    const service = TableServiceClient.fromConnectionString(this.connectionString, {
      allowInsecureConnection: isLoopbackHttp(this.connectionString),
    });
    const names: string[] = [];
    for await (const table of service.listTables()) {
      if (table.name?.startsWith(this.tablePrefix)) names.push(table.name);
    }
    return names;
  }
}

/** True when the connection string points at http://127.0.0.1 or localhost (Azurite). */
export function isLoopbackHttp(connectionString: string): boolean {
  return /Endpoint=http:\/\/(127\.0\.0\.1|localhost)[:/]/i.test(connectionString)
    || /UseDevelopmentStorage=true/i.test(connectionString);
}
