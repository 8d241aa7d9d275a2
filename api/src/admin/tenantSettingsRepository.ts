import { RestError, type TableClient } from '@azure/data-tables';
import { MERGE_STRATEGIES } from '../contacts/contactModel';
import { phoneRegion } from '../contacts/phoneNumber';
import { TABLES, type TableClientFactory } from '../storage/tableClientFactory';
import { encodeKey } from '../storage/tableKeys';
import {
  DEFAULT_POLICY, SYNC_SCHEDULES, WHO_MAY_SYNC, type StoredIntegration, type SyncPolicy, type SyncSchedule, type TenantSettingsStore,
} from './tenantSettings';

const ROW = { integration: 'outlook', policy: 'policy' } as const;

/** Tenant settings in the `integrations` table: PartitionKey = tenant id, RowKey `outlook` or `policy`. */
export class TenantSettingsRepository implements TenantSettingsStore {
  constructor(private readonly tables: Pick<TableClientFactory, 'get'>) {}

  async getIntegration(tenantId: string): Promise<StoredIntegration | undefined> {
    const row = await this.read(tenantId, ROW.integration);
    if (!row) return undefined;
    return {
      name: text(row.name), clientId: text(row.clientId), tenantId: text(row.tenantId), enabled: row.enabled === true,
      updatedAt: text(row.updatedAt), updatedBy: text(row.updatedBy),
    };
  }

  async saveIntegration(tenantId: string, integration: StoredIntegration): Promise<void> {
    await this.write(tenantId, ROW.integration, { ...integration });
  }

  async getPolicy(tenantId: string): Promise<SyncPolicy | undefined> {
    const row = await this.read(tenantId, ROW.policy);
    if (!row) return undefined;
    return {
      // An unreadable value falls back to the stricter choice.
      whoMaySync: WHO_MAY_SYNC.find((value) => value === row.whoMaySync) ?? 'role',
      allowedSchedules: schedulesFrom(row.allowedSchedules),
      mergeStrategy: MERGE_STRATEGIES.find((value) => value === row.mergeStrategy) ?? DEFAULT_POLICY.mergeStrategy,
      defaultRegion: phoneRegion(text(row.defaultRegion)) ?? DEFAULT_POLICY.defaultRegion,
      instantSync: row.instantSync === true,
    };
  }

  async savePolicy(tenantId: string, policy: SyncPolicy): Promise<void> {
    await this.write(tenantId, ROW.policy, {
      whoMaySync: policy.whoMaySync, allowedSchedules: JSON.stringify(policy.allowedSchedules),
      mergeStrategy: policy.mergeStrategy, defaultRegion: policy.defaultRegion,
      instantSync: policy.instantSync,
    });
  }

  private async read(tenantId: string, rowKey: string): Promise<Record<string, unknown> | undefined> {
    try {
      return await (await this.table()).getEntity<Record<string, unknown>>(encodeKey(tenantId.toLowerCase()), rowKey);
    } catch (error) {
      if (error instanceof RestError && error.statusCode === 404) return undefined;
      throw error;
    }
  }

  private async write(tenantId: string, rowKey: string, properties: Record<string, unknown>): Promise<void> {
    await (await this.table()).upsertEntity({ partitionKey: encodeKey(tenantId.toLowerCase()), rowKey, ...properties }, 'Replace');
  }

  private table(): Promise<TableClient> {
    return this.tables.get(TABLES.integrations);
  }
}

function text(value: unknown): string {
  return typeof value === 'string' ? value : '';
}

function schedulesFrom(json: unknown): SyncSchedule[] {
  try {
    const parsed: unknown = JSON.parse(typeof json === 'string' ? json : '[]');
    // Kinds no longer offered (`weekly`, stored before) are dropped; `off` is allowed whatever is stored.
    return Array.isArray(parsed) ? SYNC_SCHEDULES.filter((schedule) => parsed.includes(schedule)) : [];
  } catch {
    return [];
  }
}
