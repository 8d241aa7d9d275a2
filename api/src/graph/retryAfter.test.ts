import { retryAfterMs } from './graphBatch';
import { retryAfterSeconds } from './retryAfter';

const NOW = Date.parse('2026-12-01T12:00:00Z');

describe('reading Retry-After', () => {
  it.each<[string, string, number | undefined]>([
    ['delay-seconds', '7', 7],
    ['delay-seconds with spaces', ' 30 ', 30],
    ['an HTTP-date ahead', 'Tue, 01 Dec 2026 12:01:00 GMT', 60],
    ['an HTTP-date past', 'Tue, 01 Dec 2026 11:00:00 GMT', 0],
    ['neither', 'soon', undefined],
    ['a negative number', '-5', undefined],
  ])('%s (%s) is %s seconds', (_case, value, expected) => {
    expect(retryAfterSeconds(value, NOW)).toBe(expected);
  });

  it.each<[string, unknown, number]>([
    ['seconds', { 'Retry-After': '3' }, 3000],
    ['a header name in any case', { 'retry-after': '4' }, 4000],
    ['an HTTP-date', { 'Retry-After': 'Tue, 01 Dec 2026 12:00:10 GMT' }, 10_000],
    ['no header: the default wait', {}, 2000],
    ['an unreadable value: the default wait', { 'Retry-After': 'later' }, 2000],
  ])('a $batch item with %s waits %s ms', (_case, headers, expected) => {
    expect(retryAfterMs(headers, NOW)).toBe(expected);
  });
});
