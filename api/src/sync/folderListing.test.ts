import { SyncHarness, type TestMailbox } from '../../../tools/src/testing/syncHarness';

let harness: SyncHarness;
beforeAll(async () => { harness = await SyncHarness.start(); });
afterAll(async () => { await harness.stop(); });
afterEach(() => {
  harness.graph.sim.faults.clear();
  harness.graph.sim.setKnobs({ folderDeltaScope: 'subtree' });
});

/** A mailbox with the default folder and `folders` generated folders below it (nested several levels). */
function mailboxWith(folders: number, contacts = 40): TestMailbox {
  const mailbox = harness.mailbox();
  mailbox.source.seed({ contacts, folders, seed: 3 });
  return mailbox;
}

/** Runs a sync and returns its summary with the Graph requests the simulator itself answered. */
async function countedSync(mailbox: TestMailbox, full = false): Promise<{ simulator: number; folderRequests: number; summary: Awaited<ReturnType<TestMailbox['sync']>> }> {
  mailbox.sim.resetCounts();
  const summary = await mailbox.sync({ full });
  const counts = mailbox.sim.counts;
  return { simulator: counts.total, folderRequests: counts.folderListing, summary };
}

describe('Graph requests of a sync', () => {
  it.each([1, 8, 50])('an incremental sync of %i folders with no change costs at most one request per folder + 1', async (total) => {
    const mailbox = mailboxWith(total - 1);
    await mailbox.sync();
    const { simulator, folderRequests, summary } = await countedSync(mailbox);
    expect(mailbox.source.listFolders()).toHaveLength(total);
    expect(summary).toMatchObject({ new: 0, updated: 0, deleted: 0, unchanged: 0 });
    expect(simulator).toBeLessThanOrEqual(total + 1);
    expect(folderRequests).toBe(1);
    expect(summary.graphRequests).toBe(simulator);
  });
});

describe('folder changes between incremental syncs', () => {
  it('picks up a folder added (also nested in a new one), renamed, moved and deleted', async () => {
    const mailbox = mailboxWith(4, 60);
    await mailbox.sync();
    const [first, second, third, fourth] = mailbox.source.listFolders().slice(1);
    if (!first || !second || !third || !fourth) throw new Error('the seed made fewer folders');
    const added = mailbox.source.addFolder('Suppliers');
    const nested = mailbox.source.addFolder('Abroad', added.id);
    const addedContact = mailbox.source.addContact(nested.id, { givenName: 'Nested', surname: 'Newcomer' });
    mailbox.source.renameFolder(first.id, 'Renamed');
    mailbox.source.moveFolder(fourth.id, added.id);
    const goneContacts = mailbox.source.listContacts(third.id).map((contact) => contact.id);
    mailbox.source.deleteFolder(third.id);

    const summary = await mailbox.sync();

    const names = new Map((await mailbox.folderStates()).map((state) => [state.folderId, state.displayName]));
    expect(names.get(added.id)).toBe('Suppliers');
    expect(names.get(nested.id)).toBe('Abroad');
    expect(names.get(first.id)).toBe('Renamed');
    expect(names.has(fourth.id)).toBe(true);
    expect(names.has(third.id)).toBe(false);
    expect([...names.keys()].sort()).toEqual(mailbox.source.listFolders().map((folder) => folder.id).sort());
    const stored = new Map((await mailbox.contacts()).map((contact) => [contact.id, contact]));
    expect(stored.get(addedContact.id)).toMatchObject({ folderId: nested.id, deletedAtSource: false });
    for (const id of goneContacts) expect(stored.get(id)?.deletedAtSource).toBe(true);
    expect(summary).toMatchObject({ new: 1, deleted: goneContacts.length });
  });

  it('lists the folders in full when Graph no longer knows the folder delta token (410)', async () => {
    const mailbox = mailboxWith(3);
    await mailbox.sync();
    const added = mailbox.source.addFolder('After expiry', mailbox.source.listFolders()[2]?.id);
    mailbox.sim.faults.push({ kind: '410', match: /\/contactFolders\/delta\?\$deltatoken=/i });
    const { folderRequests } = await countedSync(mailbox);
    expect(mailbox.sim.faults.pending).toHaveLength(0);
    // The 410, the walk (the default folder + one childFolders page per folder) and a new delta round.
    expect(folderRequests).toBe(1 + 1 + 5 + 1);
    expect((await mailbox.folderStates()).map((state) => state.folderId)).toContain(added.id);
    // The next sync is incremental again.
    expect((await countedSync(mailbox)).folderRequests).toBe(1);
  });

  it('walks the tree on every sync when the folder delta leaves out nested folders', async () => {
    harness.graph.sim.setKnobs({ folderDeltaScope: 'children' });
    const mailbox = mailboxWith(4);
    await mailbox.sync();
    const deep = mailbox.source.listFolders().at(-1);
    const nested = mailbox.source.addFolder('Deeper', deep?.id);
    const contact = mailbox.source.addContact(nested.id, { givenName: 'Deep', surname: 'Down' });
    const { folderRequests } = await countedSync(mailbox);
    expect(folderRequests).toBeGreaterThan(1);
    expect((await mailbox.contacts()).map((c) => c.id)).toContain(contact.id);
  });
});
