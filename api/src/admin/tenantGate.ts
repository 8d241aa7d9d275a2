import type { TenantSettingsStore } from './tenantSettings';

/** Answers "may this tenant use the app?" for the token validator and the sync worker. */
export interface TenantGate {
  /** True when the tenant has an integration that is enabled. */
  isTenantEnabled(tenantId: string): Promise<boolean>;
  /** Drops the cached answer (after an admin saved the integration on this instance). */
  forget(tenantId: string): void;
}

/** Options for {@link createTenantGate}. */
export interface TenantGateOptions {
  /**
   * How long an answer is reused (default 30 s): every API call asks, so without a cache each one would
   * cost a table read. Another instance of the app sees a change after at most this long.
   */
  ttlMs?: number;
  /** Answers kept at most (default 10 000): forged tokens with random tenant ids must not grow memory. */
  maxEntries?: number;
  now?: () => number;
  /** The operator's allow-list (`ALLOWED_TENANTS`): a tenant not on it is never enabled, whatever is stored. */
  isAllowed?: (tenantId: string) => boolean;
}

/** A {@link TenantGate} over the settings store with a short in-memory cache. */
export function createTenantGate(store: Pick<TenantSettingsStore, 'getIntegration'>, options: TenantGateOptions = {}): TenantGate {
  const ttlMs = options.ttlMs ?? 30_000;
  const maxEntries = options.maxEntries ?? 10_000;
  const now = options.now ?? Date.now;
  const answers = new Map<string, { enabled: boolean; until: number }>();
  return {
    async isTenantEnabled(tenantId) {
      const key = tenantId.toLowerCase();
      if (options.isAllowed && !options.isAllowed(key)) return false;
      const cached = answers.get(key);
      if (cached && cached.until > now()) return cached.enabled;
      const integration = await store.getIntegration(key);
      const enabled = Boolean(integration?.enabled) && integration?.tenantId.toLowerCase() === key;
      if (answers.size >= maxEntries) answers.clear();
      answers.set(key, { enabled, until: now() + ttlMs });
      return enabled;
    },
    forget(tenantId) {
      answers.delete(tenantId.toLowerCase());
    },
  };
}
