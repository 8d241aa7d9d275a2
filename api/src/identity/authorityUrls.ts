/**
 * Where the Entra authority is, in its two forms: the public https host that issuers and token endpoint URLs
 * name (`ENTRA_AUTHORITY_HOST`), and where requests actually go (`ENTRA_NETWORK_URL`, the local authority
 * in development and tests; the public host when unset).
 */
export interface AuthorityLocation {
  /** e.g. `https://login.microsoftonline.com` (no trailing slash). */
  authorityHost: string;
  /** e.g. `http://127.0.0.1:5599`; unset in production. */
  authorityNetworkUrl?: string;
}

/** A tenant id as Entra issues them: a GUID. Anything else is refused before any lookup. */
export const TENANT_ID_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The issuers a tenant's tokens may carry: v2 on the authority host, and the v1 STS form. */
export function tenantIssuers(authorityHost: string, tenantId: string): string[] {
  return [`${authorityHost}/${tenantId}/v2.0`, `https://sts.windows.net/${tenantId}/`];
}

/** Entra's common signing keys (the same for every tenant), at the network location. */
export function commonKeysUrl(location: AuthorityLocation): string {
  return `${networkBase(location)}/common/discovery/v2.0/keys`;
}

/**
 * Maps a URL of the public authority host to the network location; a URL already at the network location
 * stays. Anything else is refused, so no request (nor a token in it) goes to a host nobody configured.
 */
export function toNetworkUrl(location: AuthorityLocation, url: string): string {
  const base = networkBase(location);
  if (isUnder(url, base)) return url;
  if (isUnder(url, location.authorityHost)) return base + url.slice(location.authorityHost.length);
  throw new Error(`refusing to contact ${safeOrigin(url)}: it is not the configured Entra authority`);
}

function networkBase(location: AuthorityLocation): string {
  return location.authorityNetworkUrl ?? location.authorityHost;
}

function isUnder(url: string, base: string): boolean {
  return url === base || url.startsWith(`${base}/`) || url.startsWith(`${base}?`);
}

function safeOrigin(url: string): string {
  try {
    return new URL(url).origin;
  } catch {
    return 'an invalid URL';
  }
}
