import { AppError } from '../errors/appError';
import { SyncWorkerService } from '../services/syncWorkerService';
import { TABLES } from '../storage/tableClientFactory';
import { ROW_PREFIX, mailboxPartitionKey, rowKindFilter } from '../storage/tableKeys';
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

/** How many removal markers (of any sync) the mailbox's partition holds. */
async function removalMarkerCount(mailbox: TestMailbox): Promise<number> {
  const client = await mailbox.tables.get(TABLES.contacts);
  const filter = rowKindFilter(mailboxPartitionKey(mailbox.ref), ROW_PREFIX.removal);
  let count = 0;
  for await (const _row of client.listEntities({ queryOptions: { filter } })) count += 1;
  return count;
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
    // Untouched folders keep their delta links: only the lease and the history row are written.
    expect(summary.tableTransactions).toBe(4);
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

  it('compares a contact cut to fit storage in its stored form: a full sync of unchanged data updates nothing', async () => {
    const mailbox = harness.mailbox();
    mailbox.source.seed({ contacts: 40, folders: 1, seed: 5, oversized: 8 });
    await mailbox.sync();
    expect((await mailbox.contacts()).filter((c) => c.truncatedFields).length).toBeGreaterThan(0);
    expect(await mailbox.sync({ full: true })).toMatchObject({ new: 0, updated: 0, deleted: 0, unchanged: 40 });
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
    expect(served.deltaPage).toBe(3 + 2); // ceil(400 / 199) pages, and the two refused attempts
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

  it('counts a contact sent twice in an incremental round once, changed or not', async () => {
    const mailbox = mailboxWith(1000, 1);
    await mailbox.sync();
    const listed = mailbox.source.listContacts();
    listed.slice(0, 500).forEach((c: { id: string }) => mailbox.source.updateContact(c.id, { jobTitle: 'Not imported' }));
    listed.slice(500, 600).forEach((c: { id: string }) => mailbox.source.updateContact(c.id, { givenName: 'Renamed' }));
    mailbox.sim.setKnobs({ replayRate: 0.3, seed: 11 });
    expect(await mailbox.sync()).toMatchObject({ new: 0, updated: 100, deleted: 0, unchanged: 500 });
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

describe('one folder fails while the others run', () => {
  /** A mailbox whose default folder has many pages and whose child folder's listing Graph refuses. */
  function mailboxWithRefusedFolder(kind: '401' | '503'): TestMailbox {
    const mailbox = mailboxWith(1000, 0);
    const child = mailbox.source.addFolder('Clients', mailbox.source.defaultFolderId);
    mailbox.source.addContact(child.id, { givenName: 'In a child folder' });
    const path = `/contactFolders/${encodeURIComponent(child.id)}/contacts/delta`.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    mailbox.sim.faults.push({ kind, match: new RegExp(path), times: kind === '401' ? 1 : 12, retryAfterSeconds: 0 });
    return mailbox;
  }

  it.each([
    ['401', 'reconnect_needed'],
    ['503', 'graph_unavailable'],
  ] as const)('reports that folder\'s error (Graph %s → %s), not the stop of the others, in the history too', async (kind, code) => {
    const mailbox = mailboxWithRefusedFolder(kind);
    const failed: unknown = await mailbox.sync().catch((error: unknown) => error);
    expect(failed).toMatchObject({ code });
    const [record] = await mailbox.history();
    expect(record).toMatchObject({ state: 'failed' });
    expect(record?.problems.map((p) => p.code)).toEqual([code]);
  });

  it('ends a queued job as reconnect needed, without a retry, when one folder\'s token is refused', async () => {
    const mailbox = mailboxWithRefusedFolder('401');
    const worker = new SyncWorkerService({ sync: { run: (request) => mailbox.sync(request) }, isTenantEnabled: () => Promise.resolve(true) });
    const lines: string[] = [];
    const log = { log: (line: string) => lines.push(line), warn: (line: string) => lines.push(line) };
    await expect(worker.runJob({ ...mailbox.ref, trigger: 'schedule', full: false }, log)).resolves.toBe('failed');
    expect(lines.join('\n')).toMatch(/reconnect_needed/);
  });
});

describe('listings Graph no longer accepts', () => {
  it('restarts a full listing whose stored page link expired instead of failing every retry', async () => {
    const mailbox = mailboxWith(900, 0);
    mailbox.sim.faults.push({ kind: '503', retryAfterSeconds: 0, match: /skiptoken/, times: 12 });
    await expect(mailbox.sync()).rejects.toMatchObject({ code: 'graph_unavailable' });
    mailbox.sim.faults.clear();
    // The stored page link answers 410, and so does the restarted listing's first page link.
    mailbox.sim.faults.push({ kind: '410', match: /skiptoken/, times: 2 });
    expect(await mailbox.sync()).toMatchObject({ resumed: true, new: 900, updated: 0, unchanged: 0, deleted: 0 });
    expect(await mailbox.contacts()).toHaveLength(900);
  });

  it('restarts two folders whose page links expire in the middle of a first listing, counting each contact once', async () => {
    const mailbox = mailboxWith(1000, 1);
    expect(mailbox.source.listFolders().every((f: { id: string }) => mailbox.source.listContacts(f.id).length > 199)).toBe(true);
    mailbox.sim.faults.push({ kind: '410', match: /skiptoken/, times: 2 });
    expect(await mailbox.sync()).toMatchObject({ new: 1000, updated: 0, unchanged: 0, deleted: 0 });
    expect(mailbox.sim.faults.pending).toHaveLength(0);
    expect(await mailbox.sync({ full: true })).toMatchObject({ new: 0, updated: 0, unchanged: 1000, deleted: 0 });
  });

  it('does not mark deleted a contact removed and back again within one sync', async () => {
    const mailbox = mailboxWith(300, 0);
    await mailbox.sync();
    const [removed, ...others] = mailbox.source.listContacts();
    if (!removed) throw new Error('no contact');
    mailbox.source.deleteContact(removed.id);
    others.slice(0, 250).forEach((c: { id: string }) => mailbox.source.updateContact(c.id, { givenName: 'Renamed' }));
    // The first page (with the removal) is stored, then the sync stops.
    mailbox.sim.faults.push({ kind: '503', retryAfterSeconds: 0, match: /skiptoken/, times: 12 });
    await expect(mailbox.sync()).rejects.toMatchObject({ code: 'graph_unavailable' });
    mailbox.sim.faults.clear();
    mailbox.source.addContact(mailbox.source.defaultFolderId, { ...removed });
    // The resumed round's page link has expired: the folder is listed again, with the contact back in it.
    mailbox.sim.faults.push({ kind: '410', match: /skiptoken/ });
    expect(await mailbox.sync()).toMatchObject({ resumed: true, new: 0, updated: 250, deleted: 0 });
    expect(byId(await mailbox.contacts()).get(removed.id)).toMatchObject({ deletedAtSource: false });
  });
});

describe('one bad contact never blocks a sync', () => {
  /** A mailbox of 250 good contacts (two pages) with `bad` in the middle of the first page. */
  function mailboxWithBadContact(bad: { id?: string; givenName?: string; surname?: string }): { mailbox: TestMailbox; id: string } {
    const mailbox = harness.mailbox();
    const folder = mailbox.source.defaultFolderId;
    for (let i = 0; i < 100; i += 1) mailbox.source.addContact(folder, { givenName: `Before ${i}` });
    const { id } = mailbox.source.addContact(folder, { givenName: 'Bad', ...bad });
    for (let i = 0; i < 150; i += 1) mailbox.source.addContact(folder, { givenName: `After ${i}` });
    return { mailbox, id };
  }

  it.each([
    ['an id that is not valid Unicode (a lone surrogate)', { id: 'AAMkAGI2\ud800lone=' }, 'contact_unstorable'],
    ['an id with a line separator', { id: 'AAMkAGI2\u2028line=' }, 'contact_unstorable'],
    ['an id longer than Table Storage stores (refused by the store)', { id: `AAMk${'x'.repeat(40_000)}` }, 'contact_refused'],
  ])('skips a contact with %s, with the reason, and stores the rest of its page', async (_name, bad, code) => {
    const { mailbox, id } = mailboxWithBadContact(bad);
    expect(await mailbox.sync()).toMatchObject({ new: 250, skipped: 1 });
    expect(await mailbox.contacts()).toHaveLength(250);
    const record = at(await mailbox.history(), 0);
    expect(record.problemCounts).toEqual({ [code]: 1 });
    expect(record.problems.map((p) => p.code)).toEqual([code]);
    // The history keeps a bounded form of the id.
    expect(id.startsWith(at(record.problems, 0).contactId?.split('…')[0] ?? '-')).toBe(true);
    expect(await mailbox.sync({ full: true })).toMatchObject({ new: 0, updated: 0, unchanged: 250, skipped: 1 });
  });

  it('stores names holding line separators or broken surrogates cleaned, and finds them unchanged later', async () => {
    const { mailbox, id } = mailboxWithBadContact({ givenName: 'Ada\u2028Line', surname: 'Love\udc00lace\u2029' });
    expect(await mailbox.sync()).toMatchObject({ new: 251, skipped: 0 });
    expect(byId(await mailbox.contacts()).get(id)).toMatchObject({ firstName: 'Ada Line', lastName: 'Love\ufffdlace' });
    expect(await mailbox.sync({ full: true })).toMatchObject({ new: 0, updated: 0, unchanged: 251 });
  });
});

describe('a forced full sync replacing an unfinished one', () => {
  it('leaves no removal markers of the sync it replaced, and finds the removals itself', async () => {
    const mailbox = mailboxWith(300, 0);
    await mailbox.sync();
    const listed = mailbox.source.listContacts();
    listed.slice(0, 5).forEach((c: { id: string }) => mailbox.source.deleteContact(c.id));
    listed.slice(5, 255).forEach((c: { id: string }) => mailbox.source.updateContact(c.id, { givenName: 'Renamed' }));
    mailbox.sim.faults.push({ kind: '503', retryAfterSeconds: 0, match: /skiptoken/, times: 12 });
    await expect(mailbox.sync()).rejects.toMatchObject({ code: 'graph_unavailable' });
    mailbox.sim.faults.clear();
    expect(await removalMarkerCount(mailbox)).toBe(5);
    const full = await mailbox.sync({ full: true });
    // The replaced sync stored its first page: those renames are already stored, so "unchanged" now.
    expect(full).toMatchObject({ resumed: false, new: 0, deleted: 5 });
    expect(full.updated + full.unchanged).toBe(295);
    expect(await removalMarkerCount(mailbox)).toBe(0);
    expect((await mailbox.contacts()).filter((c) => c.deletedAtSource)).toHaveLength(5);
  });

  it('reconciles a folder whose first listing the replaced sync left unfinished', async () => {
    const mailbox = mailboxWith(900, 0);
    mailbox.sim.faults.push({ kind: '503', retryAfterSeconds: 0, match: /skiptoken/, times: 12 });
    await expect(mailbox.sync()).rejects.toMatchObject({ code: 'graph_unavailable' });
    mailbox.sim.faults.clear();
    const [stored] = await mailbox.contacts();
    if (!stored) throw new Error('the first page was not stored');
    mailbox.source.deleteContact(stored.id);
    expect(await mailbox.sync({ full: true })).toMatchObject({ resumed: false, deleted: 1 });
    expect(byId(await mailbox.contacts()).get(stored.id)).toMatchObject({ deletedAtSource: true });
  });
});

describe('the problems a sync keeps', () => {
  it('fits its sample into the history row whatever the skipped contacts\' ids hold', async () => {
    const mailbox = harness.mailbox();
    const control = '\u0001'.repeat(200);
    for (let i = 0; i < 60; i += 1) mailbox.source.addContact(mailbox.source.defaultFolderId, { id: `${control}${i}`, givenName: 7 as unknown as string });
    expect(await mailbox.sync()).toMatchObject({ skipped: 60 });
    const record = at(await mailbox.history(), 0);
    expect(record).toMatchObject({ state: 'completed', problemCounts: { malformed_contact: 60 } });
    expect(record.problems.length).toBeGreaterThan(20);
  });

  it('keeps the error that ended it beside a full sample, counts every skipped contact, and repeats nothing on retries', async () => {
    const mailbox = harness.mailbox();
    const folder = mailbox.source.defaultFolderId;
    const bad = Array.from({ length: 60 }, (_, i) => mailbox.source.addContact(folder, { givenName: i as unknown as string }).id);
    for (let i = 0; i < 300; i += 1) mailbox.source.addContact(folder, { givenName: `Good ${i}` });
    for (let attempt = 1; attempt <= 2; attempt += 1) {
      mailbox.sim.faults.push({ kind: '503', retryAfterSeconds: 0, match: /skiptoken/, times: 12 });
      await expect(mailbox.sync()).rejects.toMatchObject({ code: 'graph_unavailable' });
      mailbox.sim.faults.clear();
      const failed = at(await mailbox.history(), 0);
      expect(failed.problems).toHaveLength(50);
      expect(failed.problems.at(-1)?.code).toBe('graph_unavailable');
      expect(failed.problemCounts).toEqual({ malformed_contact: 60, graph_unavailable: attempt });
    }
    expect(await mailbox.sync()).toMatchObject({ resumed: true, new: 300, skipped: 60 });
    const record = at(await mailbox.history(), 0);
    expect(record).toMatchObject({ state: 'completed', resumes: 2, problemCounts: { malformed_contact: 60, graph_unavailable: 2 } });
    const keys = record.problems.map((p) => `${p.code} ${p.contactId ?? ''}`);
    expect(new Set(keys).size).toBe(keys.length);
    expect(record.problems.filter((p) => p.contactId).every((p) => bad.includes(p.contactId ?? ''))).toBe(true);
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
