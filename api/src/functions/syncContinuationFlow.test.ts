import { ApiHarness } from '../../../tools/src/testing/apiHarness';

let api: ApiHarness;
let tenantId: string;

beforeAll(async () => {
  // A one-second budget: a sync of slow pages crosses several invocations of the queue function.
  api = await ApiHarness.start({ settings: { SYNC_TIME_BUDGET_MS: '1000' } });
  tenantId = await api.enabledTenant();
});
afterAll(async () => { await api?.stop(); });

describe('a sync longer than one invocation, through the Functions host and its queue', () => {
  it('continues in queued jobs with the same id, stays running and refuses a second sync in between, and ends as one sync', async () => {
    const user = api.user(tenantId);
    user.mailbox.seed({ contacts: 400, folders: 2, seed: 51 });
    // Pages of 10 that take at least 100 ms: at least two seconds of Graph, over one-second budgets.
    api.graph.sim.setKnobs({ latencyMs: 100, maxPageSize: 10 });
    const started = await api.as(user, 'POST', '/api/sync');
    expect(started.status).toBe(202);
    const { syncId } = started.body as { syncId: string };

    const continues = () => api.logText().split('\n').filter((line) => line.includes('continues in a new job') && line.includes(user.userId));
    await api.statusUntil(user, (status) => status.state !== 'queued' && continues().length > 0);
    const between = await api.as(user, 'GET', '/api/sync/status');
    expect(between.body).toMatchObject({ syncId, state: 'running', endedAt: null });
    const second = await api.as(user, 'POST', '/api/sync', { full: true });
    expect(second.status).toBe(409);
    expect(second.body).toMatchObject({ code: 'sync_running', details: { syncId } });

    const done = await api.statusUntil(user, (status) => status.state === 'completed', 60_000);
    api.graph.sim.setKnobs({ latencyMs: 0, maxPageSize: 200 });
    expect(done).toMatchObject({ syncId, contactsProcessed: 400, counts: { new: 400, updated: 0, deleted: 0, unchanged: 0, skipped: 0 } });
    expect(continues().length).toBeGreaterThanOrEqual(1);
    const history = await api.as(user, 'GET', '/api/sync/history');
    expect(history.body.syncs).toEqual([expect.objectContaining({ syncId, state: 'completed', resumes: 0 })]);
    expect(((await api.as(user, 'GET', '/api/contacts?top=500')).body.contacts as unknown[]).length).toBe(400);
  });
});

describe('every skipped contact of a sync can be named (GET /api/sync/history/{syncId}/skipped)', () => {
  /** 1,000 contacts, about one in six hostile: malformed fields, ids Table Storage cannot key or refuses. */
  function hostileMailbox(user: ReturnType<ApiHarness['user']>): Map<string, string> {
    const folder = user.mailbox.defaultFolderId;
    const hostile = new Map<string, string>();
    for (let i = 0; i < 1000; i += 1) {
      if (i % 7 === 3) hostile.set(user.mailbox.addContact(folder, { givenName: i as unknown as string, surname: `Malformed ${i}` }).id, 'malformed_contact');
      else if (i % 31 === 5) hostile.set(user.mailbox.addContact(folder, { id: `AAMk${i}\ud800lone=`, givenName: `Lone ${i}` }).id, 'contact_unstorable');
      else if (i % 37 === 9) hostile.set(user.mailbox.addContact(folder, { id: `AAMk${i}\u2028line=`, givenName: `Line ${i}` }).id, 'contact_unstorable');
      else if (i === 250 || i === 777) hostile.set(user.mailbox.addContact(folder, { id: `AAMk${i}${'x'.repeat(40_000)}`, givenName: `Long ${i}` }).id, 'contact_refused');
      else user.mailbox.addContact(folder, { givenName: `Good ${i}` });
    }
    return hostile;
  }

  async function allSkipped(user: ReturnType<ApiHarness['user']>, syncId: string): Promise<Array<{ contactId: string; contactIdCut: boolean; code: string; displayName: string }>> {
    const rows: Array<{ contactId: string; contactIdCut: boolean; code: string; displayName: string }> = [];
    let token: string | undefined;
    do {
      const query = `top=40${token ? `&continuationToken=${encodeURIComponent(token)}` : ''}`;
      const { status, body } = await api.as(user, 'GET', `/api/sync/history/${encodeURIComponent(syncId)}/skipped?${query}`);
      expect(status).toBe(200);
      expect((body.skipped as unknown[]).length).toBeLessThanOrEqual(40);
      rows.push(...(body.skipped as typeof rows));
      token = body.continuationToken as string | undefined;
    } while (token);
    return rows;
  }

  it('lists each one once with its reason across a failed attempt, a restarted listing and continuations; the count is the history\'s', async () => {
    const user = api.user(tenantId);
    const hostile = hostileMailbox(user);
    api.graph.sim.setKnobs({ latencyMs: 30, maxPageSize: 50 });
    // The second page fails past the retries (the attempt fails and the queue retries it), then a page link
    // is refused (the listing restarts from its first page: its skipped contacts are met again).
    api.graph.sim.faults.push({ kind: '503', retryAfterSeconds: 0, match: /skiptoken/, times: 12 }, { kind: '410', match: /skiptoken/ });
    const started = await api.as(user, 'POST', '/api/sync');
    const { syncId } = started.body as { syncId: string };
    const done = await api.statusUntil(user, (status) => status.state === 'completed', 120_000);
    api.graph.sim.setKnobs({ latencyMs: 0, maxPageSize: 200 });
    api.graph.sim.faults.clear();
    expect(done.counts.skipped).toBe(hostile.size);

    const [entry] = (await api.as(user, 'GET', '/api/sync/history?top=1')).body.syncs as Array<{ syncId: string; resumes: number; problemCounts: Record<string, number> }>;
    expect(entry).toMatchObject({ syncId });
    expect(entry?.resumes).toBeGreaterThanOrEqual(1);
    const continued = api.logText().split('\n').filter((line) => line.includes('continues in a new job') && line.includes(user.userId));
    expect(continued.length).toBeGreaterThanOrEqual(1);
    const skipped = await allSkipped(user, syncId);
    const byCode = (codes: string[]) => Object.fromEntries([...new Set(codes)].map((code) => [code, codes.filter((c) => c === code).length]));
    expect(byCode(skipped.map((row) => row.code))).toEqual(byCode([...hostile.values()]));
    const { graph_unavailable: _failedAttempts, ...skipCounts } = entry?.problemCounts ?? {};
    expect(skipCounts).toEqual(byCode([...hostile.values()]));
    // Every hostile contact is named by its id (a cut one by its beginning), with its reason and its name.
    const listed = new Map(skipped.map((row) => [row.contactId, row]));
    for (const [id, code] of hostile) {
      const row = listed.get(id) ?? skipped.find((r) => r.contactIdCut && id.startsWith(r.contactId));
      expect(row).toMatchObject({ code });
      expect(row?.displayName).toMatch(/^(Malformed|Lone|Line|Long) \d+$/);
    }
    expect((await api.as(user, 'GET', '/api/sync/history/not-a-sync/skipped')).body).toEqual({ skipped: [] });
  });
});
