import { simToken } from './authentication';
import { BEARER, deltaUrlOf, ENGINE_PREFER, graphGet, readRound, TENANT, USER, useSimulator } from './simTestClient';

const fixture = useSimulator((sim) => {
  sim.setKnobs({ expiredTokenCode: 'syncStateNotFound', expiredTokenLocation: true });
});

beforeEach(() => {
  for (let i = 0; i < 15; i += 1) fixture.mailbox.addContact(fixture.mailbox.defaultFolderId, { givenName: `G${i}` });
});

/** The token of a link, moved onto another folder's delta URL. */
function onFolder(link: string, folderId: string): string {
  const token = new URL(link).search;
  return deltaUrlOf(fixture.server.baseUrl, folderId, token);
}

describe('delta tokens', () => {
  it.each([
    ['skip', '@odata.nextLink'],
    ['delta', '@odata.deltaLink'],
  ])('refuses a %s token used on another folder with 400', async (_kind, linkName) => {
    const other = fixture.mailbox.addFolder('Other');
    const first = await graphGet(deltaUrlOf(fixture.server.baseUrl, fixture.mailbox.defaultFolderId), BEARER);
    const link = (first.body[linkName] as string | undefined) ?? (await readRound(first.body['@odata.nextLink'] as string, BEARER)).deltaLink;
    const answer = await graphGet(onFolder(link, other.id), BEARER);
    expect(answer.status).toBe(400);
    expect(answer.body.error.message).toMatch(/another folder/);
  });

  it('refuses a token of another mailbox with 400', async () => {
    const round = await readRound(deltaUrlOf(fixture.server.baseUrl, fixture.mailbox.defaultFolderId), BEARER);
    const stranger = fixture.server.sim.createMailbox(TENANT, 'user-2');
    const answer = await graphGet(onFolder(round.deltaLink, stranger.defaultFolderId), simToken(TENANT, 'user-2'));
    expect(answer.status).toBe(400);
    expect(answer.body.error.message).toMatch(/another mailbox/);
  });

  it.each([
    ['an edited token', (link: string) => link.replace(/(\$deltatoken=)(.)/, (_m, p: string, c: string) => p + (c === 'e' ? 'f' : 'e'))],
    ['a skip token given as a delta token', (link: string) => link],
    ['garbage', (link: string) => link.replace(/\$(skip|delta)token=.*/, '$deltatoken=not-a-token')],
  ])('refuses %s with 400', async (name, edit) => {
    const first = await graphGet(deltaUrlOf(fixture.server.baseUrl, fixture.mailbox.defaultFolderId), BEARER);
    const round = await readRound(first.body['@odata.nextLink'] as string, BEARER);
    const base = name.startsWith('a skip') ? (first.body['@odata.nextLink'] as string).replace('$skiptoken', '$deltatoken') : round.deltaLink;
    expect((await graphGet(edit(base), BEARER)).status).toBe(400);
  });

  it('answers 410 syncStateNotFound with a fresh full delta URL in Location after expireDeltaTokens', async () => {
    const url = deltaUrlOf(fixture.server.baseUrl, fixture.mailbox.defaultFolderId, '?$select=givenName');
    const round = await readRound(url, BEARER);
    fixture.server.sim.expireDeltaTokens();
    const answer = await graphGet(round.deltaLink, BEARER);
    expect(answer.status).toBe(410);
    expect(answer.body.error).toMatchObject({ code: 'syncStateNotFound', message: expect.any(String) });
    expect(answer.headers.get('location')).toBe(`${deltaUrlOf(fixture.server.baseUrl, fixture.mailbox.defaultFolderId)}?$select=givenName`);
    const restarted = await readRound(answer.headers.get('location') ?? '', BEARER);
    expect(restarted.entries).toHaveLength(15);
    expect((await readRound(restarted.deltaLink, BEARER)).entries).toEqual([]);
  });

  it('answers resyncRequired without Location when the knobs say so', async () => {
    fixture.server.sim.setKnobs({ expiredTokenCode: 'resyncRequired', expiredTokenLocation: false });
    const round = await readRound(deltaUrlOf(fixture.server.baseUrl, fixture.mailbox.defaultFolderId), BEARER);
    fixture.server.sim.expireDeltaTokens();
    const answer = await graphGet(round.deltaLink, BEARER);
    expect([answer.status, answer.body.error.code, answer.headers.get('location')]).toEqual([410, 'resyncRequired', null]);
  });

  it('keeps delta tokens issued after the expiry, and skip tokens of a round under way, valid', async () => {
    const first = await graphGet(deltaUrlOf(fixture.server.baseUrl, fixture.mailbox.defaultFolderId), BEARER, { Prefer: ENGINE_PREFER.replace('200', '5') });
    fixture.server.sim.expireDeltaTokens();
    const rest = await readRound(first.body['@odata.nextLink'] as string, BEARER);
    expect(rest.entries).toHaveLength(10);
    expect((await graphGet(rest.deltaLink, BEARER)).status).toBe(200);
  });

  it('answers 410 for the tokens of a mailbox that was created again', async () => {
    const round = await readRound(deltaUrlOf(fixture.server.baseUrl, fixture.mailbox.defaultFolderId), BEARER);
    fixture.server.sim.createMailbox(TENANT, USER);
    expect((await graphGet(round.deltaLink, BEARER)).status).toBe(410);
  });

  it('answers 410 with Location to a scripted 410 fault on delta, then serves the link again', async () => {
    const round = await readRound(deltaUrlOf(fixture.server.baseUrl, fixture.mailbox.defaultFolderId), BEARER);
    fixture.server.sim.faults.push({ kind: '410', match: 'delta' });
    const expired = await graphGet(round.deltaLink, BEARER);
    expect([expired.status, expired.headers.get('location')]).toEqual([410, deltaUrlOf(fixture.server.baseUrl, fixture.mailbox.defaultFolderId)]);
    expect((await graphGet(round.deltaLink, BEARER)).status).toBe(200);
  });
});
