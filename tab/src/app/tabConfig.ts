import { readTabConfig, type TabConfig } from './readTabConfig';

export type { TabConfig };

/** Build-time defaults (VITE_*), overridden by `/tab-config.json` when the host serves one. */
export async function loadTabConfig(fetchFn: typeof fetch = (...a) => fetch(...a)): Promise<TabConfig> {
  const env = import.meta.env as Record<string, string | undefined>;
  const defaults: TabConfig = {
    apiBaseUrl: env.VITE_API_BASE_URL ?? '',
    localMode: false,
    clientId: env.VITE_CLIENT_ID ?? '',
    authority: env.VITE_AUTHORITY ?? 'https://login.microsoftonline.com/organizations',
  };
  return readTabConfig(defaults, fetchFn);
}

