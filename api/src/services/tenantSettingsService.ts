import type { TenantGate } from '../admin/tenantGate';
import {
  DEFAULT_POLICY, type IntegrationSettings, type StoredIntegration, type SyncPolicy, type TenantSettingsStore,
} from '../admin/tenantSettings';
import { AppError } from '../errors/appError';
import type { CallerIdentity } from '../identity';
import { requireAdmin } from './permissions';

/** What {@link TenantSettingsService} needs. */
export interface TenantSettingsDeps {
  store: TenantSettingsStore;
  gate: Pick<TenantGate, 'forget'>;
  /** This deployment's Application (client) ID (`M365_CLIENT_ID`): the only one an integration can name. */
  clientId: string;
  now?: () => Date;
}

/** The company settings (integration, sync policy) of the caller's own tenant; admins only. */
export class TenantSettingsService {
  constructor(private readonly deps: TenantSettingsDeps) {}

  async getIntegration(caller: CallerIdentity): Promise<StoredIntegration> {
    requireAdmin(caller);
    const integration = await this.deps.store.getIntegration(caller.tenantId);
    if (!integration) {
      throw new AppError('integration_missing', 'Outlook integration is not set up for your organisation yet. Save it to start.');
    }
    return integration;
  }

  async saveIntegration(caller: CallerIdentity, settings: IntegrationSettings): Promise<StoredIntegration> {
    requireAdmin(caller);
    if (settings.tenantId.toLowerCase() !== caller.tenantId.toLowerCase()) {
      throw invalidField('tenantId', 'must be the Directory (tenant) ID of your own organisation, the tenant you are signed in to');
    }
    if (settings.clientId.toLowerCase() !== this.deps.clientId.toLowerCase()) {
      throw invalidField('clientId', `must be the Application (client) ID of the Contact Sync app: ${this.deps.clientId}`);
    }
    const stored: StoredIntegration = {
      ...settings, tenantId: caller.tenantId, clientId: this.deps.clientId,
      updatedAt: (this.deps.now ?? (() => new Date()))().toISOString(), updatedBy: caller.userId,
    };
    await this.deps.store.saveIntegration(caller.tenantId, stored);
    this.deps.gate.forget(caller.tenantId);
    return stored;
  }

  async getPolicy(caller: CallerIdentity): Promise<SyncPolicy> {
    requireAdmin(caller);
    return (await this.deps.store.getPolicy(caller.tenantId)) ?? { ...DEFAULT_POLICY, allowedSchedules: [...DEFAULT_POLICY.allowedSchedules] };
  }

  async savePolicy(caller: CallerIdentity, policy: SyncPolicy): Promise<SyncPolicy> {
    requireAdmin(caller);
    const saved: SyncPolicy = {
      whoMaySync: policy.whoMaySync, allowedSchedules: [...new Set(policy.allowedSchedules)],
      mergeStrategy: policy.mergeStrategy, defaultRegion: policy.defaultRegion, instantSync: policy.instantSync,
    };
    await this.deps.store.savePolicy(caller.tenantId, saved);
    return saved;
  }
}

/** The same shape as a schema's 400: `field: problem`, the field in details. */
function invalidField(field: string, problem: string): AppError {
  return new AppError('invalid_request', `${field}: ${problem}.`, { details: { field } });
}
