import { SyncWorkerService } from '../services/syncWorkerService';
import { TABLES } from '../storage/tableClientFactory';
import { ROW_PREFIX, mailboxPartitionKey, rowKindFilter } from '../storage/tableKeys';
import { SyncHarness, type TestMailbox } from '../../../tools/src/testing/syncHarness';

/*
 * The sync engine when things go wrong: a folder that fails, links Graph no longer accepts, contacts the
 * store refuses, counts that must stay exact, and the problems a sync records. Against Azurite and the
 * Graph simulator over HTTP.
 */

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

function mailboxWith(count: number, folders: number): TestMailbox {
  const mailbox = harness.mailbox();
  mailbox.source.seed({ contacts: count, folders, seed: 7 });
  return mailbox;
}

/** How many removal markers (of any sync) the mailbox's partition holds. */
async function removalMarkerCount(mailbox: TestMailbox): Promise<number> {
  const client = await mailbox.tables.get(TABLES.contacts);
  const filter = rowKindFilter(mailboxPartitionKey(mailbox.ref), ROW_PREFIX.removal);
  let count = 0;
  for await (const _row of client.listEntities({ queryOptions: { filter } })) count += 1;
  return count;
}

describe('counts exact per contact', () => {
  afterEach(() => { harness.graph.sim.setKnobs({ replayRate: 0 }); });

  it('compares a contact cut to fit storage in its stored form: a full sync of unchanged data updates nothing', async () => {
    const mailbox = harness.mailbox();
    mailbox.source.seed({ contacts: 40, folders: 1, seed: 5, oversized: 8 });
    await mailbox.sync();
    expect((await mailbox.contacts()).filter((c) => c.truncatedFields).length).toBeGreaterThan(0);
    expect(await mailbox.sync({ full: true })).toMatchObject({ new: 0, updated: 0, deleted: 0, unchanged: 40 });
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
    const worker = new SyncWorkerService({
      sync: { run: (request) => mailbox.sync(request) }, isTenantEnabled: () => Promise.resolve(true),
      queue: { send: () => Promise.reject(new Error('no continuation expected')) }, timeBudgetMs: 600_000,
    });
    const lines: string[] = [];
    const log = { log: (line: string) => lines.push(line), warn: (line: string) => lines.push(line) };
    await expect(worker.runJob({ ...mailbox.ref, trigger: 'schedule', full: false }, log)).resolves.toBe('failed');
    expect(lines.join('\n')).toMatch(/reconnect_needed/);
    // The log line names the cause: Graph's own answer, not just our code.
    expect(lines.join('\n')).toMatch(/reconnect_needed .*cause="\w+/);
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
