import type { GraphTokenProvider } from '../graph/graphClientFactory';

/** How long a background Graph token is reused before the broker is asked again (each ask reads the user's cache). */
export const BACKGROUND_TOKEN_REUSE_MS = 60_000;

/**
 * A Graph token provider for one sync that asks `fetch` at most once per `reuseMs`; concurrent Graph
 * requests share one ask, and a failed ask is not kept.
 */
export function reusedToken(fetch: () => Promise<string>, reuseMs = BACKGROUND_TOKEN_REUSE_MS, now: () => number = Date.now): GraphTokenProvider {
  let current: { token: Promise<string>; until: number } | undefined;
  return () => {
    if (current && current.until > now()) return current.token;
    const entry = { token: fetch(), until: now() + reuseMs };
    current = entry;
    entry.token.catch(() => {
      if (current === entry) current = undefined;
    });
    return entry.token;
  };
}
