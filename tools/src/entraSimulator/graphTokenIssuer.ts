import { randomBytes, randomUUID } from 'node:crypto';
import { SignJWT, type JWTPayload } from 'jose';
import type { RefreshTokenStore, UserProfile } from './refreshTokens';
import type { SigningKeyRing } from './signingKeys';
import { pairwiseSubject } from './ssoTokenMinter';

export const GRAPH_RESOURCE = 'https://graph.microsoft.com';

/**
 * The success body of Entra's v2 token endpoint. Documented fields ("OAuth 2.0 On-Behalf-Of flow",
 * Middle-tier access token response; "authorization code flow", Refresh the access token): `token_type`,
 * `scope`, `expires_in`, `ext_expires_in`, `access_token`, and `refresh_token` only when `offline_access`
 * was requested; `id_token` only when `openid` was requested. `client_info` is MSAL's extension: Entra
 * adds it only when the request carries `client_info=1`.
 */
export interface TokenResponse {
  token_type: 'Bearer';
  scope: string;
  expires_in: number;
  ext_expires_in: number;
  access_token: string;
  refresh_token?: string;
  id_token?: string;
  client_info?: string;
}

/** What a successful grant hands out. */
export interface IssueRequest {
  user: UserProfile;
  /** Graph permissions the user granted (short names, e.g. `Contacts.Read`). */
  grantedScopes: readonly string[];
  /** OpenID scopes the client asked for: `openid` gives an id token, `offline_access` a refresh token. */
  oidcScopes: ReadonlySet<string>;
  /** The request carried `client_info=1`. */
  clientInfo: boolean;
  /** The authorization request's nonce, echoed in the id token. */
  nonce?: string;
}

/** Issues Graph access tokens, id tokens, client_info and refresh tokens. */
export class GraphTokenIssuer {
  constructor(
    private readonly keys: SigningKeyRing,
    private readonly clientId: string,
    private readonly refreshTokens: RefreshTokenStore,
    private readonly accessTokenLifetimeSec: number,
  ) {}

  async issue(request: IssueRequest): Promise<TokenResponse> {
    const { user, grantedScopes, oidcScopes } = request;
    const resourceScopes = grantedScopes.filter((scope) => scope !== 'offline_access');
    const withRefresh = oidcScopes.has('offline_access') && grantedScopes.includes('offline_access');
    const response: TokenResponse = {
      token_type: 'Bearer',
      // Like Entra, the permissions the user granted on the resource, fully qualified; the documented
      // examples name no OpenID scope here even when offline_access was asked for.
      scope: resourceScopes.map((s) => `${GRAPH_RESOURCE}/${s}`).join(' '),
      expires_in: this.accessTokenLifetimeSec,
      ext_expires_in: this.accessTokenLifetimeSec,
      access_token: await this.sign(this.graphClaims(user, grantedScopes)),
    };
    if (withRefresh) response.refresh_token = this.refreshTokens.issue(user, this.clientId);
    if (oidcScopes.has('openid')) response.id_token = await this.sign({ ...this.idTokenClaims(user), ...(request.nonce ? { nonce: request.nonce } : {}) });
    if (request.clientInfo) {
      // MSAL builds an account's home id (uid.utid) from it; nobody else asks for it.
      response.client_info = Buffer.from(JSON.stringify({ uid: user.userId, utid: user.tenantId })).toString('base64url');
    }
    return response;
  }

  /** A v1 access token for Graph, as Entra issues them (Graph tokens are v1). */
  private graphClaims(user: UserProfile, grantedScopes: readonly string[]): JWTPayload {
    const now = Math.floor(Date.now() / 1000);
    return {
      aud: GRAPH_RESOURCE,
      iss: `https://sts.windows.net/${user.tenantId}/`,
      iat: now, nbf: now, exp: now + this.accessTokenLifetimeSec,
      appid: this.clientId, appidacr: '1', idtyp: 'user',
      name: user.name, oid: user.userId, upn: user.upn, unique_name: user.upn,
      scp: grantedScopes.join(' '),
      sub: pairwiseSubject(user.userId, GRAPH_RESOURCE),
      tid: user.tenantId, uti: randomUUID(), ver: '1.0',
    };
  }

  private idTokenClaims(user: UserProfile): JWTPayload {
    const now = Math.floor(Date.now() / 1000);
    return {
      aud: this.clientId,
      iss: `https://login.microsoftonline.com/${user.tenantId}/v2.0`,
      iat: now, nbf: now, exp: now + 3600,
      name: user.name, oid: user.userId, preferred_username: user.upn,
      rh: randomBytes(16).toString('base64url'),
      sub: pairwiseSubject(user.userId, this.clientId),
      tid: user.tenantId, uti: randomUUID(), ver: '2.0',
    };
  }

  private sign(payload: JWTPayload): Promise<string> {
    const key = this.keys.current;
    return new SignJWT(payload).setProtectedHeader({ typ: 'JWT', alg: 'RS256', kid: key.kid }).sign(key.privateKey);
  }
}
