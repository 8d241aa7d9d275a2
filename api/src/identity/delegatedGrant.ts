import { CacheUnreadableError, type CacheCipher } from './cacheCipher';

/**
 * What the app keeps of a user's delegated access between requests: the latest refresh token (each grant
 * replaces it, as Entra asks) and the latest Graph access token with its expiry, so background calls within
 * its lifetime do not ask Entra again.
 */
export interface DelegatedGrant {
  refreshToken?: string;
  accessToken: string;
  /** Epoch ms. */
  accessTokenExpiresAt: number;
}

/** The cipher's associated data: the row a grant belongs to, so a value copied to another user's row will not open. */
export function ownerContext(tenantId: string, userId: string): string {
  return `delegated-grant|${tenantId.toLowerCase()}|${userId.toLowerCase()}`;
}

/** Encrypts a grant for the users table. */
export function sealGrant(cipher: CacheCipher, tenantId: string, userId: string, grant: DelegatedGrant): string {
  return cipher.seal(JSON.stringify({ v: 1, ...grant }), ownerContext(tenantId, userId));
}

/** Decrypts a stored grant; CacheUnreadableError when the key, the owner or the value is wrong. */
export function openGrant(cipher: CacheCipher, tenantId: string, userId: string, sealed: string): DelegatedGrant {
  const value = JSON.parse(cipher.open(sealed, ownerContext(tenantId, userId))) as Partial<DelegatedGrant> & { v?: number };
  if (value.v !== 1 || typeof value.accessToken !== 'string' || typeof value.accessTokenExpiresAt !== 'number') {
    throw new CacheUnreadableError();
  }
  const refreshToken = typeof value.refreshToken === 'string' ? value.refreshToken : undefined;
  return { refreshToken, accessToken: value.accessToken, accessTokenExpiresAt: value.accessTokenExpiresAt };
}
