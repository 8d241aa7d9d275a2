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

/**
 * `/tab-config.json` over the defaults: the deploy stage writes it beside index.html (tools/src/deploy/tabConfig.ts),
 * the local tab server serves its own. No file or an unreadable one: the defaults.
 */
export async function readTabConfig(defaults: TabConfig, fetchFn: typeof fetch): Promise<TabConfig> {
  try {
    const response = await fetchFn('/tab-config.json', { cache: 'no-store' });
    if (!response.ok) return defaults;
    return { ...defaults, ...(await response.json() as Partial<TabConfig>) };
  } catch {
    return defaults;
  }
}
