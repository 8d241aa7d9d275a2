import { BEARER, type DeltaEntry, deltaUrlOf, graphGet, readRound, useSimulator } from './simTestClient';

const PREFER_7 = 'odata.maxpagesize=7, IdType="ImmutableId"';
const fixture = useSimulator();

function addContacts(count: number, folderId = fixture.mailbox.defaultFolderId): string[] {
  return Array.from({ length: count }, (_, i) => fixture.mailbox.addContact(folderId, { givenName: `Given ${i}`, surname: 'Old' }).id);
}

function byId(entries: DeltaEntry[]): Map<string, DeltaEntry> {
  return new Map(entries.map((entry) => [entry.id, entry]));
}

/** Applies a round to a local copy, the way a sync would. */
function apply(local: Map<string, DeltaEntry>, entries: DeltaEntry[]): void {
  for (const entry of entries) {
    if (entry['@removed']) local.delete(entry.id);
    else local.set(entry.id, entry);
  }
}

describe('incremental contact delta', () => {
  it('returns only what was added or changed since the deltaLink, and removals with their reason', async () => {
    const [kept, updated, deleted, moved] = addContacts(4);
    const other = fixture.mailbox.addFolder('Other');
    const first = await readRound(deltaUrlOf(fixture.server.baseUrl, fixture.mailbox.defaultFolderId), BEARER);
    const added = fixture.mailbox.addContact(fixture.mailbox.defaultFolderId, { givenName: 'Added' }).id;
    fixture.mailbox.updateContact(updated ?? '', { surname: 'New' });
    fixture.mailbox.deleteContact(deleted ?? '');
    fixture.mailbox.moveContact(moved ?? '', other.id);
    const next = byId((await readRound(first.deltaLink, BEARER)).entries);
    expect([...next.keys()].sort()).toEqual([added, updated, deleted, moved].sort());
    expect(next.has(kept ?? '')).toBe(false);
    expect(next.get(updated ?? '')).toMatchObject({ surname: 'New' });
    expect(next.get(deleted ?? '')).toEqual({ '@odata.type': '#microsoft.graph.contact', id: deleted, '@removed': { reason: 'deleted' } });
    expect(next.get(moved ?? '')).toEqual({ '@odata.type': '#microsoft.graph.contact', id: moved, '@removed': { reason: 'changed' } });
  });

  it('shows a moved contact, with the same immutable id, in the next round of the folder it moved to', async () => {
    const [moved = ''] = addContacts(1);
    const other = fixture.mailbox.addFolder('Other');
    const first = await readRound(deltaUrlOf(fixture.server.baseUrl, other.id), BEARER);
    fixture.mailbox.moveContact(moved, other.id);
    const next = await readRound(first.deltaLink, BEARER);
    expect(next.entries).toEqual([expect.objectContaining({ id: moved, parentFolderId: other.id })]);
  });

  it('answers a round without changes with no entries and a new deltaLink', async () => {
    addContacts(3);
    const first = await readRound(deltaUrlOf(fixture.server.baseUrl, fixture.mailbox.defaultFolderId), BEARER);
    const second = await readRound(first.deltaLink, BEARER);
    expect(second.entries).toEqual([]);
    expect(second.deltaLink).toContain('$deltatoken=');
  });

  it('reports a contact changed several times once, in its latest state', async () => {
    const [id = ''] = addContacts(1);
    const first = await readRound(deltaUrlOf(fixture.server.baseUrl, fixture.mailbox.defaultFolderId), BEARER);
    for (const surname of ['One', 'Two', 'Three']) fixture.mailbox.updateContact(id, { surname });
    const next = await readRound(first.deltaLink, BEARER);
    expect(next.entries).toEqual([expect.objectContaining({ id, surname: 'Three' })]);
  });

  it('serves a round as a snapshot of when it started; changes made while paging come in the next round', async () => {
    const ids = addContacts(30);
    const url = deltaUrlOf(fixture.server.baseUrl, fixture.mailbox.defaultFolderId);
    const page1 = await graphGet(url, BEARER, { Prefer: 'odata.maxpagesize=10, IdType="ImmutableId"' });
    fixture.mailbox.updateContact(ids[0] ?? '', { surname: 'Sent, then changed' });
    fixture.mailbox.updateContact(ids[25] ?? '', { surname: 'Changed before sent' });
    fixture.mailbox.deleteContact(ids[26] ?? '');
    const added = fixture.mailbox.addContact(fixture.mailbox.defaultFolderId, { givenName: 'Mid-round' }).id;
    const rest = await readRound(page1.body['@odata.nextLink'] as string, BEARER, 'odata.maxpagesize=10, IdType="ImmutableId"');
    const round = byId([...page1.body.value, ...rest.entries]);
    expect([...round.keys()]).toEqual(ids);
    expect(round.get(ids[25] ?? '')).toMatchObject({ surname: 'Old' });
    const next = byId((await readRound(rest.deltaLink, BEARER)).entries);
    expect([...next.keys()].sort()).toEqual([ids[0], ids[25], ids[26], added].sort());
    expect(next.get(ids[26] ?? '')?.['@removed']).toEqual({ reason: 'deleted' });
  });

  it('loses nothing: a local copy built from rounds with changes in between equals the folder', async () => {
    const ids = addContacts(40);
    const local = new Map<string, DeltaEntry>();
    let link = deltaUrlOf(fixture.server.baseUrl, fixture.mailbox.defaultFolderId);
    for (let round = 0; round < 4; round += 1) {
      const first = await graphGet(link, BEARER, { Prefer: PREFER_7 });
      fixture.mailbox.updateContact(ids[round * 7 + 3] ?? '', { surname: `Round ${round}` });
      fixture.mailbox.deleteContact(ids[round * 5 + 20] ?? '');
      fixture.mailbox.addContact(fixture.mailbox.defaultFolderId, { givenName: `Added ${round}` });
      const rest = first.body['@odata.deltaLink'] ? { entries: [], deltaLink: first.body['@odata.deltaLink'] }
        : await readRound(first.body['@odata.nextLink'] as string, BEARER, PREFER_7);
      apply(local, [...first.body.value, ...rest.entries]);
      link = rest.deltaLink;
    }
    apply(local, (await readRound(link, BEARER)).entries);
    const expected = fixture.mailbox.listContacts(fixture.mailbox.defaultFolderId);
    expect([...local.keys()].sort()).toEqual(expected.map((contact) => contact.id).sort());
    for (const contact of expected) expect(local.get(contact.id)).toMatchObject({ surname: contact.surname ?? null });
  });

  it('reports the contacts of a deleted subfolder as deleted to that folder’s delta, then answers 404', async () => {
    const sub = fixture.mailbox.addFolder('Sub');
    const [inSub = ''] = addContacts(1, sub.id);
    const first = await readRound(deltaUrlOf(fixture.server.baseUrl, sub.id), BEARER);
    fixture.mailbox.deleteFolder(sub.id);
    expect((await graphGet(first.deltaLink, BEARER)).status).toBe(404);
    expect(fixture.mailbox.getContact(inSub)).toBeUndefined();
  });
});
