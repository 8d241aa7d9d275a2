/** Where the tab finds the API, and whether the local development sign-in is offered. */
export interface TabConfig {
  /** Base URL of the API ('' = the tab's own origin, which forwards /api). */
  apiBaseUrl: string;
  /** The local tab server sets it: outside Teams, offer the development sign-in. */
  localMode: boolean;
  /** Entra app (client) id and authority for the consent page. */
  clientId: string;
  authority: string;
}

/** Build-time defaults (VITE_*), overridden by `/tab-config.json` when the host serves one. */
export async function loadTabConfig(fetchFn: typeof fetch = (...a) => fetch(...a)): Promise<TabConfig> {
  const env = import.meta.env as Record<string, string | undefined>;
  const defaults: TabConfig = {
    apiBaseUrl: env.VITE_API_BASE_URL ?? '',
    localMode: false,
    clientId: env.VITE_CLIENT_ID ?? '',
    authority: env.VITE_AUTHORITY ?? 'https://login.microsoftonline.com/organizations',
  };
  try {
    const response = await fetchFn('/tab-config.json', { cache: 'no-store' });
    if (!response.ok) return defaults;
    return { ...defaults, ...(await response.json() as Partial<TabConfig>) };
  } catch {
    return defaults;
  }
}
