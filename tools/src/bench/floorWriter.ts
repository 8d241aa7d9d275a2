import type { TableClient, TransactionAction } from '@azure/data-tables';
import { MAX_TRANSACTION_ACTIONS } from '../../../api/src/storage/partitionTransaction';
import { ROW_PREFIX, encodeKey } from '../../../api/src/storage/tableKeys';
import type { FloorFolder, GraphPage } from './floorGraph';

type Entity = Record<string, unknown> & { partitionKey: string; rowKey: string };

/** How a page is written: creates for a first listing (as the engine does), upserts for a delta round. */
export type WriteMode = 'create' | 'upsert';

const RUN_ID = 'floor';

/**
 * Writes each delta page as the engine does — one entity per entry (a contact row, or a removal marker for
 * `@removed`) and the folder's checkpoint row last — in sequential transactions of ≤ 100 actions in one
 * partition. Entities carry the engine's property names with the raw values copied across (no parsing,
 * no choosing), so they are about the engine's size.
 */
export class FloorWriter {
  /** Transactions submitted so far. */
  transactions = 0;
  /** Entities written so far. */
  entities = 0;

  constructor(private readonly client: TableClient, private readonly partitionKey: string, private readonly rowKeyPrefix = '') {}

  async writePage(folder: FloorFolder, page: GraphPage, pageNumber: number, mode: WriteMode): Promise<void> {
    const unit = `${folder.id}#${pageNumber}`;
    const actions: TransactionAction[] = page.value.map((entry) => '@removed' in entry
      ? ['upsert', this.marker(folder.id, entry), 'Replace']
      : mode === 'create' ? ['create', this.contact(folder.id, entry, unit)] : ['upsert', this.contact(folder.id, entry, unit), 'Replace']);
    actions.push(['upsert', this.checkpoint(folder, page, pageNumber), 'Replace']);
    for (let start = 0; start < actions.length; start += MAX_TRANSACTION_ACTIONS) {
      this.transactions += 1;
      await this.client.submitTransaction(actions.slice(start, start + MAX_TRANSACTION_ACTIONS));
    }
    this.entities += actions.length;
  }

  private contact(folderId: string, entry: Record<string, unknown>, unit: string): Entity {
    const phone = text(entry.mobilePhone) || first(entry.businessPhones);
    const emails = Array.isArray(entry.emailAddresses) ? entry.emailAddresses as Array<{ address?: unknown }> : [];
    return {
      partitionKey: this.partitionKey,
      rowKey: this.rowKeyPrefix + ROW_PREFIX.contact + encodeKey(String(entry.id)),
      id: entry.id, folderId,
      firstName: text(entry.givenName), lastName: text(entry.surname),
      phone, phoneE164: phone, email: text(emails[0]?.address),
      phoneChannelBound: false, emailChannelBound: false, deletedAtSource: false, deletedAtSourceAt: '',
      lastChangedAt: new Date().toISOString(), truncatedFields: '',
      syncId: RUN_ID, syncUnit: unit, syncOutcome: 'new',
    };
  }

  private marker(folderId: string, entry: Record<string, unknown>): Entity {
    const contactId = String(entry.id);
    return { partitionKey: this.partitionKey, rowKey: `${this.rowKeyPrefix}${ROW_PREFIX.removal}${RUN_ID}:${encodeKey(contactId)}`, contactId, folderId, outcome: '' };
  }

  private checkpoint(folder: FloorFolder, page: GraphPage, pageNumber: number): Entity {
    return {
      partitionKey: this.partitionKey, rowKey: this.rowKeyPrefix + ROW_PREFIX.folder + encodeKey(folder.id),
      folderId: folder.id, displayName: folder.displayName,
      deltaLink: page['@odata.deltaLink'] ?? '', roundSyncId: RUN_ID, roundMode: 'full',
      nextLink: page['@odata.nextLink'] ?? '', roundDone: !page['@odata.nextLink'], pagesDone: pageNumber,
      counts: '{"new":0,"updated":0,"deleted":0,"unchanged":0,"skipped":0}', reconcile: false,
    };
  }
}

function text(value: unknown): string {
  return typeof value === 'string' ? value : '';
}

function first(values: unknown): string {
  return Array.isArray(values) ? text(values[0]) : '';
}
