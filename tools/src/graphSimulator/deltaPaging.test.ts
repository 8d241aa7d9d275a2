import { DEFAULT_DELTA_PAGE_SIZE } from './deltaEndpoint';
import { BEARER, deltaUrlOf, graphGet, readRound, useSimulator } from './simTestClient';

const fixture = useSimulator((sim) => {
  sim.setKnobs({ maxPageSize: 200 });
});

function addContacts(count: number, folderId = fixture.mailbox.defaultFolderId): string[] {
  return Array.from({ length: count }, (_, i) => fixture.mailbox.addContact(folderId, { givenName: `Given ${i}`, surname: `Surname ${i}` }).id);
}

describe('contact delta paging', () => {
  it('lists every contact once over pages of 10 linked by nextLink, the last page carrying a deltaLink', async () => {
    const ids = addContacts(25);
    const round = await readRound(deltaUrlOf(fixture.server.baseUrl, fixture.mailbox.defaultFolderId), BEARER, 'IdType="ImmutableId"');
    expect(round.pages.map((page) => page.length)).toEqual([DEFAULT_DELTA_PAGE_SIZE, 10, 5]);
    expect(round.entries.map((entry) => entry.id)).toEqual(ids);
    expect(round.deltaLink).toContain('$deltatoken=');
  });

  it('links pages with an opaque $skiptoken on the same folder URL, without @odata.deltaLink before the end', async () => {
    addContacts(12);
    const first = await graphGet(deltaUrlOf(fixture.server.baseUrl, 'contacts'), BEARER);
    const next = new URL(first.body['@odata.nextLink'] as string);
    expect(first.body['@odata.deltaLink']).toBeUndefined();
    expect(decodeURIComponent(next.pathname)).toBe(`/v1.0/me/contactFolders/${fixture.mailbox.defaultFolderId}/contacts/delta`);
    expect([...next.searchParams.keys()]).toEqual(['$skiptoken']);
    expect(next.searchParams.get('$skiptoken')).not.toContain(fixture.mailbox.defaultFolderId);
  });

  it('answers an empty folder with one empty page and a deltaLink', async () => {
    const answer = await graphGet(deltaUrlOf(fixture.server.baseUrl, fixture.mailbox.defaultFolderId), BEARER);
    expect(answer.body.value).toEqual([]);
    expect(answer.body['@odata.deltaLink']).toEqual(expect.any(String));
  });

  it('lists only the folder asked for, not its subfolders', async () => {
    const sub = fixture.mailbox.addFolder('Sub');
    addContacts(3);
    const inSub = addContacts(2, sub.id);
    const round = await readRound(deltaUrlOf(fixture.server.baseUrl, sub.id), BEARER);
    expect(round.entries.map((entry) => entry.id)).toEqual(inSub);
  });

  it.each([
    ['the requested size', 'odata.maxpagesize=7', 200, 7],
    ['the cap (default 200) when more is asked', 'odata.maxpagesize=500', 200, 200],
    ['a lowered cap', 'odata.maxpagesize=100', 30, 30],
  ])('cuts pages to %s and says so in Preference-Applied', async (_name, prefer, cap, expected) => {
    fixture.server.sim.setKnobs({ maxPageSize: cap });
    addContacts(450);
    const answer = await graphGet(deltaUrlOf(fixture.server.baseUrl, fixture.mailbox.defaultFolderId), BEARER, { Prefer: `${prefer}, IdType="ImmutableId"` });
    expect(answer.body.value).toHaveLength(expected);
    expect(answer.headers.get('preference-applied')).toBe(`odata.track-changes, odata.maxpagesize=${expected}, IdType="ImmutableId"`);
  });

  it('returns only the $select properties plus id and etag, unset ones as null or []', async () => {
    fixture.mailbox.addContact(fixture.mailbox.defaultFolderId, { givenName: 'Zoé', mobilePhone: '+33 6 12 34 56 78', jobTitle: 'CEO' });
    const answer = await graphGet(deltaUrlOf(fixture.server.baseUrl, fixture.mailbox.defaultFolderId, '?$select=givenName,surname,homePhones,mobilePhone'), BEARER);
    const entry = answer.body.value[0] ?? {};
    expect(Object.keys(entry).sort()).toEqual(['@odata.etag', 'givenName', 'homePhones', 'id', 'mobilePhone', 'surname']);
    expect(entry).toMatchObject({ givenName: 'Zoé', surname: null, homePhones: [], mobilePhone: '+33 6 12 34 56 78' });
  });

  it('keeps the $select of the first request on every later page and round', async () => {
    addContacts(15);
    const round = await readRound(deltaUrlOf(fixture.server.baseUrl, fixture.mailbox.defaultFolderId, '?$select=surname'), BEARER, 'odata.maxpagesize=10');
    fixture.mailbox.addContact(fixture.mailbox.defaultFolderId, { givenName: 'New', surname: 'One' });
    const next = await readRound(round.deltaLink, BEARER);
    for (const entry of [...round.entries, ...next.entries]) expect(Object.keys(entry).sort()).toEqual(['@odata.etag', 'id', 'surname']);
  });

  it('returns the whole contact shape without $select', async () => {
    fixture.mailbox.addContact(fixture.mailbox.defaultFolderId, { givenName: 'A', emailAddresses: [{ name: 'A', address: 'a@example.com' }] });
    const [entry] = (await graphGet(deltaUrlOf(fixture.server.baseUrl, fixture.mailbox.defaultFolderId), BEARER)).body.value;
    expect(entry).toMatchObject({
      givenName: 'A', displayName: 'A', parentFolderId: fixture.mailbox.defaultFolderId, businessPhones: [], homePhones: [],
      emailAddresses: [{ name: 'A', address: 'a@example.com' }], changeKey: expect.any(String), createdDateTime: expect.any(String),
    });
  });

  it('refuses an unknown $select property like Graph (400)', async () => {
    const answer = await graphGet(deltaUrlOf(fixture.server.baseUrl, fixture.mailbox.defaultFolderId, '?$select=givenName,nickname2'), BEARER);
    expect(answer.status).toBe(400);
    expect(answer.body.error.message).toContain("'nickname2'");
  });

  it('sends immutable ids only with Prefer IdType="ImmutableId"; other ids change when the contact moves', async () => {
    const [id = ''] = addContacts(1);
    const sub = fixture.mailbox.addFolder('Sub');
    const plain = await graphGet(deltaUrlOf(fixture.server.baseUrl, fixture.mailbox.defaultFolderId), BEARER);
    fixture.mailbox.moveContact(id, sub.id);
    const moved = await graphGet(deltaUrlOf(fixture.server.baseUrl, sub.id), BEARER);
    const immutable = await graphGet(deltaUrlOf(fixture.server.baseUrl, sub.id), BEARER, { Prefer: 'IdType="ImmutableId"' });
    const [immutableId, plainId, movedId] = [immutable, plain, moved].map((answer) => answer.body.value[0]?.id);
    expect(immutableId).toBe(id);
    expect(plainId).not.toBe(id);
    expect(movedId).not.toBe(plainId);
  });

  it('answers 404 ErrorItemNotFound for the delta of an unknown folder', async () => {
    const answer = await graphGet(deltaUrlOf(fixture.server.baseUrl, 'AAMkAGnope='), BEARER);
    expect(answer.status).toBe(404);
    expect(answer.body.error.code).toBe('ErrorItemNotFound');
  });
});
