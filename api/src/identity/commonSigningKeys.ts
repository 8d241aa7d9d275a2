import { createRemoteJWKSet, errors, type JWTVerifyGetKey } from 'jose';
import { commonKeysUrl, type AuthorityLocation } from './authorityUrls';

/** Options for {@link createCommonSigningKeys}. */
export interface CommonSigningKeysOptions extends AuthorityLocation {
  /**
   * After a fetch, an unknown `kid` refetches the keys only once this long has passed (default 30 s, jose's):
   * forged tokens with random kids must not turn into a flood of requests to Entra.
   */
  jwksCooldownMs?: number;
  /** Keys are refetched after this long even without an unknown kid (default 10 min). */
  jwksMaxAgeMs?: number;
  /** Per request (default 5 s). */
  timeoutMs?: number;
}

/** The authority's keys could not be fetched: a failure on our side, not a bad token. */
export class KeySetUnavailableError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'KeySetUnavailableError';
  }
}

/**
 * Entra's signing keys, from the common key set (`/common/discovery/v2.0/keys`): Entra signs every
 * tenant's tokens with the same keys, so one cached set verifies all of them, and no token, signed or not,
 * makes the API fetch anything per tenant. The cache is one key set (jose keeps it, refetching on an
 * unknown `kid` after the cooldown): bounded whatever tenants tokens name. The issuer is checked against
 * the token's tenant after the signature (see the validator).
 */
export function createCommonSigningKeys(options: CommonSigningKeysOptions): JWTVerifyGetKey {
  const remote = createRemoteJWKSet(new URL(commonKeysUrl(options)), {
    cooldownDuration: options.jwksCooldownMs ?? 30_000,
    cacheMaxAge: options.jwksMaxAgeMs ?? 600_000,
    timeoutDuration: options.timeoutMs ?? 5_000,
  });
  return separateFetchFailures(remote);
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
      throw new KeySetUnavailableError('Entra\'s signing keys could not be fetched', { cause: error });
    }
  };
}
