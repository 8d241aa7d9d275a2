import { AppError } from '../errors/appError';
import type { CallerIdentity } from '../identity';
import type { UserRowStore } from '../storage/userRowStore';
import { requireAdmin } from './permissions';
import { type HealthCounts, type HealthUser, countUser, healthUser, zeroHealthCounts } from './userSyncView';

/** `GET /api/org/health`. */
export interface OrgHealthView {
  counts: HealthCounts;
  users: HealthUser[];
  /** Pass it back for the next page; absent on the last page. */
  continuationToken?: string;
}

/** What {@link OrgHealthService} reads. */
export interface OrgHealthDeps {
  users: Pick<UserRowStore, 'page' | 'scan'>;
  now?: () => number;
}

/** The token's form: the last row key of the page, so it names no partition (the tenant is the caller's). */
const TOKEN_PREFIX = 'u1:';

/**
 * The company's health view: counts over the tenant's users and a page of them, read from the users table's
 * partition of the caller's own tenant (each user's last-sync summary), never from the mailboxes.
 */
export class OrgHealthService {
  constructor(private readonly deps: OrgHealthDeps) {}

  async health(caller: CallerIdentity, query: { top: number; continuationToken?: string }): Promise<OrgHealthView> {
    requireAdmin(caller);
    const after = query.continuationToken === undefined ? undefined : readToken(query.continuationToken);
    const now = (this.deps.now ?? Date.now)();
    const [page, counts] = await Promise.all([this.deps.users.page(caller.tenantId, query.top, after), this.count(caller.tenantId, now)]);
    return {
      counts,
      users: page.rows.map((row) => healthUser(row, now)),
      ...(page.lastKey === undefined ? {} : { continuationToken: writeToken(page.lastKey) }),
    };
  }

  private async count(tenantId: string, now: number): Promise<HealthCounts> {
    let counts = zeroHealthCounts();
    for await (const row of this.deps.users.scan(tenantId)) counts = countUser(counts, row, now);
    return counts;
  }
}

function writeToken(lastKey: string): string {
  return Buffer.from(TOKEN_PREFIX + lastKey, 'utf8').toString('base64url');
}

/** The row key a token carries; a token this API did not write is a 400. */
export function readToken(token: string): string {
  const text = Buffer.from(token, 'base64url').toString('utf8');
  if (!text.startsWith(TOKEN_PREFIX) || writeToken(text.slice(TOKEN_PREFIX.length)) !== token) {
    throw new AppError('invalid_request', 'continuationToken: is not a token of this list; start again without it.', {
      details: { field: 'continuationToken' },
    });
  }
  return text.slice(TOKEN_PREFIX.length);
}
