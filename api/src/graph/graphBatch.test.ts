import { type BatchPoster, getInBatches } from './graphBatch';

/** A `$batch` endpoint that answers each request by the script of its URL, one status per try. */
function scripted(statuses: Record<string, number[]>, retryAfter = '1'): { post: BatchPoster; tries: Record<string, number> } {
  const tries: Record<string, number> = {};
  const post: BatchPoster = (body) => Promise.resolve({
    responses: (body.requests as Array<{ id: string; url: string }>).map(({ id, url }) => {
      const n = tries[url] ?? 0;
      tries[url] = n + 1;
      const status = statuses[url]?.[n] ?? 200;
      return { id, status, headers: status === 200 ? {} : { 'Retry-After': retryAfter }, body: status === 200 ? { url } : {} };
    }),
  });
  return { post, tries };
}

const noSleep = (): Promise<void> => Promise.resolve();

describe('retries inside $batch', () => {
  it('retries an item past five tries while other items of its rounds are answered', async () => {
    const urls = ['/a', '/b', '/c', '/d', '/e', '/f', '/g'];
    // '/g' fails six times, but each of its rounds answers another item first.
    const script = Object.fromEntries(urls.map((url, i) => [url, Array<number>(i).fill(429)]));
    const { post, tries } = scripted(script);
    const outcomes = await getInBatches(post, urls, {}, { sleep: noSleep });
    expect(outcomes).toEqual(urls.map((url) => ({ body: { url } })));
    expect(tries['/g']).toBe(7);
  });

  it.each([
    [429, 'throttled'],
    [503, 'graph_unavailable'],
  ])('fails the waiting items after five rounds in a row with no answer (%i → %s)', async (status, code) => {
    const { post, tries } = scripted({ '/a': Array<number>(9).fill(status), '/b': Array<number>(9).fill(status) });
    const outcomes = await getInBatches(post, ['/a', '/b'], {}, { sleep: noSleep });
    expect(outcomes).toEqual([{ error: expect.objectContaining({ code }) }, { error: expect.objectContaining({ code }) }]);
    expect(tries).toEqual({ '/a': 5, '/b': 5 });
  });

  it('does not start a wait that would end after the deadline', async () => {
    const { post, tries } = scripted({ '/a': [429, 429] }, '10');
    const slept: number[] = [];
    const sleep = (ms: number): Promise<void> => { slept.push(ms); return Promise.resolve(); };
    const outcomes = await getInBatches(post, ['/a', '/b'], {}, { sleep, now: () => 1_000, retryUntilMs: 5_000 });
    expect(outcomes[0]).toEqual({ error: expect.objectContaining({ code: 'throttled', message: expect.stringContaining('longer than this sync may wait') }) });
    expect(outcomes[1]).toEqual({ body: { url: '/b' } });
    expect([tries['/a'], slept]).toEqual([1, []]);
  });

  it('waits out a Retry-After that ends before the deadline', async () => {
    const { post } = scripted({ '/a': [429] }, '3');
    const slept: number[] = [];
    const sleep = (ms: number): Promise<void> => { slept.push(ms); return Promise.resolve(); };
    const outcomes = await getInBatches(post, ['/a', '/b'], {}, { sleep, now: () => 1_000, retryUntilMs: 5_000 });
    expect(outcomes[0]).toEqual({ body: { url: '/a' } });
    expect(slept).toEqual([3_000]);
  });
});
