/** Which mailbox a bearer token opens. */
export interface MailboxIdentity {
  tenantId: string;
  userId: string;
}

/**
 * Turns a bearer token into the mailbox it may read; `undefined` answers 401. The default accepts
 * {@link simToken}s; a JWT validator can be plugged in instead.
 */
export type Authenticator = (token: string) => Promise<MailboxIdentity | undefined>;

const PREFIX = 'sim:';

/** A bearer token the default authenticator accepts for this mailbox: `sim:<tenantId>:<userId>`. */
export function simToken(tenantId: string, userId: string): string {
  return `${PREFIX}${encodeURIComponent(tenantId)}:${encodeURIComponent(userId)}`;
}

/** The default {@link Authenticator}: `sim:<tenantId>:<userId>` (parts URI-encoded), anything else refused. */
export const simTokenAuthenticator: Authenticator = (token) => Promise.resolve(parseSimToken(token));

function parseSimToken(token: string): MailboxIdentity | undefined {
  if (!token.startsWith(PREFIX)) return undefined;
  const parts = token.slice(PREFIX.length).split(':');
  if (parts.length !== 2 || !parts[0] || !parts[1]) return undefined;
  try {
    return { tenantId: decodeURIComponent(parts[0]), userId: decodeURIComponent(parts[1]) };
  } catch {
    return undefined;
  }
}
