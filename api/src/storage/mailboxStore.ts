import { RestError, type TableClient } from '@azure/data-tables';
import type { MailboxRef } from '../contacts/contactModel';
import { type ProblemCounts, type SyncCounts, parseCounts, parseProblemCounts } from '../sync/syncCounts';
import { type ContactRow, contactRowKey, fromContactEntity } from './contactEntity';
import { inParallel } from './inParallel';
import { PartitionFence } from './partitionFence';
import { PartitionTransaction, type TableWriteMeter } from './partitionTransaction';
import { ROW_PREFIX, encodeKey, mailboxPartitionKey, odataString, rowKindFilter } from './tableKeys';
import { textField } from './entityFields';
import { type DuplicateKeys, duplicateKeysJson, parseDuplicateKeys } from '../phonebook/duplicateKeys';

/** The sync's progress in one contact folder; stored in the mailbox's partition beside its contacts. */
export interface FolderState {
  folderId: string;
  displayName: string;
  /** Where the next sync of this folder starts; '' before the first complete round. */
  deltaLink: string;
  /** ISO time the delta link was stored ('' when unknown). */
  deltaLinkAt: string;
  /** The sync whose round the fields below describe. */
  roundSyncId: string;
  /** 'delta' from a delta link; 'full' when the folder is listed from scratch. */
  roundMode: 'delta' | 'full';
  /** The checkpoint: the next page to fetch; '' once the round is done. */
  nextLink: string;
  roundDone: boolean;
  pagesDone: number;
  /** Counts of this round's stored pages. */
  counts: SyncCounts;
  /** Contact problems of this round's stored pages, per code (exact: a replayed page is not counted twice). */
  problemCounts?: ProblemCounts;
  /** Whether contacts were stored for this folder before the round (a full round must reconcile). */
  reconcile: boolean;
  /**
   * pagesDone when the listing last restarted from its first page (a refused link); 0 or absent if it
   * never did. Contacts this round stamped on pages up to here count as unseen until listed again.
   */
  restartedAt?: number;
  /** Numbers and addresses this round's pages added or changed: their suspected duplicates are refreshed at the end. */
  duplicateKeys?: DuplicateKeys;
}

/** A contact a folder reported gone, decided at the end of the sync (it may have moved to another folder). */
export interface RemovalMarker {
  contactId: string;
  folderId: string;
  /**
   * Set once decided: 'deleted'; 'moved' when the contact turned up in another folder; 'present' when
   * Graph reported it in the folder again after the removal.
   */
  outcome: '' | 'deleted' | 'moved' | 'present';
  /**
   * The folder page that reported it (`folderId#n`); the later of a removal and a sighting wins. `end`:
   * staged by the end phase (not seen by a full listing, or the folder is gone).
   */
  unit?: string;
}

const READ_CONCURRENCY = 16;

/** The sync's view of one mailbox's partition: point reads, folder states, removal markers, transactions. */
export class MailboxStore {
  readonly partitionKey: string;
  private fence?: PartitionFence;

  constructor(private readonly client: TableClient, mailbox: MailboxRef, readonly meter: TableWriteMeter) {
    this.partitionKey = mailboxPartitionKey(mailbox);
  }

  transaction(): PartitionTransaction {
    return new PartitionTransaction(this.client, this.meter, this.fence);
  }

  /**
   * Fences every later transaction of this store to the lease `holder` (see {@link PartitionFence}); take
   * it before reading checkpoints, so that what is read is what no earlier worker can change any more.
   */
  async takeFence(holder: string, syncId: string, check: () => void, generation = 0): Promise<void> {
    this.meter.transactions += 1;
    this.fence = await PartitionFence.take(this.client, this.partitionKey, holder, syncId, check, generation);
  }

  /** Point reads of only the given contacts (never the whole mailbox). */
  async readContacts(ids: Iterable<string>): Promise<Map<string, ContactRow>> {
    const found = new Map<string, ContactRow>();
    await inParallel(new Set(ids), READ_CONCURRENCY, async (id) => {
      const row = await this.readContact(id);
      if (row) found.set(id, row);
    });
    return found;
  }

  async readContact(id: string): Promise<ContactRow | undefined> {
    try {
      return fromContactEntity(await this.client.getEntity(this.partitionKey, contactRowKey(id)));
    } catch (error) {
      if (error instanceof RestError && error.statusCode === 404) return undefined;
      throw error;
    }
  }

  /** One row of the partition as stored; `undefined` when there is none. */
  async readRow(rowKey: string): Promise<Record<string, unknown> | undefined> {
    try {
      return await this.client.getEntity(this.partitionKey, rowKey);
    } catch (error) {
      if (error instanceof RestError && error.statusCode === 404) return undefined;
      throw error;
    }
  }

  async readFolderStates(): Promise<FolderState[]> {
    const states: FolderState[] = [];
    const rows = this.client.listEntities({ queryOptions: { filter: rowKindFilter(this.partitionKey, ROW_PREFIX.folder) } });
    for await (const row of rows) states.push(folderStateFrom(row));
    return states;
  }

  folderStateEntity(state: FolderState): { partitionKey: string; rowKey: string } & Record<string, unknown> {
    return {
      partitionKey: this.partitionKey,
      rowKey: this.folderRowKey(state.folderId),
      ...state,
      counts: JSON.stringify(state.counts),
      problemCounts: JSON.stringify(state.problemCounts ?? {}),
      duplicateKeys: duplicateKeysJson(state.duplicateKeys),
    };
  }

  folderRowKey(folderId: string): string {
    return ROW_PREFIX.folder + encodeKey(folderId);
  }

  removalMarkerEntity(syncId: string, marker: RemovalMarker): { partitionKey: string; rowKey: string } & Record<string, unknown> {
    return { partitionKey: this.partitionKey, rowKey: this.removalMarkerKey(syncId, marker.contactId), ...marker };
  }

  removalMarkerKey(syncId: string, contactId: string): string {
    return `${ROW_PREFIX.removal}${encodeKey(syncId)}:${encodeKey(contactId)}`;
  }

  async *removalMarkers(syncId: string): AsyncIterable<RemovalMarker & { rowKey: string }> {
    const rows = this.client.listEntities({
      queryOptions: { filter: rowKindFilter(this.partitionKey, `${ROW_PREFIX.removal}${encodeKey(syncId)}:`) },
    });
    for await (const row of rows) {
      yield {
        rowKey: row.rowKey ?? '',
        contactId: textField(row.contactId),
        folderId: textField(row.folderId),
        outcome: (row.outcome as RemovalMarker['outcome']) ?? '',
        unit: textField(row.unit),
      };
    }
  }

  /** Row keys of the removal markers of every sync but `syncId` (left by a sync that never finished). */
  async *otherSyncsMarkerKeys(syncId: string): AsyncIterable<string> {
    const own = `${ROW_PREFIX.removal}${encodeKey(syncId)}:`;
    const rows = this.client.listEntities({ queryOptions: { filter: rowKindFilter(this.partitionKey, ROW_PREFIX.removal), select: ['RowKey'] } });
    for await (const row of rows) {
      if (row.rowKey && !row.rowKey.startsWith(own)) yield row.rowKey;
    }
  }

  /** How many contacts carry a stamp of `syncId` in `unit` (the end phase's deletions survive its markers). */
  async countStamped(syncId: string, unit: string): Promise<number> {
    const filter = `${rowKindFilter(this.partitionKey, ROW_PREFIX.contact)} and syncId eq '${odataString(syncId)}' and syncUnit eq '${odataString(unit)}'`;
    let count = 0;
    for await (const row of this.client.listEntities({ queryOptions: { filter, select: ['RowKey'] } })) count += row.rowKey ? 1 : 0;
    return count;
  }

  /** Active contacts of a folder; with `notStampedBy`, only those that sync has not written. */
  async *activeContacts(folderId: string, notStampedBy?: string): AsyncIterable<ContactRow> {
    const filter = `${rowKindFilter(this.partitionKey, ROW_PREFIX.contact)} and folderId eq '${odataString(folderId)}'`
      + ' and deletedAtSource eq false' + (notStampedBy === undefined ? '' : ` and syncId ne '${odataString(notStampedBy)}'`);
    for await (const row of this.client.listEntities({ queryOptions: { filter } })) yield fromContactEntity(row);
  }
}

function folderStateFrom(row: Record<string, unknown>): FolderState {
  return {
    folderId: textField(row.folderId),
    displayName: textField(row.displayName),
    deltaLink: textField(row.deltaLink),
    deltaLinkAt: textField(row.deltaLinkAt),
    roundSyncId: textField(row.roundSyncId),
    roundMode: row.roundMode === 'delta' ? 'delta' : 'full',
    nextLink: textField(row.nextLink),
    roundDone: row.roundDone === true,
    pagesDone: typeof row.pagesDone === 'number' ? row.pagesDone : 0,
    counts: parseCounts(row.counts),
    problemCounts: parseProblemCounts(row.problemCounts),
    reconcile: row.reconcile === true,
    restartedAt: typeof row.restartedAt === 'number' ? row.restartedAt : 0,
    duplicateKeys: parseDuplicateKeys(row.duplicateKeys),
  };
}
