import type { RateLimitConfig } from '../config';
import { AppError } from '../errors/appError';

/** Options for {@link TokenBucketLimiter}. */
export interface TokenBucketOptions {
  /** Requests a key may make at once, and per `periodMs` on average. */
  capacity: number;
  periodMs: number;
  /** Keys remembered at most (default 10 000); the least recently used one is dropped beyond. */
  maxKeys?: number;
  now?: () => number;
}

interface Bucket {
  tokens: number;
  at: number;
}

/**
 * Token buckets per key, in this instance's memory: each key holds up to `capacity` tokens, refilled
 * continuously at `capacity` per `periodMs`. The map is bounded, so many callers cannot grow memory.
 */
export class TokenBucketLimiter {
  private readonly buckets = new Map<string, Bucket>();
  private readonly msPerToken: number;

  constructor(private readonly options: TokenBucketOptions) {
    this.msPerToken = options.periodMs / options.capacity;
  }

  /** Takes a token: 0 when the request may go ahead, else the milliseconds until the key has one again. */
  take(key: string): number {
    const now = (this.options.now ?? Date.now)();
    const bucket = this.refilled(key, now);
    if (bucket.tokens >= 1) {
      bucket.tokens -= 1;
      return 0;
    }
    return Math.ceil((1 - bucket.tokens) * this.msPerToken);
  }

  private refilled(key: string, now: number): Bucket {
    const known = this.buckets.get(key);
    const bucket = known ?? { tokens: this.options.capacity, at: now };
    bucket.tokens = Math.min(this.options.capacity, bucket.tokens + Math.max(0, now - bucket.at) / this.msPerToken);
    bucket.at = now;
    // Re-inserted so the map's order is least recently used first.
    this.buckets.delete(key);
    if (!known && this.buckets.size >= (this.options.maxKeys ?? 10_000)) this.buckets.delete(this.buckets.keys().next().value ?? '');
    this.buckets.set(key, bucket);
    return bucket;
  }
}

/** The endpoints that cost Entra, Graph or a partition scan. */
export type CostlyEndpoint = 'sync' | 'search';

/** Per-user and per-tenant limits of the costly endpoints (429 `throttled` with `retryAfterSec`). */
export interface RateLimits {
  /** Throws `throttled` when the caller or the caller's tenant has used up its requests to the endpoint. */
  check(endpoint: CostlyEndpoint, caller: { tenantId: string; userId: string }): void;
}

/** {@link RateLimits} from `RATE_LIMIT_USER_PER_MINUTE` and `RATE_LIMIT_TENANT_PER_MINUTE`, per instance. */
export function createRateLimits(config: RateLimitConfig, now?: () => number): RateLimits {
  const perUser = new TokenBucketLimiter({ capacity: config.perUserPerMinute, periodMs: 60_000, now });
  const perTenant = new TokenBucketLimiter({ capacity: config.perTenantPerMinute, periodMs: 60_000, now });
  return {
    check(endpoint, caller) {
      const tenant = caller.tenantId.toLowerCase();
      // A user over the limit does not use up the tenant's requests.
      const waitMs = perUser.take(`${endpoint}|${tenant}|${caller.userId.toLowerCase()}`) || perTenant.take(`${endpoint}|${tenant}`);
      if (waitMs > 0) {
        const retryAfterSec = Math.max(1, Math.ceil(waitMs / 1000));
        throw new AppError('throttled', `Too many requests. Please wait ${retryAfterSec} seconds and try again.`, { details: { retryAfterSec } });
      }
    },
  };
}
