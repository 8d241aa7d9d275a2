import { GRAPH_RESOURCE } from './graphTokenIssuer';

const OIDC_SCOPES = new Set(['openid', 'profile', 'email', 'offline_access']);

/** A token request's `scope` parameter, split the way Entra reads it. */
export interface ScopeRequest {
  /** Graph permissions asked for (short names); `.default` means "whatever was granted". */
  graphScopes: string[];
  oidcScopes: Set<string>;
  /** A scope of another resource: this authority only serves Graph. */
  unsupported?: string;
}

/** Parses `scope`; bare permission names mean Graph, as they do at Entra. */
export function parseScopeRequest(scope: string): ScopeRequest {
  const result: ScopeRequest = { graphScopes: [], oidcScopes: new Set() };
  for (const item of scope.split(/\s+/).filter(Boolean)) {
    if (OIDC_SCOPES.has(item.toLowerCase())) result.oidcScopes.add(item.toLowerCase());
    else if (item.toLowerCase().startsWith(`${GRAPH_RESOURCE}/`)) result.graphScopes.push(item.slice(GRAPH_RESOURCE.length + 1));
    else if (!item.includes('/') && !item.includes(':')) result.graphScopes.push(item);
    else result.unsupported ??= item;
  }
  return result;
}

/**
 * True when the granted permissions cover the request: every Graph permission asked for, and
 * `offline_access` when a refresh token is asked for. An empty grant covers nothing.
 */
export function isCovered(request: ScopeRequest, granted: readonly string[]): boolean {
  if (granted.length === 0) return false;
  const grantedLower = new Set(granted.map((scope) => scope.toLowerCase()));
  const wanted = request.graphScopes.filter((scope) => scope !== '.default').map((scope) => scope.toLowerCase());
  if (request.oidcScopes.has('offline_access')) wanted.push('offline_access');
  return wanted.every((scope) => grantedLower.has(scope));
}
