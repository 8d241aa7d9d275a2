import { CONSENT_STATES, type ConsentState } from './consentRegistry';
import type { EntraSimulator } from './entraSimulator';
import type { Route, RouteResult } from './httpServer';

const ID = '[A-Za-z0-9.-]+';

/**
 * Controls for local development and demos (the tab in local mode, scripts): mint an SSO token, read and
 * set a user's consent, revoke a user's sign-in sessions (their refresh tokens), rotate the signing key.
 * Only the simulator has them; Entra has no such endpoints.
 */
export function simControlRoutes(sim: EntraSimulator): Route[] {
  return [
    { method: 'POST', pattern: /^\/_sim\/sso-token$/, handle: (_params, body) => mintSsoToken(sim, body) },
    {
      method: 'GET', pattern: new RegExp(`^/_sim/consent/(?<tenant>${ID})/(?<user>${ID})$`),
      handle: ({ tenant = '', user = '' }) => ({ status: 200, body: { state: sim.getConsent(tenant, user) } }),
    },
    {
      method: 'PUT', pattern: new RegExp(`^/_sim/consent/(?<tenant>${ID})/(?<user>${ID})$`),
      handle: ({ tenant = '', user = '' }, body) => setConsent(sim, tenant, user, body),
    },
    {
      method: 'POST', pattern: new RegExp(`^/_sim/revoke-sessions/(?<tenant>${ID})/(?<user>${ID})$`),
      handle: ({ tenant = '', user = '' }) => {
        sim.revokeSignInSessions(tenant, user);
        return { status: 200, body: { revoked: true } };
      },
    },
    {
      // Body `{ mode: 'page' | 'accept' | 'cancel' }`: what the consent page of /authorize does.
      method: 'PUT', pattern: /^\/_sim\/consent-prompt$/,
      handle: (_params, body) => {
        const mode = parseJson(body)?.mode;
        if (mode !== 'page' && mode !== 'accept' && mode !== 'cancel') return badRequest('mode must be one of page, accept, cancel');
        sim.consentPromptMode = mode;
        return { status: 200, body: { mode } };
      },
    },
    { method: 'POST', pattern: /^\/_sim\/rotate-keys$/, handle: async () => ({ status: 200, body: { kid: await sim.rotateKeys() } }) },
  ];
}

/** Body: `{ tenantId, userId, name?, upn?, roles?, scp?, expiresInSec? }` → `{ token }`. */
async function mintSsoToken(sim: EntraSimulator, body: string): Promise<RouteResult> {
  const input = parseJson(body);
  if (!input || typeof input.tenantId !== 'string' || typeof input.userId !== 'string') {
    return badRequest('tenantId and userId (strings) are required');
  }
  const token = await sim.mintSsoToken({
    tenantId: input.tenantId,
    userId: input.userId,
    name: optionalString(input.name),
    upn: optionalString(input.upn),
    roles: Array.isArray(input.roles) ? input.roles.filter((r): r is string => typeof r === 'string') : undefined,
    scp: optionalString(input.scp),
    expiresInSec: typeof input.expiresInSec === 'number' ? input.expiresInSec : undefined,
  });
  return { status: 200, body: { token } };
}

/** Body: `{ state: 'granted' | 'missing' | 'revoked' }`. */
function setConsent(sim: EntraSimulator, tenant: string, user: string, body: string): RouteResult {
  const state = parseJson(body)?.state;
  if (!CONSENT_STATES.includes(state as ConsentState)) return badRequest(`state must be one of ${CONSENT_STATES.join(', ')}`);
  sim.setConsent(tenant, user, state as ConsentState);
  return { status: 200, body: { state } };
}

function parseJson(body: string): Record<string, unknown> | undefined {
  try {
    const value: unknown = JSON.parse(body);
    return value && typeof value === 'object' ? (value as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

function optionalString(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}

function badRequest(message: string): RouteResult {
  return { status: 400, body: { error: 'invalid_request', error_description: message } };
}
