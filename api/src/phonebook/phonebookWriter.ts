import type { Classification } from '../contacts/classifyContact';
import type { StoredContact } from '../contacts/contactModel';
import type { PartitionTransaction } from '../storage/partitionTransaction';
import { changeEntry } from './changeLog';
import { changeRow, indexRow } from './phonebookRows';
import { contactIndexKeys } from './searchKeys';

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
 * crash finds both or neither: the log is as exact as the counts), and the contact's index rows ahead of
 * the unit (idempotent upserts, checked against the contact when read, so a crash leaves extra rows,
 * never missing ones). Keys a contact no longer has stay behind and are dropped when read.
 */
export function stageContactWrite(transaction: PartitionTransaction, write: ContactWrite): void {
  const { entity } = write;
  const change = changeEntry(write.before, write.decision);
  transaction.together(() => {
    if (write.etag) transaction.update(entity, write.etag);
    else transaction.create(entity);
    if (change) transaction.upsert(changeRow(entity.partitionKey, write.syncId, write.unit, change));
  });
  for (const key of newIndexKeys(write.before, write.decision)) transaction.lead(indexRow(entity.partitionKey, key, write.decision.contact.id));
}

/** The keys a contact gains: all of a new one's, an updated one's new ones (its other rows exist). */
function newIndexKeys(before: StoredContact | undefined, decision: Classification): string[] {
  if (decision.outcome !== 'new' && decision.outcome !== 'updated') return [];
  const had = new Set(before ? contactIndexKeys(before) : []);
  return contactIndexKeys(decision.contact).filter((key) => !had.has(key));
}
