import { BEARER, graphGet, useSimulator } from './simTestClient';

const fixture = useSimulator();

const get = (path: string) => graphGet(`${fixture.server.baseUrl}${path}`, BEARER);
const encoded = (id: string) => encodeURIComponent(id);

/** Follows nextLinks; returns the pages' sizes and all folder names. */
async function listAll(path: string): Promise<{ sizes: number[]; names: string[] }> {
  const sizes: number[] = [];
  const names: string[] = [];
  for (let url: string | undefined = `${fixture.server.baseUrl}${path}`; url;) {
    const answer = await graphGet(url, BEARER);
    expect(answer.status).toBe(200);
    sizes.push(answer.body.value.length);
    names.push(...answer.body.value.map((folder) => String(folder.displayName)));
    url = answer.body['@odata.nextLink'];
  }
  return { sizes, names };
}

describe('contact folders', () => {
  it('serves the default Contacts folder by its well-known name and by its id', async () => {
    const byName = await get('/me/contactFolders/contacts');
    const byId = await get(`/me/contactFolders/${encoded(fixture.mailbox.defaultFolderId)}`);
    const expected = { id: fixture.mailbox.defaultFolderId, displayName: 'Contacts', parentFolderId: fixture.mailbox.rootFolderId };
    expect(byName.body).toMatchObject(expected);
    expect(byId.body).toMatchObject(expected);
    expect(fixture.mailbox.defaultFolderId).toMatch(/^AAMkA[A-Za-z0-9_-]+=$/);
  });

  it('lists the folders directly under the default folder at /me/contactFolders', async () => {
    const family = fixture.mailbox.addFolder('Family');
    fixture.mailbox.addFolder('Cousins', family.id);
    fixture.mailbox.addFolder('Work');
    expect((await listAll('/me/contactFolders')).names).toEqual(['Family', 'Work']);
    expect((await listAll(`/me/contactFolders/${encoded(family.id)}/childFolders`)).names).toEqual(['Cousins']);
  });

  it.each([
    ['10 a page by default', '', [10, 10, 3]],
    ['$top a page', '?$top=4', [4, 4, 4, 4, 4, 3]],
  ])('pages child folders %s, linked by nextLink', async (_name, query, sizes) => {
    const names = Array.from({ length: 23 }, (_, i) => `Folder ${i}`);
    for (const name of names) fixture.mailbox.addFolder(name);
    const listed = await listAll(`/me/contactFolders/contacts/childFolders${query}`);
    expect(listed).toEqual({ sizes, names });
  });

  it('uses an opaque $skiptoken in folder nextLinks, refused on another folder', async () => {
    for (let i = 0; i < 3; i += 1) fixture.mailbox.addFolder(`F${i}`);
    const other = fixture.mailbox.addFolder('Other');
    const first = await get('/me/contactFolders?$top=2');
    const next = new URL(first.body['@odata.nextLink'] as string);
    expect([...next.searchParams.keys()]).toEqual(['$skiptoken']);
    const misused = await get(`/me/contactFolders/${encoded(other.id)}/childFolders${next.search}`);
    expect(misused.status).toBe(400);
  });

  it.each([
    ['/me/contactFolders/AAMkAGunknown=', 404, 'ErrorItemNotFound'],
    ['/me/contactFolders/AAMkAGunknown=/childFolders', 404, 'ErrorItemNotFound'],
    ['/me/contactFolders?$top=0', 400, 'BadRequest'],
    ['/me/mailFolders', 400, 'BadRequest'],
  ])('answers GET %s with %i %s', async (path, status, code) => {
    const answer = await get(path);
    expect([answer.status, answer.body.error.code]).toEqual([status, code]);
  });

  it('finds folders whose ids contain / + = when they are URI-encoded', async () => {
    const folder = fixture.mailbox.addFolder('Deep');
    expect(folder.id).toMatch(/[+/=]/);
    expect((await get(`/me/contactFolders/${encoded(folder.id)}`)).body.displayName).toBe('Deep');
  });
});
