import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { SignJWT, UnsecuredJWT, type JWTPayload, type KeyLike } from 'jose';
import type { SigningKeyRing } from './signingKeys';

/** The Teams desktop/mobile client, which requests SSO tokens for tabs (its azp in real tokens). */
export const TEAMS_CLIENT_ID = '1fec8e78-bce4-4aaf-ab1b-5451cc387264';

/**
 * What a Teams SSO token for our API says. Every field can be overridden so that tests can forge bad tokens;
 * the defaults give a good token.
 */
export interface SsoTokenOptions {
  tenantId: string;
  /** The user's object id (`oid`). */
  userId: string;
  name?: string;
  /** `preferred_username`. */
  upn?: string;
  roles?: string[];
  /** Space-separated delegated scopes; default `access_as_user`. */
  scp?: string;
  /** Default: the simulator's client id. */
  aud?: string;
  /** Default: `https://login.microsoftonline.com/{tenantId}/v2.0`. */
  iss?: string;
  /** `tid` claim when it should differ from `tenantId` (which picks the issuer). */
  tid?: string;
  /** Lifetime from `iat`; default 3600. A negative value gives an expired token. */
  expiresInSec?: number;
  /** `nbf` as epoch seconds; default now. */
  notBefore?: number;
  /** `iat` as epoch seconds; default now. */
  issuedAt?: number;
  /** The `kid` header; default the signing key's kid. */
  kid?: string;
  /** `RS256` (default); `HS256` signs with the authority's public key PEM as HMAC secret; `none` is unsigned. */
  alg?: 'RS256' | 'HS256' | 'none';
  /** Sign with this private key instead of the authority's (a key it never published). */
  signingKey?: KeyLike;
  /** Claims added or replaced after everything else; `undefined` values remove a claim. */
  claims?: Record<string, unknown>;
}

/** Mints Teams-SSO-like v2 access tokens for the app. */
export class SsoTokenMinter {
  constructor(private readonly keys: SigningKeyRing, private readonly clientId: string) {}

  async mint(options: SsoTokenOptions): Promise<string> {
    const payload = this.claimsFor(options);
    const alg = options.alg ?? 'RS256';
    if (alg === 'none') return new UnsecuredJWT(payload).encode();
    const kid = options.kid ?? this.keys.current.kid;
    const jwt = new SignJWT(payload).setProtectedHeader({ typ: 'JWT', alg, kid });
    if (alg === 'HS256') return jwt.sign(new TextEncoder().encode(await this.keys.currentPublicPem()));
    return jwt.sign(options.signingKey ?? this.keys.current.privateKey);
  }

  private claimsFor(options: SsoTokenOptions): JWTPayload {
    const now = Math.floor(Date.now() / 1000);
    const iat = options.issuedAt ?? now;
    const base: JWTPayload = {
      aud: options.aud ?? this.clientId,
      iss: options.iss ?? `https://login.microsoftonline.com/${options.tenantId}/v2.0`,
      iat,
      nbf: options.notBefore ?? iat,
      exp: iat + (options.expiresInSec ?? 3600),
      aio: randomBytes(24).toString('base64url'),
      azp: TEAMS_CLIENT_ID,
      azpacr: '0',
      name: options.name ?? 'Test User',
      oid: options.userId,
      preferred_username: options.upn ?? `${options.userId.slice(0, 8)}@contoso.example`,
      rh: randomBytes(16).toString('base64url'),
      ...(options.roles ? { roles: options.roles } : {}),
      scp: options.scp ?? 'access_as_user',
      sub: pairwiseSubject(options.userId, this.clientId),
      tid: options.tid ?? options.tenantId,
      uti: randomUUID(),
      ver: '2.0',
    };
    return applyOverrides(base, options.claims);
  }
}

/** Entra's `sub` is pairwise: stable per (user, app), different across apps. */
export function pairwiseSubject(userId: string, clientId: string): string {
  return createHash('sha256').update(`${userId}|${clientId}`).digest('base64url').slice(0, 43);
}

function applyOverrides(base: JWTPayload, overrides: Record<string, unknown> | undefined): JWTPayload {
  const result: JWTPayload = { ...base, ...overrides };
  for (const [name, value] of Object.entries(overrides ?? {})) {
    if (value === undefined) delete result[name];
  }
  return result;
}
