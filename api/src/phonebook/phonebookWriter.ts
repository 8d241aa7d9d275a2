import type { Classification } from '../contacts/classifyContact';
import type { StoredContact } from '../contacts/contactModel';
import type { PartitionTransaction } from '../storage/partitionTransaction';
import { changeEntry } from './changeLog';
import { changeRow } from './phonebookRows';

type Entity = Record<string, unknown> & { partitionKey: string; rowKey: string };

/** One contact the import writes, with what the phonebook needs to know about it. */
export interface ContactWrite {
  syncId: string;
  /** The unit of work (a folder's page, or the end phase). */
  unit: string;
  /** The contact's row as it will be stored. */
  entity: Entity;
  /** The stored row's ETag (an update); none for a create. */
  etag?: string;
  /** The contact as stored before this sync's decision. */
  before?: StoredContact;
  decision: Classification;
}

/**
 * Stages a contact write with its change-log entry in the same transaction (so a page replayed after a
 * crash finds both or neither: the log is as exact as the counts). The phonebook's index rows are written
 * before the page's transaction (`PhonebookIndexWriter`), in their own table's partitions.
 */
export function stageContactWrite(transaction: PartitionTransaction, write: ContactWrite): void {
  const { entity } = write;
  const change = changeEntry(write.before, write.decision);
  transaction.together(() => {
    if (write.etag) transaction.update(entity, write.etag);
    else transaction.create(entity);
    if (change) transaction.upsert(changeRow(entity.partitionKey, write.syncId, write.unit, change));
  });
}
