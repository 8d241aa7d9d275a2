import type { ApiClient } from '../api/apiClient';
import { ApiError } from '../api/apiError';
import type { Me } from '../api/apiTypes';

/**
 * Who the user is: GET /api/me; from a server without it yet (404), what the SSO token says (roles decide
 * which pages show — the API still checks every admin call).
 */
export async function loadMe(api: ApiClient, token: () => Promise<string>): Promise<Me> {
  try {
    return await api.me();
  } catch (error) {
    if (!(error instanceof ApiError) || !error.missingEndpoint) throw error;
    return meFromToken(await token());
  }
}

/** The claims of a JWT (not verified: display only). */
export function meFromToken(jwt: string): Me {
  const payload = jwt.split('.')[1] ?? '';
  const claims = JSON.parse(atob(payload.replace(/-/g, '+').replace(/_/g, '/'))) as Record<string, unknown>;
  const roles = Array.isArray(claims.roles) ? claims.roles : [];
  return {
    tenantId: text(claims.tid), userId: text(claims.oid), displayName: text(claims.name),
    isAdmin: roles.includes('ContactSync.Admin'), maySync: true, connected: false, reconnectNeeded: false,
  };
}

function text(value: unknown): string {
  return typeof value === 'string' ? value : '';
}
