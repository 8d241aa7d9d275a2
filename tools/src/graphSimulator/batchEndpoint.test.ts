import { BEARER, useSimulator } from './simTestClient';

const fixture = useSimulator((sim) => {
  sim.faults.clear();
  sim.resetCounts();
});

interface BatchAnswer { status: number; body: { responses: Array<{ id: string; status: number; headers: Record<string, string>; body: Record<string, unknown> }>; error?: { code: string } } }

async function batch(requests: unknown[], bearer: string | null = BEARER): Promise<BatchAnswer> {
  const response = await fetch(`${fixture.server.baseUrl}/$batch`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', ...(bearer ? { Authorization: `Bearer ${bearer}` } : {}) },
    body: JSON.stringify({ requests }),
  });
  return { status: response.status, body: await response.json() as BatchAnswer['body'] };
}

const get = (id: string, url: string): object => ({ id, method: 'GET', url });

describe('POST /v1.0/$batch', () => {
  it('answers every request with its own status and body; counts one round trip for them all', async () => {
    const work = fixture.mailbox.addFolder('Work');
    const answer = await batch([
      get('1', '/me/contactFolders/contacts'),
      get('2', `/me/contactFolders/${encodeURIComponent(work.id)}`),
      get('3', '/me/contactFolders/AAMkAGunknown='),
    ]);
    expect(answer.status).toBe(200);
    const byId = new Map(answer.body.responses.map((r) => [r.id, r]));
    expect(byId.get('1')).toMatchObject({ status: 200, body: { id: fixture.mailbox.defaultFolderId } });
    expect(byId.get('2')).toMatchObject({ status: 200, body: { displayName: 'Work' } });
    expect(byId.get('3')).toMatchObject({ status: 404, body: { error: { code: 'ErrorItemNotFound' } } });
    expect(fixture.server.sim.counts).toMatchObject({ total: 3, roundTrips: 1, byStatus: { 200: 2, 404: 1 } });
  });

  it('throttles one request inside the batch with 429 and Retry-After, the others answer', async () => {
    fixture.server.sim.faults.push({ kind: '429', retryAfterSeconds: 7, match: /childFolders/ });
    const answer = await batch([get('a', '/me/contactFolders/contacts'), get('b', '/me/contactFolders/contacts/childFolders')]);
    const [a, b] = answer.body.responses;
    expect([a?.status, b?.status]).toEqual([200, 429]);
    expect(b?.headers['Retry-After']).toBe('7');
  });

  it('answers 410 inside the batch for a delta token that expired', async () => {
    fixture.server.sim.faults.push({ kind: '410', match: /contacts\/delta/ });
    const answer = await batch([get('1', `/me/contactFolders/${encodeURIComponent(fixture.mailbox.defaultFolderId)}/contacts/delta`)]);
    expect(answer.body.responses[0]).toMatchObject({ status: 410, body: { error: { code: 'syncStateNotFound' } } });
  });

  it.each([
    ['no requests', [], 400],
    ['21 requests', Array.from({ length: 21 }, (_, i) => get(String(i), '/me/contactFolders/contacts')), 400],
    ['a duplicate id', [get('1', '/me/contactFolders'), get('1', '/me/contactFolders')], 400],
    ['a request without url', [{ id: '1', method: 'GET' }], 400],
  ])('refuses a batch with %s', async (_name, requests, status) => {
    const answer = await batch(requests);
    expect([answer.status, answer.body.error?.code]).toEqual([status, 'BadRequest']);
  });

  it('refuses a batch without a bearer token (401)', async () => {
    expect((await batch([get('1', '/me/contactFolders')], null)).status).toBe(401);
  });
});
