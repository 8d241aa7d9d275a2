import { RestError, type TableClient, type TableEntityResult } from '@azure/data-tables';
import type { MailboxRef } from '../contacts/contactModel';
import { USER_TOKEN_PROPERTIES } from '../identity/userTokenCacheStore';
import { INSTANT_PROPERTIES, type InstantSyncState, instantStateOf } from '../notifications/instantState';
import { parseCounts } from '../sync/syncCounts';
import { textField } from './entityFields';
import type { LastSyncSummary } from './lastSyncSummary';
import type { SyncState, SyncTrigger } from './syncHistoryRepository';
import { TABLES, type TableClientFactory } from './tableClientFactory';
import { decodeKey, encodeKey, isHashedKey, odataString } from './tableKeys';
import { mergeUserRow } from './userRow';

/** Property names this module keeps on the users row; other modules keep theirs on the same row. */
export const USER_ROW_PROPERTIES = {
  displayName: 'displayName',
  syncId: 'lastSyncId',
  state: 'lastSyncState',
  trigger: 'lastSyncTrigger',
  startedAt: 'lastSyncStartedAt',
  endedAt: 'lastSyncEndedAt',
  counts: 'lastSyncCounts',
  errorCode: 'lastSyncErrorCode',
  /** When the summary was last written: a `running` summary that is not refreshed went with its worker. */
  updatedAt: 'lastSyncUpdatedAt',
  /** When the user's last completed sync ended (kept while later syncs fail). */
  completedAt: 'lastCompletedAt',
} as const;

/** A users row as the status views read it. */
export interface UserRow {
  userId: string;
  displayName: string;
  /** A stored delegated grant exists (read only by {@link UserRowStore.read}; false in listings). */
  connected: boolean;
  reconnectNeeded: boolean;
  lastSync?: LastSyncSummary & { updatedAt: number };
  /** ISO time, '' when the user never completed a sync. */
  lastCompletedAt: string;
  /** Instant sync (Graph change notifications): subscriptions, earliest expiry, last failure. */
  instant: InstantSyncState;
}

const P = USER_ROW_PROPERTIES;
const LISTED = ['RowKey', P.displayName, P.syncId, P.state, P.trigger, P.startedAt, P.endedAt, P.counts, P.errorCode, P.updatedAt, P.completedAt, USER_TOKEN_PROPERTIES.reconnectNeeded,
  ...Object.values(INSTANT_PROPERTIES)];
const STATES: readonly SyncState[] = ['running', 'completed', 'failed'];

/**
 * The users table (PartitionKey = tenant id, RowKey = user id): the display name and the last-sync summary.
 * Every write is a merge. Reads stay in one tenant's partition.
 */
export class UserRowStore {
  constructor(private readonly tables: Pick<TableClientFactory, 'get'>, private readonly now: () => Date = () => new Date()) {}

  async writeSummary(mailbox: MailboxRef, summary: LastSyncSummary): Promise<void> {
    await this.merge(mailbox, {
      [P.syncId]: summary.syncId, [P.state]: summary.state, [P.trigger]: summary.trigger,
      [P.startedAt]: summary.startedAt, [P.endedAt]: summary.endedAt, [P.counts]: JSON.stringify(summary.counts),
      [P.errorCode]: summary.errorCode, [P.updatedAt]: this.now(),
      ...(summary.state === 'completed' ? { [P.completedAt]: summary.endedAt } : {}),
    });
  }

  /** Forgets the last sync (its history was erased); Table Storage cannot merge a property away. */
  async clearSummary(mailbox: MailboxRef): Promise<void> {
    await this.merge(mailbox, {
      [P.syncId]: '', [P.state]: '', [P.trigger]: '', [P.startedAt]: '', [P.endedAt]: '', [P.counts]: '',
      [P.errorCode]: '', [P.updatedAt]: this.now(), [P.completedAt]: '',
    });
  }

  async rememberName(mailbox: MailboxRef, displayName: string): Promise<void> {
    await this.merge(mailbox, { [P.displayName]: displayName });
  }

  /** The caller's own row, with whether a grant is stored; undefined when the user has none yet. */
  async read(mailbox: MailboxRef): Promise<UserRow | undefined> {
    const table = await this.table();
    try {
      const entity = await table.getEntity<Record<string, unknown>>(encodeKey(mailbox.tenantId), encodeKey(mailbox.userId), {
        queryOptions: { select: [...LISTED, USER_TOKEN_PROPERTIES.grant] },
      });
      const grant = entity[USER_TOKEN_PROPERTIES.grant];
      return { ...fromEntity(entity), connected: typeof grant === 'string' && grant.length > 0 };
    } catch (error) {
      if (error instanceof RestError && error.statusCode === 404) return undefined;
      throw error;
    }
  }

  /** Up to `top` users of the tenant after the row key `after`, in key order, and the last key when more follow. */
  async page(tenantId: string, top: number, after?: string): Promise<{ rows: UserRow[]; lastKey?: string }> {
    const filter = tenantFilter(tenantId) + (after === undefined ? '' : ` and RowKey gt '${odataString(after)}'`);
    const table = await this.table();
    const entities: Array<TableEntityResult<Record<string, unknown>>> = [];
    const pages = table.listEntities<Record<string, unknown>>({ queryOptions: { filter, select: LISTED } }).byPage({ maxPageSize: top + 1 });
    for await (const page of pages) {
      entities.push(...page);
      if (entities.length > top) break;
    }
    const rows = entities.slice(0, top);
    return { rows: rows.map(fromEntity), lastKey: entities.length > top ? rows[rows.length - 1]?.rowKey : undefined };
  }

  /** Every user row of the tenant (the listed properties only), streamed. */
  async *scan(tenantId: string): AsyncIterable<UserRow> {
    const table = await this.table();
    for await (const entity of table.listEntities<Record<string, unknown>>({ queryOptions: { filter: tenantFilter(tenantId), select: LISTED } })) {
      yield fromEntity(entity);
    }
  }

  private async merge(mailbox: MailboxRef, properties: Record<string, unknown>): Promise<void> {
    await mergeUserRow(await this.table(), mailbox, properties);
  }

  private table(): Promise<TableClient> {
    return this.tables.get(TABLES.users);
  }
}

/** The tenant's partition, and only it: every listing of the users table goes through this filter. */
function tenantFilter(tenantId: string): string {
  return `PartitionKey eq '${odataString(encodeKey(tenantId))}'`;
}

function fromEntity(entity: Record<string, unknown> & { rowKey?: string }): UserRow {
  const rowKey = entity.rowKey ?? '';
  const state = STATES.find((value) => value === entity[P.state]);
  const updatedAt = entity[P.updatedAt];
  return {
    userId: isHashedKey(rowKey) ? rowKey : decodeKey(rowKey),
    displayName: textField(entity[P.displayName]),
    connected: false,
    reconnectNeeded: entity[USER_TOKEN_PROPERTIES.reconnectNeeded] === true,
    lastCompletedAt: textField(entity[P.completedAt]),
    instant: instantStateOf(entity),
    lastSync: state && {
      syncId: textField(entity[P.syncId]), state, trigger: textField(entity[P.trigger], 'manual') as SyncTrigger,
      startedAt: textField(entity[P.startedAt]), endedAt: textField(entity[P.endedAt]), counts: parseCounts(entity[P.counts]),
      errorCode: textField(entity[P.errorCode]), updatedAt: updatedAt instanceof Date ? updatedAt.getTime() : 0,
    },
  };
}
