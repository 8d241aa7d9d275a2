import { ConversationRateLimit } from './conversationRateLimit';
import { BASE_RETRY_MS, MAX_SEND_ATTEMPTS, decideDelivery, parseRetryAfter } from './deliveryRules';

describe('decideDelivery', () => {
  it.each([
    ['429 with Retry-After waits that long', { status: 429, retryAfterMs: 3000 }, 1, { action: 'retry', waitMs: 3000 }],
    ['429 without Retry-After backs off', { status: 429 }, 2, { action: 'retry', waitMs: 2 * BASE_RETRY_MS }],
    ['412 is retried', { status: 412 }, 1, { action: 'retry', waitMs: BASE_RETRY_MS }],
    ['502 is retried', { status: 502 }, 1, { action: 'retry', waitMs: BASE_RETRY_MS }],
    ['503 is retried', { status: 503 }, 1, { action: 'retry', waitMs: BASE_RETRY_MS }],
    ['504 is retried', { status: 504 }, 1, { action: 'retry', waitMs: BASE_RETRY_MS }],
    ['a retryable status gives up after the last attempt', { status: 503 }, MAX_SEND_ATTEMPTS, { action: 'give_up', code: 'http_503' }],
    ['a Retry-After too long for one invocation gives up', { status: 429, retryAfterMs: 10 * 60_000 }, 1, { action: 'give_up', code: 'http_429' }],
    ['a blocked user (code) forgets', { status: 403, code: 'ConversationBlockedByUser' }, 1, { action: 'forget', outcome: 'blocked', code: 'ConversationBlockedByUser' }],
    ['blocked writes (only in the message) forget', { status: 403, message: 'MessageWritesBlocked: user blocked' }, 1, { action: 'forget', outcome: 'blocked', code: 'MessageWritesBlocked' }],
    ['a bot disabled by the admin pauses', { status: 403, code: 'BotDisabledByAdmin' }, 1, { action: 'pause', outcome: 'bot_disabled', code: 'BotDisabledByAdmin' }],
    ['a conversation not found forgets', { status: 404, code: 'ConversationNotFound' }, 1, { action: 'forget', outcome: 'conversation_gone', code: 'ConversationNotFound' }],
    ['another 403 gives up at once', { status: 403, code: 'Forbidden' }, 1, { action: 'give_up', code: 'Forbidden' }],
    ['400 gives up at once', { status: 400, code: 'BadArgument' }, 1, { action: 'give_up', code: 'BadArgument' }],
  ])('%s', (_what, failure, attempt, expected) => {
    expect(decideDelivery(failure, attempt)).toEqual(expected);
  });
});

describe('parseRetryAfter', () => {
  it.each([
    ['2', 0, 2000], [' 0 ', 0, 0], ['Thu, 01 Jan 1970 00:00:05 GMT', 1000, 4000], ['soon', 0, undefined], [null, 0, undefined],
  ])('%j at %d → %j', (value, now, expected) => {
    expect(parseRetryAfter(value, now)).toBe(expected);
  });
});

describe('ConversationRateLimit', () => {
  it('lets 7 sends a second through, then waits for the oldest to leave the second', () => {
    const limit = new ConversationRateLimit();
    const waits = Array.from({ length: 8 }, () => limit.delayFor('a', 10_000));
    expect(waits).toEqual([0, 0, 0, 0, 0, 0, 0, 1000]);
  });

  it('keeps 60 sends in 30 seconds at most', () => {
    const limit = new ConversationRateLimit();
    const times = Array.from({ length: 61 }, () => 10_000 + limit.delayFor('a', 10_000));
    expect(times.filter((time) => time < 10_000 + 30_000)).toHaveLength(60);
    expect(times[60]).toBeGreaterThanOrEqual(10_000 + 30_000);
  });

  it('counts each conversation on its own', () => {
    const limit = new ConversationRateLimit();
    for (let i = 0; i < 7; i++) limit.delayFor('a', 0);
    expect(limit.delayFor('b', 0)).toBe(0);
    expect(limit.delayFor('a', 0)).toBe(1000);
  });
});
