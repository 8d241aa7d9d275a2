/**
 * Company-level settings of one tenant (Org Admin portal → Company Settings → Contact Synchronization →
 * Outlook Integration), as the API and the stores see them.
 */

import type { MergeStrategy } from '../contacts/contactModel';

/**
 * Schedules an admin may allow users to pick: `off` (manual syncs only; always allowed), `hourly`,
 * `everyHours` (every 2–12 hours) or `daily` at a local time. Few on purpose: each run is a delta sync per
 * mailbox, and an hourly one is the most Graph traffic an organisation should opt into. Policies stored
 * before these kinds may hold `weekly`: reading ignores it (see tenantSettingsRepository).
 */
export const SYNC_SCHEDULES = ['off', 'hourly', 'everyHours', 'daily'] as const;
export type SyncSchedule = (typeof SYNC_SCHEDULES)[number];

/** Who may request a sync: every signed-in user of the tenant, or holders of the `ContactSync.User` app role. */
export const WHO_MAY_SYNC = ['everyone', 'role'] as const;
export type WhoMaySync = (typeof WHO_MAY_SYNC)[number];

/** The tenant's Outlook integration. Until it exists and is enabled, only the settings endpoints accept the tenant. */
export interface IntegrationSettings {
  /** A name for people, e.g. "Outlook (Contoso)". */
  name: string;
  /** The Entra app's Application (client) ID: this deployment's app registration. */
  clientId: string;
  /** The Directory (tenant) ID: always the admin's own tenant. */
  tenantId: string;
  enabled: boolean;
}

/** An integration as stored: with who changed it last and when. */
export interface StoredIntegration extends IntegrationSettings {
  updatedAt: string;
  /** Object id of the admin who saved it. */
  updatedBy: string;
}

/** The tenant's sync policy. */
export interface SyncPolicy {
  whoMaySync: WhoMaySync;
  /** Schedules users may choose; empty means manual syncs only. */
  allowedSchedules: SyncSchedule[];
  /** How a sync treats contacts already stored (see {@link MergeStrategy}); default `outlookWins`. */
  mergeStrategy: MergeStrategy;
  /** ISO 3166 alpha-2 region national phone numbers are read in (E.164); default `US`. */
  defaultRegion: string;
  /**
   * Instant sync: Graph change notifications bring an Outlook change in within a minute (one subscription per
   * contact folder of each user who has synced, renewed daily; a daily safety sync still runs). Default off.
   */
  instantSync: boolean;
}

/** The policy of a tenant whose admin has not saved one. */
export const DEFAULT_POLICY: Readonly<SyncPolicy> = Object.freeze<SyncPolicy>({
  whoMaySync: 'everyone', allowedSchedules: ['off', 'everyHours', 'daily'],
  mergeStrategy: 'outlookWins', defaultRegion: 'US', instantSync: false,
});

/** Where tenant settings live: Table Storage in the app, a Map in unit tests. */
export interface TenantSettingsStore {
  getIntegration(tenantId: string): Promise<StoredIntegration | undefined>;
  saveIntegration(tenantId: string, integration: StoredIntegration): Promise<void>;
  /** The stored policy, or undefined when the admin never saved one. */
  getPolicy(tenantId: string): Promise<SyncPolicy | undefined>;
  savePolicy(tenantId: string, policy: SyncPolicy): Promise<void>;
}
