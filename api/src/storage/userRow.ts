import type { TableClient } from '@azure/data-tables';
import { encodeKey } from './tableKeys';

/** Who a users row belongs to. */
export interface UserRowOwner {
  tenantId: string;
  userId: string;
}

/**
 * The keys of a user's row in the users table (PartitionKey the tenant, RowKey the user): one row that
 * several modules keep their own properties on (the grant, the sync summary, the schedule, the bot's).
 */
export function userRowKeys(who: UserRowOwner): { partitionKey: string; rowKey: string } {
  return { partitionKey: encodeKey(who.tenantId), rowKey: encodeKey(who.userId) };
}

/** Merges `properties` into the user's row, creating it if needed; the other modules' properties stay. */
export async function mergeUserRow(table: TableClient, who: UserRowOwner, properties: Record<string, unknown>): Promise<void> {
  await table.upsertEntity({ ...userRowKeys(who), ...properties }, 'Merge');
}
