import { BEARER, graphGet, readRound, TENANT, USER, useSimulator } from './simTestClient';

const fixture = useSimulator((sim) => {
  sim.setKnobs({ folderDeltaScope: 'subtree' });
});

const folderDelta = (): string => `${fixture.server.baseUrl}/me/contactFolders/delta`;
const names = (entries: Array<Record<string, unknown>>): unknown[] => entries.map((entry) => entry.displayName ?? entry['@removed']);

describe('GET /me/contactFolders/delta', () => {
  it('lists every folder below the default one (not the default itself), paged by nextLink, then a deltaLink', async () => {
    const family = fixture.mailbox.addFolder('Family');
    fixture.mailbox.addFolder('Cousins', family.id);
    for (let i = 0; i < 12; i += 1) fixture.mailbox.addFolder(`F${i}`);
    const round = await readRound(folderDelta(), BEARER, 'odata.maxpagesize=5');
    expect(round.pages.map((page) => page.length)).toEqual([5, 5, 4]);
    expect(round.entries).toHaveLength(14);
    expect(round.entries[1]).toEqual({ id: expect.any(String), displayName: 'Cousins', parentFolderId: family.id });
    expect(round.entries.map((entry) => entry.id)).not.toContain(fixture.mailbox.defaultFolderId);
    expect(new URL(round.deltaLink).pathname).toBe('/v1.0/me/contactFolders/delta');
  });

  it('reports added, renamed, moved and deleted folders since the delta link, and nothing when nothing changed', async () => {
    const work = fixture.mailbox.addFolder('Work');
    const old = fixture.mailbox.addFolder('Old');
    const keep = fixture.mailbox.addFolder('Keep');
    const first = await readRound(folderDelta(), BEARER);
    expect((await readRound(first.deltaLink, BEARER)).entries).toEqual([]);
    const added = fixture.mailbox.addFolder('Added', work.id);
    fixture.mailbox.renameFolder(work.id, 'Job');
    fixture.mailbox.moveFolder(keep.id, added.id);
    fixture.mailbox.deleteFolder(old.id);
    const second = await readRound(first.deltaLink, BEARER);
    expect(second.entries).toEqual([
      { id: added.id, displayName: 'Added', parentFolderId: work.id },
      { id: work.id, displayName: 'Job', parentFolderId: fixture.mailbox.defaultFolderId },
      { id: keep.id, displayName: 'Keep', parentFolderId: added.id },
      { id: old.id, '@removed': { reason: 'deleted' } },
    ]);
    expect((await readRound(second.deltaLink, BEARER)).entries).toEqual([]);
  });

  it('tracks only the folders directly under the default folder when folderDeltaScope is children', async () => {
    fixture.server.sim.setKnobs({ folderDeltaScope: 'children' });
    const top = fixture.mailbox.addFolder('Top');
    fixture.mailbox.addFolder('Nested', top.id);
    expect(names((await readRound(folderDelta(), BEARER)).entries)).toEqual(['Top']);
  });

  it('answers 410 to a delta token that expired, and 400 to an edited one', async () => {
    fixture.mailbox.addFolder('Work');
    const { deltaLink } = await readRound(folderDelta(), BEARER);
    const edited = deltaLink.replace(/\$deltatoken=(.)/, (_m, c: string) => `$deltatoken=${c === 'A' ? 'B' : 'A'}`);
    expect((await graphGet(edited, BEARER)).status).toBe(400);
    fixture.server.sim.expireDeltaTokens();
    const expired = await graphGet(deltaLink, BEARER);
    expect([expired.status, expired.body.error.code]).toEqual([410, 'syncStateNotFound']);
  });

  it('answers 410 to the delta token of a mailbox created again', async () => {
    const { deltaLink } = await readRound(folderDelta(), BEARER);
    fixture.server.sim.createMailbox(TENANT, USER);
    expect((await graphGet(deltaLink, BEARER)).status).toBe(410);
  });
});
