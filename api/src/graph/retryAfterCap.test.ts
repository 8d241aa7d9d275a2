import { retryAfterWithin } from './graphClientFactory';

function answered(retryAfter?: string): Response {
  return new Response(null, { status: 429, headers: retryAfter === undefined ? {} : { 'Retry-After': retryAfter } });
}

describe('the Retry-After cap of the Graph client', () => {
  it.each<[string, number | undefined, string | undefined, boolean]>([
    ['no cap', undefined, '600', true],
    ['no Retry-After: the SDK backs off by itself', 30, undefined, true],
    ['a wait within the cap', 30, '30', true],
    ['a wait past the cap', 30, '31', false],
    ['an HTTP date within the cap', 30, new Date(Date.now() + 10_000).toUTCString(), true],
    ['an HTTP date past the cap', 30, new Date(Date.now() + 3_600_000).toUTCString(), false],
  ])('%s: retry is %s', (_case, cap, header, expected) => {
    expect(retryAfterWithin(cap)(1, 1, '', undefined, answered(header))).toBe(expected);
  });
});
