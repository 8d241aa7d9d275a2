import { AppError } from '../errors/appError';
import { createRateLimits, TokenBucketLimiter } from './rateLimiter';

function clock(start = 0) {
  let now = start;
  return { now: () => now, advance: (ms: number) => { now += ms; } };
}

describe('token bucket', () => {
  it.each([
    // capacity, period, requests at t=0, then [advance, expected wait]
    [2, 60_000, 2, 0, 30_000],
    [2, 60_000, 2, 29_000, 1_000],
    [2, 60_000, 2, 30_000, 0],
    [1, 1_000, 1, 0, 1_000],
    [10, 60_000, 10, 5_999, 1],
  ])('capacity %i per %i ms: after %i requests and %i ms more, the next waits %i ms', (capacity, periodMs, burst, advance, wait) => {
    const time = clock();
    const limiter = new TokenBucketLimiter({ capacity, periodMs, now: time.now });
    for (let i = 0; i < burst; i += 1) expect(limiter.take('k')).toBe(0);
    time.advance(advance);
    expect(limiter.take('k')).toBe(wait);
  });

  it('keeps keys apart and never holds more than capacity after a long pause', () => {
    const time = clock();
    const limiter = new TokenBucketLimiter({ capacity: 1, periodMs: 1_000, now: time.now });
    expect([limiter.take('a'), limiter.take('b'), limiter.take('a')]).toEqual([0, 0, 1_000]);
    time.advance(3_600_000);
    expect([limiter.take('a'), limiter.take('a')]).toEqual([0, 1_000]);
  });

  it('remembers at most maxKeys keys, dropping the least recently used', () => {
    const limiter = new TokenBucketLimiter({ capacity: 1, periodMs: 60_000, maxKeys: 2, now: () => 0 });
    limiter.take('a');
    limiter.take('b');
    limiter.take('a');
    limiter.take('c');
    // 'a' was kept (still empty), 'b' was dropped (a fresh bucket).
    expect([limiter.take('a'), limiter.take('b')]).toEqual([60_000, 0]);
  });
});

describe('rate limits of the costly endpoints', () => {
  const throttle = (run: () => void): unknown => {
    try {
      run();
      return undefined;
    } catch (error) {
      return error instanceof AppError ? { code: error.code, status: error.status, details: error.details } : error;
    }
  };

  it('limits per user and per tenant, per endpoint, with whole seconds to wait', () => {
    const limits = createRateLimits({ perUserPerMinute: 2, perTenantPerMinute: 3 }, () => 0);
    const alice = { tenantId: 't', userId: 'alice' };
    const bob = { tenantId: 'T', userId: 'bob' };
    expect([throttle(() => limits.check('sync', alice)), throttle(() => limits.check('sync', alice))]).toEqual([undefined, undefined]);
    expect(throttle(() => limits.check('sync', alice))).toEqual({ code: 'throttled', status: 429, details: { retryAfterSec: 30 } });
    expect(throttle(() => limits.check('search', alice))).toBeUndefined();
    expect(throttle(() => limits.check('sync', bob))).toBeUndefined();
    expect(throttle(() => limits.check('sync', bob))).toEqual({ code: 'throttled', status: 429, details: { retryAfterSec: 20 } });
    expect(throttle(() => limits.check('sync', { tenantId: 'other', userId: 'bob' }))).toBeUndefined();
  });
});
