import type { TableClient } from '@azure/data-tables';
import { TABLES, type TableClientFactory } from '../storage/tableClientFactory';
import { encodeKey } from '../storage/tableKeys';

/** Where each user's sealed MSAL token cache lives. */
export interface UserTokenCacheStore {
  /** The sealed cache, or undefined when the user has none. */
  read(tenantId: string, userId: string): Promise<string | undefined>;
  /** Stores a fresh cache; a working cache also means the user no longer needs to reconnect. */
  write(tenantId: string, userId: string, sealed: string): Promise<void>;
  /** Records that background syncs cannot get a token until the user opens the app again. */
  markReconnectNeeded(tenantId: string, userId: string): Promise<void>;
}

/** Property names on the users row; the row's other properties belong to other parts of the app. */
export const USER_TOKEN_PROPERTIES = {
  cache: 'msalCache',
  cacheUpdatedAt: 'msalCacheUpdatedAt',
  reconnectNeeded: 'reconnectNeeded',
  reconnectNeededAt: 'reconnectNeededAt',
} as const;

/** Table Storage refuses string properties longer than this (UTF-16 units). */
const MAX_PROPERTY_LENGTH = 32_768;

/**
 * The users table (PartitionKey = tenant id, RowKey = user id). Every write is a merge, so the profile,
 * settings and sync fields other modules keep on the same row stay intact.
 */
export class TableUserTokenCacheStore implements UserTokenCacheStore {
  constructor(private readonly tables: Pick<TableClientFactory, 'get'>) {}

  async read(tenantId: string, userId: string): Promise<string | undefined> {
    const table = await this.table();
    try {
      const row = await table.getEntity<Record<string, unknown>>(encodeKey(tenantId), encodeKey(userId), {
        queryOptions: { select: [USER_TOKEN_PROPERTIES.cache] },
      });
      const value = row[USER_TOKEN_PROPERTIES.cache];
      return typeof value === 'string' && value ? value : undefined;
    } catch (error) {
      if ((error as { statusCode?: number }).statusCode === 404) return undefined;
      throw error;
    }
  }

  async write(tenantId: string, userId: string, sealed: string): Promise<void> {
    if (sealed.length > MAX_PROPERTY_LENGTH) throw new Error('the sealed token cache is too large for a table property');
    await this.merge(tenantId, userId, {
      [USER_TOKEN_PROPERTIES.cache]: sealed,
      [USER_TOKEN_PROPERTIES.cacheUpdatedAt]: new Date(),
      [USER_TOKEN_PROPERTIES.reconnectNeeded]: false,
    });
  }

  async markReconnectNeeded(tenantId: string, userId: string): Promise<void> {
    await this.merge(tenantId, userId, {
      [USER_TOKEN_PROPERTIES.reconnectNeeded]: true,
      [USER_TOKEN_PROPERTIES.reconnectNeededAt]: new Date(),
    });
  }

  private async merge(tenantId: string, userId: string, properties: Record<string, unknown>): Promise<void> {
    const table = await this.table();
    await table.upsertEntity({ partitionKey: encodeKey(tenantId), rowKey: encodeKey(userId), ...properties }, 'Merge');
  }

  private table(): Promise<TableClient> {
    return this.tables.get(TABLES.users);
  }
}
