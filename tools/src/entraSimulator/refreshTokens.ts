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
  issuedAt: number;
  expiresAt: number;
  /** Issue order: revocation compares it, so a token issued in the same millisecond after it stays valid. */
  serial: number;
}

/** What redeeming a refresh token finds: a live grant, one revoked since it was issued, or nothing. */
export type RefreshTokenLookup =
  | { state: 'live'; record: RefreshTokenRecord }
  | { state: 'revoked'; record: RefreshTokenRecord; validFrom: number }
  | { state: 'unknown' };

/**
 * Refresh tokens are opaque, as Entra's are: a random handle the authority looks up. Consent is checked
 * again at every redemption, so revoking consent makes every outstanding refresh token useless. Using a
 * token does not revoke it (Entra: "Refresh tokens aren't revoked when used"); each grant issues a new one.
 * Revoking a user's sessions (Graph `revokeSignInSessions`, a password reset) invalidates every token
 * issued before that moment.
 */
export class RefreshTokenStore {
  private readonly records = new Map<string, RefreshTokenRecord>();
  /** Per user: the serial of the last token issued before their sessions were revoked, and when. */
  private readonly revoked = new Map<string, { upToSerial: number; at: number }>();
  private serial = 0;

  constructor(private readonly lifetimeMs = 90 * 24 * 3600 * 1000, private readonly now: () => number = Date.now) {}

  issue(user: UserProfile, clientId: string): string {
    const token = `1.AS${randomBytes(96).toString('base64url')}`;
    const now = this.now();
    this.serial += 1;
    this.records.set(token, { user, clientId, issuedAt: now, expiresAt: now + this.lifetimeMs, serial: this.serial });
    return token;
  }

  /** What a redemption of `token` meets; expired tokens are unknown. */
  find(token: string): RefreshTokenLookup {
    const record = this.records.get(token);
    if (!record || record.expiresAt <= this.now()) return { state: 'unknown' };
    const revoked = this.revoked.get(userKey(record.user.tenantId, record.user.userId));
    if (revoked && record.serial <= revoked.upToSerial) return { state: 'revoked', record, validFrom: revoked.at };
    return { state: 'live', record };
  }

  /** Invalidates every refresh token of the user issued until now. */
  revokeAll(tenantId: string, userId: string): void {
    this.revoked.set(userKey(tenantId, userId), { upToSerial: this.serial, at: this.now() });
  }
}

function userKey(tenantId: string, userId: string): string {
  return `${tenantId.toLowerCase()}|${userId.toLowerCase()}`;
}
