import { createRemoteJWKSet, errors, type JWTVerifyGetKey } from 'jose';
import { openIdConfigurationUrl, toNetworkUrl, type AuthorityLocation } from './authorityUrls';

/** Options for {@link TenantSigningKeys}. */
export interface TenantSigningKeysOptions extends AuthorityLocation {
  /**
   * After a fetch, an unknown `kid` refetches the JWKS only once this long has passed (default 30 s, jose's):
   * forged tokens with random kids must not turn into a flood of requests to Entra.
   */
  jwksCooldownMs?: number;
  /** Keys are refetched after this long even without an unknown kid (default 10 min). */
  jwksMaxAgeMs?: number;
  /** A tenant's OpenID configuration is reread after this long (default 24 h). */
  metadataMaxAgeMs?: number;
  /** Per request (default 5 s). */
  timeoutMs?: number;
}

/** The authority's keys or metadata could not be fetched: a failure on our side, not a bad token. */
export class KeySetUnavailableError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'KeySetUnavailableError';
  }
}

interface Entry {
  loadedAt: number;
  keys: Promise<JWTVerifyGetKey>;
}

/**
 * Signing keys per tenant: the tenant's OpenID configuration gives its `jwks_uri`, whose keys jose caches
 * and refetches when a token names a `kid` it does not know (after the cooldown). Only call it for enabled
 * tenants: each new tenant costs a request to Entra.
 */
export class TenantSigningKeys {
  private readonly entries = new Map<string, Entry>();

  constructor(private readonly options: TenantSigningKeysOptions) {}

  /** A jose key resolver for the tenant's tokens. Throws KeySetUnavailableError when Entra cannot be read. */
  get(tenantId: string): Promise<JWTVerifyGetKey> {
    const now = Date.now();
    const cached = this.entries.get(tenantId);
    if (cached && now - cached.loadedAt < (this.options.metadataMaxAgeMs ?? 24 * 3600_000)) return cached.keys;
    const entry: Entry = { loadedAt: now, keys: this.load(tenantId) };
    this.entries.set(tenantId, entry);
    // A failed load is not cached: the next token tries again.
    entry.keys.catch(() => {
      if (this.entries.get(tenantId) === entry) this.entries.delete(tenantId);
    });
    return entry.keys;
  }

  private async load(tenantId: string): Promise<JWTVerifyGetKey> {
    const metadata = await this.fetchMetadata(tenantId);
    const expectedIssuer = `${this.options.authorityHost}/${tenantId}/v2.0`;
    if (metadata.issuer !== expectedIssuer || typeof metadata.jwks_uri !== 'string') {
      throw new KeySetUnavailableError('the tenant\'s OpenID configuration names another issuer or no jwks_uri');
    }
    const remote = createRemoteJWKSet(new URL(toNetworkUrl(this.options, metadata.jwks_uri)), {
      cooldownDuration: this.options.jwksCooldownMs ?? 30_000,
      cacheMaxAge: this.options.jwksMaxAgeMs ?? 600_000,
      timeoutDuration: this.options.timeoutMs ?? 5_000,
    });
    return separateFetchFailures(remote);
  }

  private async fetchMetadata(tenantId: string): Promise<{ issuer?: unknown; jwks_uri?: unknown }> {
    const url = openIdConfigurationUrl(this.options, tenantId);
    let response: Response;
    try {
      response = await fetch(url, { signal: AbortSignal.timeout(this.options.timeoutMs ?? 5_000) });
    } catch (error) {
      throw new KeySetUnavailableError('the tenant\'s OpenID configuration could not be fetched', { cause: error });
    }
    if (!response.ok) throw new KeySetUnavailableError(`the tenant's OpenID configuration answered ${response.status}`);
    return (await response.json()) as { issuer?: unknown; jwks_uri?: unknown };
  }
}

/**
 * jose reports "no key with that kid" and "the JWKS request failed" alike from the resolver; the validator
 * must answer the first with 401 and the second with a server error, so fetch failures get their own type.
 */
function separateFetchFailures(remote: JWTVerifyGetKey): JWTVerifyGetKey {
  return async (header, token) => {
    try {
      return await remote(header, token);
    } catch (error) {
      if (error instanceof errors.JWKSNoMatchingKey || error instanceof errors.JWKSMultipleMatchingKeys
        || error instanceof errors.JOSENotSupported) throw error;
      throw new KeySetUnavailableError('the tenant\'s signing keys could not be fetched', { cause: error });
    }
  };
}
