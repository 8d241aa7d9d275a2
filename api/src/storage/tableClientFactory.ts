import type { TableClient } from '@azure/data-tables';
import { type StorageAccount, connectionStringAccount, tableClient, tableServiceClient } from './storageAccount';

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
  /** Graph change-notification subscriptions, the coalescing marks and the renewal index (api/src/notifications). */
  subscriptions: 'subscriptions',
} as const;

export type TableName = (typeof TABLES)[keyof typeof TABLES];

/**
 * The tables whose PartitionKey is the mailbox partition key (`tableKeys.mailboxPartitionKey`): erasing a
 * user's data deletes their partition in each. A module that adds such a table lists it here; tables keyed
 * otherwise register a `MailboxEraser` (services/mailboxErasure.ts) instead: the phonebook's index, spread
 * over several partitions per mailbox (`PhonebookEraser`), and the schedule index.
 */
export const MAILBOX_TABLES: readonly TableName[] = [TABLES.contacts, TABLES.syncs, TABLES.leases];

/** Makes TableClients of one storage account; creates each table once per process. */
export class TableClientFactory {
  private readonly created = new Map<string, Promise<void>>();
  private readonly account: StorageAccount;

  /**
   * @param account the storage account, or a connection string (`AzureWebJobsStorage`; an http endpoint
   *   (Azurite) is allowed only for loopback).
   * @param tablePrefix prepended to every table name (tests give each run its own tables).
   */
  constructor(account: StorageAccount | string, private readonly tablePrefix = '') {
    this.account = typeof account === 'string' ? connectionStringAccount(account) : account;
  }

  /** A client for `name`, after the table exists. */
  async get(name: TableName): Promise<TableClient> {
    const fullName = `${this.tablePrefix}${name}`;
    const client = tableClient(this.account, fullName);
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
    const service = tableServiceClient(this.account);
    const names: string[] = [];
    for await (const table of service.listTables()) {
      if (table.name?.startsWith(this.tablePrefix)) names.push(table.name);
    }
    return names;
  }
}
