import { createHash, randomBytes } from 'node:crypto';
import type { UserProfile } from './refreshTokens';

/** What an authorization code stands for, remembered until it is redeemed (once) or expires. */
export interface AuthorizationCodeRecord {
  user: UserProfile;
  clientId: string;
  redirectUri: string;
  /** The scopes of the authorization request (the token request may name fewer). */
  scope: string;
  codeChallenge: string;
  codeChallengeMethod: 'S256' | 'plain';
  /** The request's `nonce`: the id token carries it back (MSAL rejects a mismatch). */
  nonce?: string;
  expiresAt: number;
}

/** Entra's codes live about 10 minutes ("OAuth 2.0 authorization code flow": "short lived, typically 10 minutes"). */
const CODE_LIFETIME_MS = 10 * 60 * 1000;

/** Authorization codes: opaque handles, single use. */
export class AuthorizationCodeStore {
  private readonly codes = new Map<string, AuthorizationCodeRecord>();

  issue(record: Omit<AuthorizationCodeRecord, 'expiresAt'>): string {
    const code = `sim-code.${randomBytes(24).toString('base64url')}`;
    this.codes.set(code, { ...record, expiresAt: Date.now() + CODE_LIFETIME_MS });
    return code;
  }

  /** Takes the code out (a code redeems once); undefined when unknown, used or expired. */
  redeem(code: string): AuthorizationCodeRecord | undefined {
    const record = this.codes.get(code);
    this.codes.delete(code);
    return record && record.expiresAt > Date.now() ? record : undefined;
  }
}

/** RFC 7636 §4.6: BASE64URL(SHA256(verifier)) == challenge for S256; equality for plain. */
export function verifierMatches(verifier: string, challenge: string, method: 'S256' | 'plain'): boolean {
  const derived = method === 'S256' ? createHash('sha256').update(verifier).digest('base64url') : verifier;
  return derived === challenge;
}
