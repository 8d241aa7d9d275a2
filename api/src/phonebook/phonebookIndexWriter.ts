import { RestError, type TableClient, type TransactionAction } from '@azure/data-tables';
import type { StoredContact } from '../contacts/contactModel';
import { inParallel } from '../storage/inParallel';
import { type TableWriteMeter, refusal } from '../storage/partitionTransaction';
import { DuplicateKeeper } from './duplicateKeeper';
import type { DuplicateKeys } from './duplicateKeys';
import { indexRow } from './phonebookRows';
import { contactIndexKeys } from './searchKeys';

type Entity = ReturnType<typeof indexRow>;

/** The fields of a contact its index rows are made of. */
export type IndexedContact = Pick<StoredContact, 'id' | 'firstName' | 'lastName' | 'companyName' | 'email' | 'phoneE164'>;

/** What the import asks of the phonebook: index a page's contacts before they are stored; keep the duplicates. */
export interface PhonebookIndexing {
  /** Writes the index rows of contacts about to be stored (a page's new and changed ones). */
  write(contacts: readonly IndexedContact[]): Promise<void>;
  /** Brings the list of suspected duplicates up to date for these number and address keys (or all of them). */
  refreshDuplicates(keys: DuplicateKeys): Promise<void>;
}

/** Table Storage's limit of actions in one transaction (all in one partition). */
const MAX_BATCH = 100;
/** Transactions in flight at once: each goes to its own index partition's share of the throughput. */
export const INDEX_TRANSACTIONS_IN_FLIGHT = 8;

/**
 * Writes the phonebook index rows of the contacts a page stores, before the page's own transaction: every
 * key of each contact, grouped by index partition, in transactions of at most 100 rows, several partitions
 * at once. So a contact is found by search and caller lookup from the moment it is stored (and listed).
 * Idempotent (inserts, or upserts where rows exist): a page written again after a crash writes the same
 * rows; the rows of a contact whose page never committed, and the keys a changed contact no longer has,
 * stay behind and are dropped when read (every hit is checked against the stored contact).
 */
export class PhonebookIndexWriter implements PhonebookIndexing {
  constructor(
    private readonly index: TableClient,
    private readonly mailboxPartition: string,
    private readonly duplicates: DuplicateKeeper,
    private readonly meter: TableWriteMeter = { transactions: 0 },
  ) {}

  async write(contacts: readonly IndexedContact[]): Promise<void> {
    const byPartition = new Map<string, Entity[]>();
    for (const contact of contacts) {
      for (const key of contactIndexKeys(contact)) {
        const row = indexRow(this.mailboxPartition, key, contact.id);
        const rows = byPartition.get(row.partitionKey) ?? [];
        byPartition.set(row.partitionKey, rows);
        rows.push(row);
      }
    }
    const batches = [...byPartition.values()].flatMap((rows) => chunks(rows, MAX_BATCH));
    await inParallel(batches, INDEX_TRANSACTIONS_IN_FLIGHT, (rows) => this.submit(rows));
  }

  async refreshDuplicates(keys: DuplicateKeys): Promise<void> {
    if (keys === 'all') await this.duplicates.rebuild();
    else if (keys.length > 0) await this.duplicates.refresh(new Set(keys));
  }

  /**
   * Inserts the batch; when a row exists already (a page written again, or a changed contact's kept keys)
   * the transaction fails whole and is sent again as upserts. Inserts first because a first import's rows
   * are all new, and Azurite's upserts get slower with the table's size far faster than its inserts
   * (21,000 rows: about 2 minutes against 20 s); on Azure both cost the same.
   */
  private async submit(rows: Entity[]): Promise<void> {
    this.meter.transactions += 1;
    const creates = rows.map((row): TransactionAction => ['create', row]);
    try {
      await this.index.submitTransaction(creates);
    } catch (error) {
      // A row Table Storage refuses names its contact: the page is stored again without that contact.
      if (!(error instanceof RestError && error.statusCode === 409)) throw refusal(error, creates) ?? error;
      this.meter.transactions += 1;
      const upserts = rows.map((row): TransactionAction => ['upsert', row, 'Replace']);
      await this.index.submitTransaction(upserts).catch((again: unknown) => { throw refusal(again, upserts) ?? again; });
    }
  }
}

function chunks<T>(items: T[], size: number): T[][] {
  const out: T[][] = [];
  for (let start = 0; start < items.length; start += size) out.push(items.slice(start, start + size));
  return out;
}
