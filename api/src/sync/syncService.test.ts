import { AppError } from '../errors/appError';
import { SyncHarness, type TestMailbox } from '../../../tools/src/testing/syncHarness';

let harness: SyncHarness;
beforeAll(async () => { harness = await SyncHarness.start(); });
afterAll(async () => { await harness.stop(); });

/** The item at `index`, or a failed test when there is none. */
function at<T>(items: T[], index: number): T {
  const item = items[index];
  if (item === undefined) throw new Error(`expected an item at ${index}, got ${items.length} items`);
  return item;
}

function byId<T extends { id: string }>(items: T[]): Map<string, T> {
  return new Map(items.map((item) => [item.id, item]));
}

function mailboxWith(count: number, folders = 3): TestMailbox {
  const mailbox = harness.mailbox();
  mailbox.source.seed({ contacts: count, folders, seed: 7 });
  return mailbox;
}

describe('first sync', () => {
  it('imports every contact of the default folder and every folder below it, as New', async () => {
    const mailbox = mailboxWith(450, 5);
    const summary = await mailbox.sync();
    expect(summary).toMatchObject({ new: 450, updated: 0, deleted: 0, unchanged: 0, skipped: 0 });
    const stored = await mailbox.contacts();
    expect(stored).toHaveLength(450);
    const sourceIds = mailbox.source.listContacts().map((c: { id: string }) => c.id).sort();
    expect(stored.map((c) => c.id).sort()).toEqual(sourceIds);
  });

  it('maps names, the phone by priority, the first email and the folder', async () => {
    const mailbox = harness.mailbox();
    const folder = mailbox.source.addFolder('Clients', mailbox.source.defaultFolderId);
    const a = mailbox.source.addContact(folder.id, {
      givenName: 'Ada', surname: 'Lovelace', mobilePhone: '', businessPhones: ['', '+44 20 7946 0000'],
      homePhones: ['+44 20 7946 0001'], emailAddresses: [{ address: '' }, { address: 'ada@example.com' }],
    });
    await mailbox.sync();
    expect(byId(await mailbox.contacts()).get(a.id)).toMatchObject({
      firstName: 'Ada', lastName: 'Lovelace', phone: '+44 20 7946 0000', phoneE164: '+442079460000',
      email: 'ada@example.com', folderId: folder.id, deletedAtSource: false,
    });
  });
});

describe('incremental sync', () => {
  it('fetches only what changed and classifies New, Updated, Deleted and Unchanged', async () => {
    const mailbox = mailboxWith(300, 2);
    await mailbox.sync();
    const listed = mailbox.source.listContacts();
    const [first, second, third, fourth] = [at(listed, 0), at(listed, 1), at(listed, 2), at(listed, 3)];
    mailbox.source.updateContact(first.id, { givenName: 'Renamed' });
    mailbox.source.deleteContact(second.id);
    mailbox.source.updateContact(third.id, { jobTitle: 'Not imported' });
    const added = mailbox.source.addContact(mailbox.source.defaultFolderId, { givenName: 'Newcomer' });
    const summary = await mailbox.sync();
    expect(summary).toMatchObject({ new: 1, updated: 1, deleted: 1, unchanged: 1, skipped: 0 });
    const stored = byId(await mailbox.contacts());
    expect(stored.get(first.id)?.firstName).toBe('Renamed');
    expect(stored.get(second.id)).toMatchObject({ deletedAtSource: true });
    expect(stored.get(second.id)?.deletedAtSourceAt).not.toBe('');
    expect(stored.get(added.id)?.firstName).toBe('Newcomer');
    expect(stored.get(fourth.id)?.deletedAtSource).toBe(false);
    expect(stored.size).toBe(301);
  });

  it('asks Graph for at most three requests per folder when nothing changed', async () => {
    const mailbox = mailboxWith(500, 4);
    await mailbox.sync();
    const folderCount = mailbox.source.listFolders().length;
    const summary = await mailbox.sync();
    expect(summary).toMatchObject({ new: 0, updated: 0, deleted: 0, unchanged: 0 });
    expect(summary.graphRequests).toBeLessThanOrEqual(3 * folderCount);
    // Untouched folders keep their delta links: only the lease (taken, released), the partition's fence
    // and the history row (opened, closed) are written.
    expect(summary.tableTransactions).toBe(5);
  });

  it('treats a contact moved to another folder as neither deleted nor new', async () => {
    const mailbox = mailboxWith(50, 3);
    await mailbox.sync();
    const folders = mailbox.source.listFolders();
    const inFirst = mailbox.source.listContacts(at(folders, 0).id);
    const moving = [at(inFirst, 0), at(inFirst, 1)];
    const targets = [at(folders, 1).id, at(folders, 2).id];
    mailbox.source.moveContact(at(moving, 0).id, at(targets, 0));
    mailbox.source.moveContact(at(moving, 1).id, at(targets, 1));
    const summary = await mailbox.sync();
    expect(summary).toMatchObject({ new: 0, deleted: 0, updated: 2 });
    const stored = byId(await mailbox.contacts());
    expect(stored.get(at(moving, 0).id)).toMatchObject({ folderId: targets[0], deletedAtSource: false });
    expect(stored.get(at(moving, 1).id)).toMatchObject({ folderId: targets[1], deletedAtSource: false });
  });

  it('keeps a deleted contact active and clears the mark when it comes back', async () => {
    const mailbox = mailboxWith(20, 1);
    await mailbox.sync();
    const gone = at(mailbox.source.listContacts(), 0);
    mailbox.source.deleteContact(gone.id);
    expect(await mailbox.sync()).toMatchObject({ deleted: 1 });
    mailbox.source.addContact(gone.parentFolderId, { ...gone, givenName: gone.givenName });
    expect(await mailbox.sync()).toMatchObject({ updated: 1, new: 0, deleted: 0 });
    expect(byId(await mailbox.contacts()).get(gone.id)).toMatchObject({ deletedAtSource: false, deletedAtSourceAt: '' });
  });
});

describe('values that are never overwritten', () => {
  it('keeps the stored phone and email when Outlook empties them', async () => {
    const mailbox = harness.mailbox();
    const c = mailbox.source.addContact(mailbox.source.defaultFolderId, {
      givenName: 'Grace', mobilePhone: '+1 415 555 0132', emailAddresses: [{ address: 'grace@example.com' }],
    });
    await mailbox.sync();
    mailbox.source.updateContact(c.id, { mobilePhone: '', businessPhones: [], homePhones: [], emailAddresses: [] });
    expect(await mailbox.sync()).toMatchObject({ updated: 0, unchanged: 1 });
    expect(byId(await mailbox.contacts()).get(c.id)).toMatchObject({ phone: '+1 415 555 0132', email: 'grace@example.com' });
  });

  it('keeps a phone and an email that a messaging channel uses', async () => {
    const mailbox = harness.mailbox();
    const c = mailbox.source.addContact(mailbox.source.defaultFolderId, {
      givenName: 'Linus', mobilePhone: '+1 415 555 0100', emailAddresses: [{ address: 'linus@example.com' }],
    });
    await mailbox.sync();
    await (await mailbox.directory()).setChannelBinding(mailbox.ref, c.id, { phone: true, email: true });
    mailbox.source.updateContact(c.id, { givenName: 'Linus T', mobilePhone: '+1 415 555 0199', emailAddresses: [{ address: 'other@example.com' }] });
    expect(await mailbox.sync()).toMatchObject({ updated: 1 });
    expect(byId(await mailbox.contacts()).get(c.id)).toMatchObject({
      firstName: 'Linus T', phone: '+1 415 555 0100', email: 'linus@example.com',
    });
  });
});

describe('full listings', () => {
  it('finds deletions by reconciling a forced full sync against what is stored', async () => {
    const mailbox = mailboxWith(120, 2);
    await mailbox.sync();
    const gone = at(mailbox.source.listContacts(), 0);
    mailbox.source.deleteContact(gone.id);
    const summary = await mailbox.sync({ full: true });
    expect(summary).toMatchObject({ new: 0, updated: 0, deleted: 1, unchanged: 119 });
    expect(byId(await mailbox.contacts()).get(gone.id)?.deletedAtSource).toBe(true);
  });

  it('falls back to a full listing when Graph answers 410 for an expired delta token', async () => {
    const mailbox = mailboxWith(80, 2);
    await mailbox.sync();
    const gone = at(mailbox.source.listContacts(), 0);
    const changed = at(mailbox.source.listContacts(), 1);
    mailbox.source.deleteContact(gone.id);
    mailbox.source.updateContact(changed.id, { surname: 'Changed' });
    mailbox.sim.expireDeltaTokens();
    const summary = await mailbox.sync();
    expect(summary).toMatchObject({ new: 0, updated: 1, deleted: 1, unchanged: 78 });
    const stored = byId(await mailbox.contacts());
    expect(stored.get(changed.id)?.lastName).toBe('Changed');
    expect(stored.size).toBe(80);
  });
});

describe('hostile inputs', () => {
  it('stores contacts whose ids hold characters Table keys forbid, and oversized fields truncated', async () => {
    const mailbox = harness.mailbox();
    mailbox.source.seed({ contacts: 60, folders: 1, seed: 3, oddIds: true, oversized: 2 });
    const summary = await mailbox.sync();
    expect(summary).toMatchObject({ new: 60, skipped: 0 });
    const stored = await mailbox.contacts();
    expect(stored.map((c) => c.id).sort()).toEqual(mailbox.source.listContacts().map((c: { id: string }) => c.id).sort());
    const truncated = stored.filter((c) => c.truncatedFields);
    expect(truncated.length).toBe(2);
    expect(await mailbox.sync()).toMatchObject({ new: 0, updated: 0, deleted: 0 });
  });

  it('honours Retry-After on 429 and 503 and still imports everything', async () => {
    const mailbox = mailboxWith(400, 1);
    mailbox.sim.resetCounts();
    mailbox.sim.faults.push({ kind: '429', retryAfterSeconds: 1, match: 'delta' });
    mailbox.sim.faults.push({ kind: '503', retryAfterSeconds: 1, match: 'delta' });
    const started = Date.now();
    const summary = await mailbox.sync();
    // The two faults may hit a page and its prefetched successor at once: their waits overlap.
    expect(Date.now() - started).toBeGreaterThanOrEqual(950);
    expect(summary.new).toBe(400);
    const served = mailbox.sim.counts;
    expect(served.byStatus).toMatchObject({ 429: 1, 503: 1 });
    expect(summary.graphRequests).toBe(served.total);
    expect(served.deltaPage).toBe(3 + 2); // ceil(400 / 197) pages, and the two refused attempts
  });

  it('survives a dropped connection mid-page', async () => {
    const mailbox = mailboxWith(400, 1);
    mailbox.sim.faults.push({ kind: 'drop', match: 'delta' });
    expect((await mailbox.sync()).new).toBe(400);
  });

  it('tells a second sync that one is running, with its id, and loses nothing', async () => {
    const mailbox = mailboxWith(600, 2);
    mailbox.sim.setKnobs({ latencyMs: 30 });
    const first = mailbox.sync();
    try {
      await mailbox.waitForLease();
    } finally {
      mailbox.sim.setKnobs({ latencyMs: 0 });
    }
    const second = await mailbox.sync().catch((error: unknown) => error);
    expect(second).toBeInstanceOf(AppError);
    expect((second as AppError).code).toBe('sync_running');
    expect((second as AppError).details?.syncId).toEqual((await first).syncId);
    expect(await mailbox.contacts()).toHaveLength(600);
  });
});

describe('what Graph documents it may do', () => {
  afterEach(() => { harness.graph.sim.setKnobs({ replayRate: 0, shuffle: false, throttleRate: 0, dropRate: 0, unavailableRate: 0, retryAfterSeconds: 1 }); });

  it('counts a contact sent twice in a round, in no particular order, once', async () => {
    const mailbox = mailboxWith(1200, 3);
    mailbox.sim.setKnobs({ replayRate: 0.2, shuffle: true, seed: 9 });
    mailbox.sim.resetCounts();
    const summary = await mailbox.sync();
    expect(summary).toMatchObject({ new: 1200, updated: 0, deleted: 0, unchanged: 0 });
    expect(await mailbox.contacts()).toHaveLength(1200);
  });

  it('ends exact under random throttling, outages and dropped connections', async () => {
    const mailbox = mailboxWith(1500, 4);
    mailbox.sim.setKnobs({ throttleRate: 0.1, unavailableRate: 0.05, dropRate: 0.05, retryAfterSeconds: 0, seed: 4 });
    const first = await mailbox.sync();
    expect(first.new).toBe(1500);
    const listed = mailbox.source.listContacts();
    mailbox.source.deleteContact(at(listed, 0).id);
    mailbox.source.updateContact(at(listed, 1).id, { givenName: 'Changed' });
    expect(await mailbox.sync()).toMatchObject({ new: 0, updated: 1, deleted: 1, unchanged: 0 });
  });

  it('skips a malformed contact with the reason recorded and imports the rest', async () => {
    const mailbox = harness.mailbox();
    const folder = mailbox.source.defaultFolderId;
    mailbox.source.addContact(folder, { givenName: 'Good' });
    const bad = mailbox.source.addContact(folder, { givenName: 42 as unknown as string });
    const summary = await mailbox.sync();
    expect(summary).toMatchObject({ new: 1, skipped: 1 });
    expect((await mailbox.contacts()).map((c) => c.firstName)).toEqual(['Good']);
    const history = await mailbox.history();
    expect(at(history, 0).problems).toEqual([expect.objectContaining({ code: 'malformed_contact', contactId: bad.id })]);
    expect(at(history, 0).problems[0]?.message).toMatch(/givenName/);
  });
});

describe('a queued sync that fails and is retried', () => {
  it('resumes the same sync, even a forced full one, and ends exact', async () => {
    const mailbox = mailboxWith(900, 1);
    const reserved = await mailbox.reserve({ fresh: true });
    mailbox.sim.faults.push({ kind: '503', retryAfterSeconds: 0, match: /skiptoken/, times: 12 });
    const failed = await mailbox.sync({ full: true, reservedSyncId: reserved }).catch((error: unknown) => error);
    expect((failed as AppError).code).toBe('graph_unavailable');
    mailbox.sim.faults.clear();
    const retried = await mailbox.sync({ full: true, reservedSyncId: reserved });
    expect(retried).toMatchObject({ syncId: reserved, resumed: true, new: 900, deleted: 0 });
    expect(at(await mailbox.history(), 0)).toMatchObject({ syncId: reserved, state: 'completed', resumes: 1 });
  });
});
