import type { StoredIntegration, SyncPolicy, TenantSettingsStore } from './tenantSettings';

/** The in-memory twin of {@link TenantSettingsRepository}, for unit tests. */
export class MemoryTenantSettingsStore implements TenantSettingsStore {
  readonly integrations = new Map<string, StoredIntegration>();
  readonly policies = new Map<string, SyncPolicy>();
  /** Reads of integrations so far (to see a cache at work). */
  integrationReads = 0;

  getIntegration(tenantId: string): Promise<StoredIntegration | undefined> {
    this.integrationReads += 1;
    return Promise.resolve(this.integrations.get(tenantId.toLowerCase()));
  }

  saveIntegration(tenantId: string, integration: StoredIntegration): Promise<void> {
    this.integrations.set(tenantId.toLowerCase(), { ...integration });
    return Promise.resolve();
  }

  getPolicy(tenantId: string): Promise<SyncPolicy | undefined> {
    return Promise.resolve(this.policies.get(tenantId.toLowerCase()));
  }

  savePolicy(tenantId: string, policy: SyncPolicy): Promise<void> {
    this.policies.set(tenantId.toLowerCase(), { ...policy, allowedSchedules: [...policy.allowedSchedules] });
    return Promise.resolve();
  }
}
