import { toNetworkUrl, type AuthorityLocation } from './authorityUrls';

/**
 * Entra's v2 token endpoint, spoken exactly as Microsoft documents it ("OAuth 2.0 On-Behalf-Of flow" and
 * "OAuth 2.0 authorization code flow" → "Refresh the access token"), for the two grants the app uses.
 * msal-node has no documented way to keep a user's access after an on-behalf-of exchange (see
 * docs/architecture.md, "Background access"), so the app talks the documented protocol itself.
 */
export interface TokenEndpointClient {
  /** The on-behalf-of grant: the tab's SSO token for Graph tokens (and a refresh token with offline_access). */
  onBehalfOf(tenantId: string, assertion: string, scopes: readonly string[]): Promise<TokenGrant>;
  /** The refresh-token grant: new tokens from a stored refresh token, without the user. */
  refresh(tenantId: string, refreshToken: string, scopes: readonly string[]): Promise<TokenGrant>;
}

/** A documented success response, as the app uses it. */
export interface TokenGrant {
  accessToken: string;
  /** `expires_in`: seconds the access token is valid from the response. */
  expiresInSec: number;
  /** Only when `offline_access` was requested (and granted). Replaces any earlier one. */
  refreshToken?: string;
  /** The scopes the access token is valid for. */
  scope: string;
}

/** An error response of the token endpoint (or none at all: `error` `temporarily_unavailable`, status 0). */
export class EntraTokenError extends Error {
  constructor(
    readonly error: string,
    readonly errorCodes: readonly number[],
    readonly status: number,
    readonly suberror?: string,
    description?: string,
  ) {
    // The description names Entra's trace ids and the AADSTS code; it never contains a token.
    super(`${error}${errorCodes.length ? ` (AADSTS${errorCodes.join(',')})` : ''}${description ? `: ${description.split('\r\n')[0]}` : ''}`);
    this.name = 'EntraTokenError';
  }
}

/** What the client needs: where the authority is and the app registration's credentials. */
export interface TokenEndpointSettings extends AuthorityLocation {
  clientId: string;
  clientSecret: string;
  /** Default 10 s. */
  timeoutMs?: number;
}

const JWT_BEARER = 'urn:ietf:params:oauth:grant-type:jwt-bearer';

/** A {@link TokenEndpointClient} that posts to `{authorityHost}/{tenant}/oauth2/v2.0/token` (or the network location). */
export function createTokenEndpointClient(settings: TokenEndpointSettings): TokenEndpointClient {
  const post = (tenantId: string, fields: Record<string, string>) => postForm(settings, tenantId, fields);
  return {
    onBehalfOf: (tenantId, assertion, scopes) => post(tenantId, {
      grant_type: JWT_BEARER, requested_token_use: 'on_behalf_of', assertion, scope: scopes.join(' '),
    }),
    refresh: (tenantId, refreshToken, scopes) => post(tenantId, {
      grant_type: 'refresh_token', refresh_token: refreshToken, scope: scopes.join(' '),
    }),
  };
}

async function postForm(settings: TokenEndpointSettings, tenantId: string, fields: Record<string, string>): Promise<TokenGrant> {
  const url = toNetworkUrl(settings, `${settings.authorityHost}/${encodeURIComponent(tenantId)}/oauth2/v2.0/token`);
  const body = new URLSearchParams({ client_id: settings.clientId, client_secret: settings.clientSecret, ...fields });
  let response: Response;
  try {
    response = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body,
      signal: AbortSignal.timeout(settings.timeoutMs ?? 10_000),
    });
  } catch {
    throw new EntraTokenError('temporarily_unavailable', [], 0, undefined, 'the token endpoint could not be reached');
  }
  const json = await response.json().catch(() => undefined) as Record<string, unknown> | undefined;
  if (!response.ok) throw errorOf(response.status, json);
  return grantOf(response.status, json);
}

function errorOf(status: number, json: Record<string, unknown> | undefined): EntraTokenError {
  const error = typeof json?.error === 'string' ? json.error : status >= 500 ? 'server_error' : 'invalid_response';
  const codes = Array.isArray(json?.error_codes) ? json.error_codes.filter((c): c is number => typeof c === 'number') : [];
  const suberror = typeof json?.suberror === 'string' ? json.suberror : undefined;
  const description = typeof json?.error_description === 'string' ? json.error_description : undefined;
  return new EntraTokenError(error, codes, status, suberror, description);
}

function grantOf(status: number, json: Record<string, unknown> | undefined): TokenGrant {
  const expiresIn = Number(json?.expires_in);
  if (typeof json?.access_token !== 'string' || !json.access_token || !Number.isFinite(expiresIn)) {
    throw new EntraTokenError('invalid_response', [], status, undefined, 'the token response has no access token');
  }
  return {
    accessToken: json.access_token,
    expiresInSec: expiresIn,
    refreshToken: typeof json.refresh_token === 'string' && json.refresh_token ? json.refresh_token : undefined,
    scope: typeof json.scope === 'string' ? json.scope : '',
  };
}
