import type { Mailbox } from './mailbox';
import { BEARER, graphGet, TENANT, USER } from './simTestClient';
import { type RunningGraphSimulator, startGraphSimulator } from './simulatorServer';

let server: RunningGraphSimulator;
let mailbox: Mailbox;

beforeAll(async () => {
  server = await startGraphSimulator();
});
afterAll(() => server.stop());
beforeEach(() => {
  mailbox = server.sim.createMailbox(TENANT, USER);
});

const get = (path: string) => graphGet(`${server.baseUrl}${path}`, BEARER);
const encoded = (id: string) => encodeURIComponent(id);

/** Follows nextLinks; returns the pages' sizes and all folder names. */
async function listAll(path: string): Promise<{ sizes: number[]; names: string[] }> {
  const sizes: number[] = [];
  const names: string[] = [];
  for (let url: string | undefined = `${server.baseUrl}${path}`; url;) {
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
    const byId = await get(`/me/contactFolders/${encoded(mailbox.defaultFolderId)}`);
    const expected = { id: mailbox.defaultFolderId, displayName: 'Contacts', parentFolderId: mailbox.rootFolderId };
    expect(byName.body).toMatchObject(expected);
    expect(byId.body).toMatchObject(expected);
    expect(mailbox.defaultFolderId).toMatch(/^AAMkA[A-Za-z0-9_-]+=$/);
  });

  it('lists the folders directly under the default folder at /me/contactFolders', async () => {
    const family = mailbox.addFolder('Family');
    mailbox.addFolder('Cousins', family.id);
    mailbox.addFolder('Work');
    expect((await listAll('/me/contactFolders')).names).toEqual(['Family', 'Work']);
    expect((await listAll(`/me/contactFolders/${encoded(family.id)}/childFolders`)).names).toEqual(['Cousins']);
  });

  it.each([
    ['10 a page by default', '', [10, 10, 3]],
    ['$top a page', '?$top=4', [4, 4, 4, 4, 4, 3]],
  ])('pages child folders %s, linked by nextLink', async (_name, query, sizes) => {
    const names = Array.from({ length: 23 }, (_, i) => `Folder ${i}`);
    for (const name of names) mailbox.addFolder(name);
    const listed = await listAll(`/me/contactFolders/contacts/childFolders${query}`);
    expect(listed).toEqual({ sizes, names });
  });

  it('uses an opaque $skiptoken in folder nextLinks, refused on another folder', async () => {
    for (let i = 0; i < 3; i += 1) mailbox.addFolder(`F${i}`);
    const other = mailbox.addFolder('Other');
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
    const folder = mailbox.addFolder('Deep');
    expect(folder.id).toMatch(/[+/=]/);
    expect((await get(`/me/contactFolders/${encoded(folder.id)}`)).body.displayName).toBe('Deep');
  });
});
