import type { TableClient } from '@azure/data-tables';
import { TABLES, type TableClientFactory } from '../storage/tableClientFactory';
import { encodeKey } from '../storage/tableKeys';
import { mergeUserRow } from '../storage/userRow';

/** Where each user's sealed delegated grant (see delegatedGrant.ts) lives. */
export interface UserTokenCacheStore {
  /** The sealed grant, or undefined when the user has none. */
  read(tenantId: string, userId: string): Promise<string | undefined>;
  /** Stores a fresh grant; a working grant also means the user no longer needs to reconnect or consent. */
  write(tenantId: string, userId: string, sealed: string): Promise<void>;
  /** Records that background syncs cannot get a token until the user opens the app again. */
  markReconnectNeeded(tenantId: string, userId: string): Promise<void>;
  /** Records that the user was just told to consent (the tab shows the consent popup). */
  markConsentRequested(tenantId: string, userId: string, at: Date): Promise<void>;
  /** When the user was last told to consent without having exchanged successfully since (undefined: not pending). */
  consentRequestedAt(tenantId: string, userId: string): Promise<Date | undefined>;
  /** Forgets the grant (the user disconnected): background syncs fail with `reconnect_needed` until the next exchange. */
  erase(tenantId: string, userId: string): Promise<void>;
}

/** Property names on the users row; the row's other properties belong to other parts of the app. */
export const USER_TOKEN_PROPERTIES = {
  grant: 'delegatedGrant',
  grantUpdatedAt: 'delegatedGrantUpdatedAt',
  reconnectNeeded: 'reconnectNeeded',
  reconnectNeededAt: 'reconnectNeededAt',
  consentRequestedAt: 'consentRequestedAt',
} as const;

/** A consent request that is no longer pending (Table Storage cannot merge a property away). */
const NOT_PENDING = new Date(0);

/** Table Storage refuses string properties longer than this (UTF-16 units). */
const MAX_PROPERTY_LENGTH = 32_768;

/**
 * The users table (PartitionKey = tenant id, RowKey = user id). Every write is a merge, so the profile,
 * settings and sync fields other modules keep on the same row stay intact.
 */
export class TableUserTokenCacheStore implements UserTokenCacheStore {
  constructor(private readonly tables: Pick<TableClientFactory, 'get'>) {}

  async read(tenantId: string, userId: string): Promise<string | undefined> {
    const value = await this.property(tenantId, userId, USER_TOKEN_PROPERTIES.grant);
    return typeof value === 'string' && value ? value : undefined;
  }

  async consentRequestedAt(tenantId: string, userId: string): Promise<Date | undefined> {
    const value = await this.property(tenantId, userId, USER_TOKEN_PROPERTIES.consentRequestedAt);
    return value instanceof Date && value.getTime() > NOT_PENDING.getTime() ? value : undefined;
  }

  async write(tenantId: string, userId: string, sealed: string): Promise<void> {
    if (sealed.length > MAX_PROPERTY_LENGTH) throw new Error('the sealed token cache is too large for a table property');
    await this.merge(tenantId, userId, {
      [USER_TOKEN_PROPERTIES.grant]: sealed,
      [USER_TOKEN_PROPERTIES.grantUpdatedAt]: new Date(),
      [USER_TOKEN_PROPERTIES.reconnectNeeded]: false,
      [USER_TOKEN_PROPERTIES.consentRequestedAt]: NOT_PENDING,
    });
  }

  async erase(tenantId: string, userId: string): Promise<void> {
    // Table Storage cannot merge a property away: the grant becomes empty, which `read` treats as none.
    await this.merge(tenantId, userId, {
      [USER_TOKEN_PROPERTIES.grant]: '',
      [USER_TOKEN_PROPERTIES.grantUpdatedAt]: new Date(),
      [USER_TOKEN_PROPERTIES.reconnectNeeded]: false,
      [USER_TOKEN_PROPERTIES.consentRequestedAt]: NOT_PENDING,
    });
  }

  async markConsentRequested(tenantId: string, userId: string, at: Date): Promise<void> {
    await this.merge(tenantId, userId, { [USER_TOKEN_PROPERTIES.consentRequestedAt]: at });
  }

  async markReconnectNeeded(tenantId: string, userId: string): Promise<void> {
    await this.merge(tenantId, userId, {
      [USER_TOKEN_PROPERTIES.reconnectNeeded]: true,
      [USER_TOKEN_PROPERTIES.reconnectNeededAt]: new Date(),
    });
  }

  private async property(tenantId: string, userId: string, name: string): Promise<unknown> {
    const table = await this.table();
    try {
      const row = await table.getEntity<Record<string, unknown>>(encodeKey(tenantId), encodeKey(userId), {
        queryOptions: { select: [name] },
      });
      return row[name];
    } catch (error) {
      if ((error as { statusCode?: number }).statusCode === 404) return undefined;
      throw error;
    }
  }

  private async merge(tenantId: string, userId: string, properties: Record<string, unknown>): Promise<void> {
    await mergeUserRow(await this.table(), { tenantId, userId }, properties);
  }

  private table(): Promise<TableClient> {
    return this.tables.get(TABLES.users);
  }
}
