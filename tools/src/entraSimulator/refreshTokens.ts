import { randomBytes } from 'node:crypto';

/** Who a token is about; carried from the on-behalf-of assertion into refresh tokens. */
export interface UserProfile {
  tenantId: string;
  userId: string;
  name: string;
  upn: string;
}

/** What the authority remembers about a refresh token it issued. */
export interface RefreshTokenRecord {
  user: UserProfile;
  clientId: string;
  expiresAt: number;
}

/**
 * Refresh tokens are opaque, as Entra's are: a random handle the authority looks up. Consent is checked
 * again at every redemption, so revoking consent makes every outstanding refresh token useless.
 */
export class RefreshTokenStore {
  private readonly records = new Map<string, RefreshTokenRecord>();

  constructor(private readonly lifetimeMs = 90 * 24 * 3600 * 1000, private readonly now: () => number = Date.now) {}

  issue(user: UserProfile, clientId: string): string {
    const token = `1.AS${randomBytes(96).toString('base64url')}`;
    this.records.set(token, { user, clientId, expiresAt: this.now() + this.lifetimeMs });
    return token;
  }

  /** The record of a live token; undefined for unknown or expired tokens. */
  find(token: string): RefreshTokenRecord | undefined {
    const record = this.records.get(token);
    if (!record || record.expiresAt <= this.now()) return undefined;
    return record;
  }
}
