import { randomUUID } from 'node:crypto';
import { ApiHarness } from '../../../tools/src/testing/apiHarness';
import { teamsActivities } from '../../../tools/src/testing/teamsActivities';

let api: ApiHarness;

beforeAll(async () => {
  // A production bot identity: Bot Framework authentication is on.
  api = await ApiHarness.start({ settings: { BOT_ID: randomUUID(), BOT_APP_TYPE: 'SingleTenant', BOT_TENANT_ID: randomUUID(), BOT_PASSWORD: 'bot-secret' } });
});
afterAll(async () => { await api?.stop(); });

describe('/api/messages with a bot identity (BOT_ID set)', () => {
  it.each([
    ['no token', undefined],
    // A signed-looking JWT would make botbuilder fetch the Bot Framework's OpenID metadata: not offline.
    ['another scheme than Bearer', 'Basic Ym90OnNlY3JldA=='],
  ])('refuses an activity with %s, and sends nothing', async (_what, authorization) => {
    const activities = teamsActivities(api.botConnector.url, { tenantId: randomUUID(), userId: randomUUID(), conversationId: `a:${randomUUID()}` });
    const response = await api.call('POST', '/api/messages', undefined, activities.message('sync contacts'), authorization);
    expect(response.status).toBe(401);
    expect(api.botConnector.sent).toEqual([]);
  });
});
