import { BEARER, deltaUrlOf, ENGINE_PREFER, graphGet, useSimulator } from './simTestClient';

const fixture = useSimulator((sim) => {
  sim.faults.clear();
  sim.setKnobs({ throttleRate: 0, unavailableRate: 0, dropRate: 0, latencyMs: 0, retryAfterSeconds: 1, seed: 1 });
  sim.resetCounts();
});
let deltaUrl: string;
beforeEach(() => {
  for (let i = 0; i < 30; i += 1) fixture.mailbox.addContact(fixture.mailbox.defaultFolderId, { givenName: `G${i}` });
  deltaUrl = deltaUrlOf(fixture.server.baseUrl, fixture.mailbox.defaultFolderId);
});

const get = (url: string) => graphGet(url, BEARER, { Prefer: ENGINE_PREFER });

describe('fault script', () => {
  it.each([
    ['429', 7, 'ApplicationThrottled', '7'],
    ['503', undefined, 'serviceNotAvailable', '1'],
    ['504', undefined, 'GatewayTimeout', null],
  ] as const)('answers %s (Retry-After %s) once, then serves the request', async (kind, retryAfterSeconds, code, header) => {
    fixture.server.sim.faults.push({ kind, retryAfterSeconds });
    const failed = await get(deltaUrl);
    expect([failed.status, failed.body.error.code, failed.headers.get('retry-after')]).toEqual([Number(kind), code, header]);
    expect((await get(deltaUrl)).status).toBe(200);
  });

  it('answers 401 InvalidAuthenticationToken for a token Graph no longer accepts, once', async () => {
    fixture.server.sim.faults.push({ kind: '401', match: 'delta' });
    const failed = await get(deltaUrl);
    expect([failed.status, failed.body.error.code, failed.headers.get('www-authenticate')?.startsWith('Bearer')]).toEqual([401, 'InvalidAuthenticationToken', true]);
    expect((await get(deltaUrl)).status).toBe(200);
  });

  it('answers 410 syncStateNotFound for a page link of a full listing, with a Location to list again', async () => {
    const small = (url: string) => graphGet(url, BEARER, { Prefer: 'odata.maxpagesize=10, IdType="ImmutableId"' });
    const nextLink = String((await small(deltaUrl)).body['@odata.nextLink']);
    fixture.server.sim.faults.push({ kind: '410', match: /skiptoken/ });
    const failed = await small(nextLink);
    expect([failed.status, failed.body.error.code]).toEqual([410, 'syncStateNotFound']);
    expect(failed.headers.get('location')).toContain('/contacts/delta');
    expect((await small(nextLink)).status).toBe(200);
  });

  it('applies a fault only to requests it matches, as many times as asked', async () => {
    fixture.server.sim.faults.push({ kind: '429', match: 'delta', times: 2 }, { kind: '503', match: /childFolders/ });
    expect((await get(`${fixture.server.baseUrl}/me/contactFolders/contacts`)).status).toBe(200);
    expect((await get(`${fixture.server.baseUrl}/me/contactFolders/contacts/childFolders`)).status).toBe(503);
    expect([(await get(deltaUrl)).status, (await get(deltaUrl)).status, (await get(deltaUrl)).status]).toEqual([429, 429, 200]);
    expect(fixture.server.sim.faults.pending).toEqual([]);
  });

  it('drops the connection after the headers and half a page; the retried page is complete and the same', async () => {
    const clean = await get(deltaUrl);
    fixture.server.sim.faults.push({ kind: 'drop', match: 'delta' });
    const response = await fetch(deltaUrl, { headers: { Authorization: `Bearer ${BEARER}`, Prefer: ENGINE_PREFER } });
    expect(response.status).toBe(200);
    await expect(response.text()).rejects.toThrow();
    const retried = await get(deltaUrl);
    expect(retried.body.value).toEqual(clean.body.value);
  });
});

describe('random faults', () => {
  it.each([
    ['throttleRate', 429],
    ['unavailableRate', 503],
  ] as const)('answers every request with %s 1 by %i with the configured Retry-After', async (knob, status) => {
    fixture.server.sim.setKnobs({ [knob]: 1, retryAfterSeconds: 3 });
    const answer = await get(deltaUrl);
    expect([answer.status, answer.headers.get('retry-after')]).toEqual([status, '3']);
  });

  it('answers every Nth request 429 with throttleEvery, counted from the knob\'s change', async () => {
    fixture.server.sim.setKnobs({ throttleEvery: 3, retryAfterSeconds: 2 });
    const statuses: number[] = [];
    for (let i = 0; i < 7; i += 1) statuses.push((await get(deltaUrl)).status);
    fixture.server.sim.setKnobs({ throttleEvery: 0 });
    expect(statuses).toEqual([200, 200, 429, 200, 200, 429, 200]);
    expect((await get(deltaUrl)).status).toBe(200);
  });

  it('draws the same faults for the same seed', async () => {
    const run = async (): Promise<number[]> => {
      fixture.server.sim.setKnobs({ throttleRate: 0.5, seed: 99 });
      const statuses: number[] = [];
      for (let i = 0; i < 12; i += 1) statuses.push((await get(deltaUrl)).status);
      return statuses;
    };
    const first = await run();
    expect(first).toContain(429);
    expect(first).toContain(200);
    expect(await run()).toEqual(first);
  });

  it('drops connections at dropRate', async () => {
    fixture.server.sim.setKnobs({ dropRate: 1 });
    const response = await fetch(deltaUrl, { headers: { Authorization: `Bearer ${BEARER}` } });
    await expect(response.json()).rejects.toThrow();
    expect(fixture.server.sim.counts.byStatus).toEqual({ dropped: 1 });
  });

  it('waits latencyMs before answering', async () => {
    fixture.server.sim.setKnobs({ latencyMs: 120 });
    const started = Date.now();
    await get(deltaUrl);
    expect(Date.now() - started).toBeGreaterThanOrEqual(110);
  });
});

describe('request counts', () => {
  it('counts Graph requests by kind and status, and resets', async () => {
    fixture.server.sim.faults.push({ kind: '429', match: 'delta' });
    await get(deltaUrl);
    await get(deltaUrl);
    await get(`${fixture.server.baseUrl}/me/contactFolders`);
    await graphGet(deltaUrl, null);
    await fetch(`${fixture.server.baseUrl.replace('/v1.0', '/_sim')}/counts`);
    expect(fixture.server.sim.counts).toEqual({ total: 4, roundTrips: 4, deltaPage: 3, folderListing: 1, other: 0, byStatus: { 200: 2, 401: 1, 429: 1 } });
    fixture.server.sim.resetCounts();
    expect(fixture.server.sim.counts.total).toBe(0);
  });
});
