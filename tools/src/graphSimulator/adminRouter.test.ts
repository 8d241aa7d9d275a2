import { BEARER, deltaUrlOf, graphGet, readRound, TENANT, USER } from './simTestClient';
import { type RunningGraphSimulator, startGraphSimulator } from './simulatorServer';

let server: RunningGraphSimulator;
let admin: string;

beforeAll(async () => {
  server = await startGraphSimulator();
  admin = server.baseUrl.replace(/\/v1\.0$/, '/_sim');
});
afterAll(() => server.stop());

/** Admin answers as the tests read them (loosely typed). */
interface AdminBody {
  defaultFolderId: string;
  folders: unknown[];
  value: unknown[];
  results: Array<{ id: string }>;
  version: number;
  error: { code: string; message: string };
  [key: string]: unknown;
}

async function call(method: string, path: string, body?: unknown): Promise<{ status: number; body: AdminBody }> {
  const response = await fetch(`${admin}${path}`, {
    method, headers: { 'Content-Type': 'application/json' }, body: body === undefined ? undefined : JSON.stringify(body),
  });
  return { status: response.status, body: (await response.json()) as AdminBody };
}

const mailboxPath = `/mailboxes/${encodeURIComponent(TENANT)}/${encodeURIComponent(USER)}`;

describe('admin API', () => {
  it('creates and seeds a mailbox with PUT, and describes it with GET', async () => {
    const put = await call('PUT', mailboxPath, { contacts: 25, folders: 3, seed: 5 });
    expect(put.status).toBe(201);
    expect(put.body).toMatchObject({ tenantId: TENANT, userId: USER, bearerToken: BEARER, contacts: 25 });
    expect(put.body.folders).toHaveLength(4);
    expect((await call('GET', mailboxPath)).body.defaultFolderId).toBe(put.body.defaultFolderId);
    expect((await call('GET', `${mailboxPath}/contacts`)).body.value).toHaveLength(25);
  });

  it('applies add, update, move, delete and folder changes that the next delta round reports', async () => {
    const { body: box } = await call('PUT', mailboxPath);
    const round = await readRound(deltaUrlOf(server.baseUrl, box.defaultFolderId), BEARER);
    const { body: made } = await call('POST', `${mailboxPath}/changes`, [
      { op: 'add', contact: { givenName: 'Ann' } }, { op: 'add', contact: { givenName: 'Bob' } },
      { op: 'add', contact: { givenName: 'Cy' } }, { op: 'addFolder', displayName: 'Work' },
    ]);
    const [ann, bob, cy, work] = made.results.map((result) => result.id);
    const { body: changed } = await call('POST', `${mailboxPath}/changes`, { changes: [
      { op: 'update', id: ann, patch: { surname: 'Lee' } }, { op: 'move', id: bob, toFolderId: work },
      { op: 'delete', id: cy },
    ] });
    expect(changed.version).toBe(7);
    const next = await readRound(round.deltaLink, BEARER);
    expect(next.entries).toEqual([
      expect.objectContaining({ id: ann, surname: 'Lee' }), expect.objectContaining({ id: bob, '@removed': { reason: 'changed' } }),
      expect.objectContaining({ id: cy, '@removed': { reason: 'deleted' } }),
    ]);
    expect((await call('GET', `${mailboxPath}/contacts?folderId=${encodeURIComponent(work ?? '')}`)).body.value).toEqual([
      expect.objectContaining({ id: bob, parentFolderId: work }),
    ]);
  });

  it('names the change that failed', async () => {
    await call('PUT', mailboxPath);
    const answer = await call('POST', `${mailboxPath}/changes`, [{ op: 'add', contact: {} }, { op: 'delete', id: 'nope' }]);
    expect(answer.status).toBe(400);
    expect(answer.body.error.message).toMatch(/^change 1: no contact/);
  });

  it('reads and changes knobs, refusing unknown ones and bad values', async () => {
    expect((await call('PUT', '/knobs', { throttleRate: 0.25 })).body.throttleRate).toBe(0.25);
    expect((await call('GET', '/knobs')).body).toMatchObject({ throttleRate: 0.25, maxPageSize: 200 });
    expect((await call('PUT', '/knobs', { throttle: 1 })).status).toBe(400);
    expect((await call('PUT', '/knobs', { dropRate: 2 })).body.error.message).toMatch(/dropRate/);
    await call('PUT', '/knobs', { throttleRate: 0 });
  });

  it('queues faults, counts requests and expires delta tokens', async () => {
    const { body: box } = await call('PUT', mailboxPath);
    const round = await readRound(deltaUrlOf(server.baseUrl, box.defaultFolderId), BEARER);
    await call('DELETE', '/counts');
    const queued = await call('POST', '/faults', [{ kind: '503', match: 'folders', retryAfterSeconds: 0 }, { kind: '429', match: 'contacts/delta' }]);
    expect(queued.body.value).toEqual([
      { kind: '503', match: 'folders', retryAfterSeconds: 0, remaining: 1 }, { kind: '429', match: 'contacts\\/delta', remaining: 1 },
    ]);
    expect((await graphGet(`${server.baseUrl}/me/contactFolders`, BEARER)).status).toBe(503);
    expect((await graphGet(round.deltaLink, BEARER)).status).toBe(429);
    await call('POST', '/expire-delta-tokens');
    expect((await graphGet(round.deltaLink, BEARER)).status).toBe(410);
    expect((await call('GET', '/counts')).body).toMatchObject({ total: 3, deltaPage: 2, folderListing: 1, byStatus: { 503: 1, 429: 1, 410: 1 } });
  });

  it.each([
    ['GET', '/nothing', 404],
    ['PATCH', '/knobs', 405],
    ['GET', '/mailboxes/no/body', 404],
    ['POST', '/faults', 400],
  ])('answers %s %s with %i', async (method, path, status) => {
    expect((await call(method, path, method === 'POST' ? { kind: '418' } : undefined)).status).toBe(status);
  });
});
