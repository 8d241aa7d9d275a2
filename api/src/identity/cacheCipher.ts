import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';

/** Seals a user's MSAL token cache for storage, and opens it again. */
export interface CacheCipher {
  /** `context` binds the ciphertext to its owner: a value copied to another user's row will not open. */
  seal(plaintext: string, context: string): string;
  /** Throws CacheUnreadableError when the key, the context or the value is wrong. */
  open(sealed: string, context: string): string;
}

/** A stored cache could not be decrypted (wrong key, another owner's value, or tampering). */
export class CacheUnreadableError extends Error {
  constructor() {
    super('The stored token cache could not be decrypted.');
    this.name = 'CacheUnreadableError';
  }
}

const VERSION = 'v1';
const IV_BYTES = 12;
const TAG_BYTES = 16;

/**
 * AES-256-GCM with a random 96-bit IV per value; the owner (tenant/user) is authenticated as AAD.
 * Format: `v1.` + base64(iv ‖ tag ‖ ciphertext), so the key or format can change later by version.
 */
export function createCacheCipher(key: Buffer): CacheCipher {
  if (key.length !== 32) throw new Error('the token cache key must be 32 bytes (AES-256)');
  return {
    seal(plaintext, context) {
      const iv = randomBytes(IV_BYTES);
      const cipher = createCipheriv('aes-256-gcm', key, iv);
      cipher.setAAD(Buffer.from(context, 'utf8'));
      const ciphertext = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
      return `${VERSION}.${Buffer.concat([iv, cipher.getAuthTag(), ciphertext]).toString('base64')}`;
    },
    open(sealed, context) {
      const [version, body] = sealed.split('.', 2);
      if (version !== VERSION || !body) throw new CacheUnreadableError();
      const bytes = Buffer.from(body, 'base64');
      if (bytes.length < IV_BYTES + TAG_BYTES) throw new CacheUnreadableError();
      try {
        const decipher = createDecipheriv('aes-256-gcm', key, bytes.subarray(0, IV_BYTES));
        decipher.setAAD(Buffer.from(context, 'utf8'));
        decipher.setAuthTag(bytes.subarray(IV_BYTES, IV_BYTES + TAG_BYTES));
        return Buffer.concat([decipher.update(bytes.subarray(IV_BYTES + TAG_BYTES)), decipher.final()]).toString('utf8');
      } catch {
        throw new CacheUnreadableError();
      }
    },
  };
}
