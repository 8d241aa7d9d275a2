import { simToken } from './authentication';
import { BEARER, graphGet, TENANT, USER } from './simTestClient';
import { type RunningGraphSimulator, startGraphSimulator } from './simulatorServer';

let server: RunningGraphSimulator;
let folderUrl: string;

beforeAll(async () => {
  server = await startGraphSimulator();
  folderUrl = `${server.baseUrl}/me/contactFolders/contacts`;
});
afterAll(() => server.stop());
beforeEach(() => {
  server.sim.setKnobs({ unknownMailbox: 'notFound' });
  server.sim.createMailbox(TENANT, USER);
});

describe('authentication', () => {
  it.each([
    ['no Authorization header', {}],
    ['an empty bearer', { Authorization: 'Bearer ' }],
    ['a token that is not a sim token', { Authorization: 'Bearer eyJhbGciOiJub25lIn0.e30.' }],
    ['a malformed sim token', { Authorization: 'Bearer sim:only-tenant' }],
    ['Basic credentials', { Authorization: `Basic ${Buffer.from('a:b').toString('base64')}` }],
  ])('answers 401 InvalidAuthenticationToken to %s', async (_name, headers: Record<string, string>) => {
    const answer = await graphGet(folderUrl, null, headers);
    expect(answer.status).toBe(401);
    expect(answer.body.error).toEqual({
      code: 'InvalidAuthenticationToken', message: expect.any(String),
      innerError: { 'request-id': expect.any(String), 'client-request-id': expect.any(String), date: expect.any(String) },
    });
    expect(answer.headers.get('www-authenticate')).toMatch(/^Bearer /);
  });

  it('opens the mailbox the sim token names', async () => {
    const other = server.sim.createMailbox('tenant:with:colons', 'user/é');
    const answer = await graphGet(folderUrl, simToken('tenant:with:colons', 'user/é'));
    expect(answer.body.id).toBe(other.defaultFolderId);
    expect((await graphGet(folderUrl, BEARER)).body.id).not.toBe(other.defaultFolderId);
  });

  it('answers 404 MailboxNotEnabledForRESTAPI for a mailbox nobody created', async () => {
    const answer = await graphGet(folderUrl, simToken(TENANT, 'nobody'));
    expect([answer.status, answer.body.error.code]).toEqual([404, 'MailboxNotEnabledForRESTAPI']);
  });

  it('creates an empty mailbox on first use when unknownMailbox is "empty"', async () => {
    server.sim.setKnobs({ unknownMailbox: 'empty' });
    const answer = await graphGet(folderUrl, simToken(TENANT, 'newcomer'));
    expect([answer.status, answer.body.displayName]).toEqual([200, 'Contacts']);
  });

  it('uses a plugged-in authenticator instead of sim tokens', async () => {
    const custom = await startGraphSimulator({
      authenticate: (token) => Promise.resolve(token === 'good-jwt' ? { tenantId: 't', userId: 'u' } : undefined),
    });
    try {
      custom.sim.createMailbox('t', 'u');
      const url = `${custom.baseUrl}/me/contactFolders/contacts`;
      expect((await graphGet(url, 'good-jwt')).status).toBe(200);
      expect((await graphGet(url, simToken('t', 'u'))).status).toBe(401);
    } finally {
      await custom.stop();
    }
  });

  it('echoes client-request-id as request-id', async () => {
    const answer = await graphGet(folderUrl, BEARER, { 'client-request-id': 'abc-123' });
    expect([answer.headers.get('request-id'), answer.headers.get('client-request-id')]).toEqual(['abc-123', 'abc-123']);
  });
});
