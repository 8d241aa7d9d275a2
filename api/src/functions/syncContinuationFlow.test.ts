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
