import { RestError, type TableClient, type TransactionAction } from '@azure/data-tables';
import type { MailboxRef } from '../contacts/contactModel';
import { ROW_PREFIX, mailboxPartitionKey, odataString, rowKindFilter } from '../storage/tableKeys';
import { fromContactEntity } from '../storage/contactEntity';
import { indexRow } from './phonebookRows';
import { DuplicateKeeper, REBUILD_ABOVE_KEYS } from './duplicateKeeper';
import { PhonebookReader } from './phonebookReader';
import { type IndexKey, contactIndexKeys } from './searchKeys';

type Entity = ReturnType<typeof indexRow>;

/** Table Storage's limit of actions in one transaction (all in one partition). */
const MAX_BATCH = 100;
/** Transactions in flight at once: each goes to its own index partition's share of the throughput. */
const IN_FLIGHT = 8;

/**
 * Builds the phonebook's index for what one sync wrote, after the sync (off its critical path): every
 * contact of the mailbox's partition stamped by `syncId` as new or updated gets an upsert of each of its
 * index keys, in transactions of at most 100 rows of one index partition, several partitions at once.
 * Idempotent (inserts, or upserts where rows exist), so a crashed or repeated job just writes them again;
 * keys an updated contact no longer has stay behind and are dropped when read (`PhonebookService` checks
 * each hit against the contact).
 */
export class PhonebookIndexer {
  /**
   * `contacts`: the contacts table (read); `index`: the phonebook table (written); `rebuildAbove`: see
   * `DuplicateKeeper` (the list of suspected duplicates is brought up to date after the rows).
   */
  constructor(private readonly contacts: TableClient, private readonly index: TableClient, private readonly rebuildAbove = REBUILD_ABOVE_KEYS) {}

  /** Indexes the contacts `syncId` wrote as new or updated; returns the number of index rows upserted. */
  async indexSync(mailbox: MailboxRef, syncId: string): Promise<number> {
    const partitionKey = mailboxPartitionKey(mailbox);
    const filter = `${rowKindFilter(partitionKey, ROW_PREFIX.contact)} and syncId eq '${odataString(syncId)}'`
      + " and (syncOutcome eq 'new' or syncOutcome eq 'updated')";
    const sender = new BatchSender((rows) => this.submit(rows));
    const byPartition = new Map<string, Entity[]>();
    const shared = new Set<IndexKey>(); // numbers and addresses: what duplicates share
    for await (const entity of this.contacts.listEntities({ queryOptions: { filter } })) {
      const { contact } = fromContactEntity(entity);
      for (const key of contactIndexKeys(contact)) {
        if (key.startsWith('n') || key.startsWith('e')) shared.add(key);
        const row = indexRow(partitionKey, key, contact.id);
        const batch = byPartition.get(row.partitionKey) ?? [];
        byPartition.set(row.partitionKey, batch);
        batch.push(row);
        if (batch.length === MAX_BATCH) await sender.send(batch.splice(0));
      }
    }
    for (const batch of byPartition.values()) if (batch.length > 0) await sender.send(batch);
    const written = await sender.finish();
    await new DuplicateKeeper(new PhonebookReader(this.contacts, mailbox, this.index), this.index, partitionKey, this.rebuildAbove).refresh(shared);
    return written;
  }

  /**
   * Inserts the batch; when a row exists already (a repeated job, or an updated contact's kept keys) the
   * transaction fails whole and is sent again as upserts. Inserts first because a first import's rows are
   * all new, and Azurite's upserts get slower with the table's size far faster than its inserts (21,000
   * rows: about 2 minutes against 20 s); on Azure both cost the same.
   */
  private async submit(rows: Entity[]): Promise<number> {
    try {
      await this.index.submitTransaction(rows.map((row): TransactionAction => ['create', row]));
    } catch (error) {
      if (!(error instanceof RestError && error.statusCode === 409)) throw error;
      await this.index.submitTransaction(rows.map((row): TransactionAction => ['upsert', row, 'Replace']));
    }
    return rows.length;
  }
}

/** Sends batches with at most {@link IN_FLIGHT} at once; the first failure fails `send` or `finish`. */
class BatchSender {
  private readonly running = new Set<Promise<void>>();
  private failure: { error: unknown } | undefined;
  private written = 0;

  constructor(private readonly submit: (rows: Entity[]) => Promise<number>) {}

  async send(rows: Entity[]): Promise<void> {
    while (this.running.size >= IN_FLIGHT) await Promise.race(this.running);
    this.throwIfFailed();
    const sending: Promise<void> = this.submit(rows)
      .then((written) => { this.written += written; }, (error: unknown) => { this.failure ??= { error }; })
      .finally(() => this.running.delete(sending));
    this.running.add(sending);
  }

  async finish(): Promise<number> {
    await Promise.all(this.running);
    this.throwIfFailed();
    return this.written;
  }

  private throwIfFailed(): void {
    if (this.failure) throw this.failure.error;
  }
}
