import { ApiHarness, type ApiUser } from '../../../tools/src/testing/apiHarness';

let api: ApiHarness;
let tenantId: string;
let admin: ApiUser;

beforeAll(async () => {
  // Every search of this file is one user's: the operator's per-user limit of searches is raised for it.
  api = await ApiHarness.start({ settings: { RATE_LIMIT_USER_PER_MINUTE: '100000', RATE_LIMIT_TENANT_PER_MINUTE: '100000' } });
  tenantId = await api.enabledTenant();
  admin = api.user(tenantId, { roles: ['ContactSync.Admin'] });
});
afterAll(async () => { await api?.stop(); });

async function policy(changes: Record<string, unknown>): Promise<void> {
  const saved = await api.as(admin, 'PUT', '/api/org/policy', { whoMaySync: 'everyone', allowedSchedules: [], ...changes });
  expect(saved.status).toBe(200);
}

async function syncNow(user: ApiUser): Promise<string> {
  const started = await api.as(user, 'POST', '/api/sync', {});
  expect(started.status).toBe(202);
  const { syncId } = started.body as { syncId: string };
  await api.statusUntil(user, (s) => s.syncId === syncId && s.state !== 'running' && s.state !== 'queued', 60_000);
  // No waiting for anything else: a sync's contacts are searchable when it says it completed.
  return syncId;
}

/** A mailbox with John Smith in two folders (one number, two spellings), Anna Müller (a national number) and noise. */
function seedPhonebook(user: ApiUser): { john: string; johnCopy: string; anna: string; broken: string; work: string } {
  const { mailbox } = user;
  mailbox.seed({ contacts: 60, folders: 1, seed: 5 });
  const work = mailbox.addFolder('Work');
  const john = mailbox.addContact(mailbox.defaultFolderId, { givenName: 'John', surname: 'Smith', mobilePhone: '+44 20 7946 0958', companyName: 'Fabrikam' }).id;
  const johnCopy = mailbox.addContact(work.id, { givenName: 'John', surname: 'Smith', businessPhones: ['020 7946 0958'] }).id;
  const anna = mailbox.addContact(mailbox.defaultFolderId, { givenName: 'Anna', surname: 'Müller', mobilePhone: '020 7946 0000', emailAddresses: [{ address: 'anna@contoso.com' }] }).id;
  const broken = mailbox.addContact(mailbox.defaultFolderId, { givenName: 'Noel', surname: 'Numberless', mobilePhone: 'ask reception' }).id;
  return { john, johnCopy, anna, broken, work: work.id };
}

/** Each item's folder name, and its only source's, by id (they must agree). */
function folderNamesById(items: unknown): Map<string, string> {
  const names = new Map<string, string>();
  for (const item of items as Array<{ id: string; folderName: string; sources: Array<{ folderName: string }> }>) {
    expect(item.sources.map((source) => source.folderName)).toEqual([item.folderName]);
    names.set(item.id, item.folderName);
  }
  return names;
}

describe('the phonebook over HTTP (default region GB)', () => {
  let user: ApiUser;
  let ids: ReturnType<typeof seedPhonebook>;

  beforeAll(async () => {
    await policy({ defaultRegion: 'GB' });
    user = api.user(tenantId);
    ids = seedPhonebook(user);
    await syncNow(user);
  });

  it('stores national numbers in E.164 in the default region, keeps the text, and flags what is no number', async () => {
    const { body } = await api.as(user, 'GET', '/api/contacts?top=500');
    const byId = new Map((body.contacts as Array<{ id: string }>).map((c) => [c.id, c]));
    expect(byId.get(ids.anna)).toMatchObject({ phone: '020 7946 0000', phoneE164: '+442079460000', phoneInvalid: false });
    expect(byId.get(ids.broken)).toMatchObject({ phone: 'ask reception', phoneE164: '', phoneInvalid: true });
    expect(byId.get(ids.john)).toMatchObject({ companyName: 'Fabrikam', phoneBound: false, emailBound: false, sources: [expect.any(Object)] });
  });

  it('names each listed contact\'s Outlook folder, on the item and on its source', async () => {
    const { body } = await api.as(user, 'GET', '/api/contacts?top=500');
    const byId = new Map((body.contacts as Array<{ id: string; folderId: string }>).map((c) => [c.id, c]));
    for (const [id, folderName] of [[ids.john, 'Contacts'], [ids.johnCopy, 'Work']] as const) {
      const folderId = byId.get(id)?.folderId;
      expect(byId.get(id)).toMatchObject({ folderName, sources: [{ folderId, folderName, contactId: id }] });
    }
  });

  it.each(['Muller', 'müller', 'MUELLER', 'anna muller', 'muller anna', 'Mulr', 'anna@contoso', 'ANNA@contoso.com'])('finds Anna Müller by "%s"', async (search) => {
    const { body } = await api.as(user, 'GET', `/api/contacts?search=${encodeURIComponent(search)}&top=500`);
    expect(body.contacts).toContainEqual(expect.objectContaining({ id: ids.anna, lastName: 'Müller' }));
  });

  it.each(['smith john', 'John Smith', 'jhon smtih', 'smi', '+44 20 7946 0958', '020 7946 0958'])(
    'finds John Smith once by "%s", with both folders as sources, each by its name', async (search) => {
      const { body } = await api.as(user, 'GET', `/api/contacts?search=${encodeURIComponent(search)}&top=500`);
      type Item = { id: string; lastName: string; firstName: string; folderName: string; sources: Array<{ folderName: string }> };
      const johns = (body.contacts as Item[]).filter((c) => c.firstName === 'John' && c.lastName === 'Smith');
      expect(johns).toHaveLength(1);
      expect(johns[0]?.sources).toHaveLength(2);
      expect(johns[0]?.sources).toEqual(expect.arrayContaining([
        { folderId: expect.any(String), folderName: 'Contacts', contactId: ids.john },
        { folderId: expect.any(String), folderName: 'Work', contactId: ids.johnCopy },
      ]));
      expect(johns[0]?.folderName).toBe(johns[0]?.id === ids.john ? 'Contacts' : 'Work');
    });

  it('finds by company the contact that has it', async () => {
    const { body } = await api.as(user, 'GET', '/api/contacts?search=fabrikam&top=500');
    expect(body.contacts).toContainEqual(expect.objectContaining({ id: ids.john, companyName: 'Fabrikam' }));
  });

  it('finds an email address typed whole', async () => {
    const { body } = await api.as(user, 'GET', '/api/contacts?search=anna%40contoso.com');
    expect(body.contacts).toEqual([expect.objectContaining({ id: ids.anna })]);
  });

  it('ranks the exact name above a slip', async () => {
    const extra = api.user(tenantId);
    extra.mailbox.addContact(extra.mailbox.defaultFolderId, { givenName: 'Jon', surname: 'Smyth' });
    extra.mailbox.addContact(extra.mailbox.defaultFolderId, { givenName: 'John', surname: 'Smith' });
    await syncNow(extra);
    const { body } = await api.as(extra, 'GET', '/api/contacts?search=john%20smith');
    expect((body.contacts as Array<{ firstName: string }>).map((c) => c.firstName)).toEqual(['John', 'Jon']);
  });

  it.each(['+44 20 7946 0958', '020 7946 0958', '0044 20 7946 0958', '+442079460958'])('looks up the caller %s', async (number) => {
    const { status, body } = await api.as(user, 'GET', `/api/contacts/lookup?number=${encodeURIComponent(number)}`);
    expect(status).toBe(200);
    expect((body.matches as Array<{ id: string }>).map((c) => c.id).sort()).toEqual([ids.john, ids.johnCopy].sort());
    expect(folderNamesById(body.matches)).toEqual(new Map([[ids.john, 'Contacts'], [ids.johnCopy, 'Work']]));
  });

  it('answers a lookup of an unknown or unreadable number with no match', async () => {
    expect((await api.as(user, 'GET', '/api/contacts/lookup?number=%2B1%20202%20555%200100')).body).toEqual({ matches: [] });
    expect((await api.as(user, 'GET', '/api/contacts/lookup?number=hello')).body).toEqual({ matches: [] });
  });

  it('lists the same person in two folders as suspected duplicates', async () => {
    const { status, body } = await api.as(user, 'GET', '/api/contacts/duplicates');
    expect(status).toBe(200);
    const group = (body.duplicates as Array<{ kind: string; value: string; contacts: Array<{ id: string }> }>).find((g) => g.value === '+442079460958');
    expect(group?.kind).toBe('phone');
    expect(group?.contacts.map((c) => c.id).sort()).toEqual([ids.john, ids.johnCopy].sort());
    expect(folderNamesById(group?.contacts)).toEqual(new Map([[ids.john, 'Contacts'], [ids.johnCopy, 'Work']]));
  });

  it('does not let one user read another user\'s contacts by lookup', async () => {
    const stranger = api.user(tenantId);
    expect((await api.as(stranger, 'GET', '/api/contacts/lookup?number=%2B442079460958')).body).toEqual({ matches: [] });
  });

  // Last of this block: it renames the Work folder.
  it('shows a folder renamed in Outlook by its new name after the next sync', async () => {
    user.mailbox.renameFolder(ids.work, 'Clients');
    await syncNow(user);
    const { body } = await api.as(user, 'GET', `/api/contacts/lookup?number=${encodeURIComponent('+442079460958')}`);
    expect(folderNamesById(body.matches)).toEqual(new Map([[ids.john, 'Contacts'], [ids.johnCopy, 'Clients']]));
  });
});

describe('channel bindings, merge strategies and the change log over HTTP', () => {
  interface Change { contactId: string; displayName: string; outcome: string; fields: Array<{ field: string; old: string; new: string; kept?: string }> }

  async function changesOf(user: ApiUser, syncId: string): Promise<Change[]> {
    const { status, body } = await api.as(user, 'GET', `/api/sync/history/${syncId}/changes?top=500`);
    expect(status).toBe(200);
    return body.changes as Change[];
  }

  it('logs per contact what each sync changed, old → new, and which rule kept a value', async () => {
    const tenant = await api.enabledTenant();
    const tenantAdmin = api.user(tenant, { roles: ['ContactSync.Admin'] });
    const user = api.user(tenant);
    const folder = user.mailbox.defaultFolderId;
    const ada = user.mailbox.addContact(folder, { givenName: 'Ada', surname: 'Lovelace', mobilePhone: '+44 7700 900123', emailAddresses: [{ address: 'ada@example.com' }] }).id;
    const bob = user.mailbox.addContact(folder, { givenName: 'Bob', surname: 'Stone' }).id;
    const cy = user.mailbox.addContact(folder, { givenName: 'Cy', surname: 'Gone' }).id;
    const dee = user.mailbox.addContact(folder, { givenName: 'Dee', surname: 'Keep', emailAddresses: [{ address: 'dee@example.com' }] }).id;
    const first = await syncNow(user);
    expect(await changesOf(user, first)).toEqual([]); // new contacts: the counts say it

    const bound = await api.as(user, 'PUT', `/api/contacts/${encodeURIComponent(ada)}/bindings`, { phone: true });
    expect(bound.status).toBe(200);
    expect(bound.body).toMatchObject({ id: ada, phoneBound: true, emailBound: false, phoneChannelBound: true, folderName: 'Contacts' });
    expect(bound.body.sources).toEqual([{ folderId: folder, folderName: 'Contacts', contactId: ada }]);
    expect((await api.as(user, 'PUT', '/api/contacts/nope/bindings', { phone: true })).status).toBe(404);
    expect((await api.as(user, 'PUT', `/api/contacts/${encodeURIComponent(ada)}/bindings`, { fax: true })).status).toBe(400);

    user.mailbox.updateContact(ada, { mobilePhone: '+44 7700 900999' });
    user.mailbox.updateContact(bob, { surname: 'Mason' });
    user.mailbox.deleteContact(cy);
    user.mailbox.updateContact(dee, { emailAddresses: [] });
    const second = await syncNow(user);
    const changes = await changesOf(user, second);
    expect(changes).toHaveLength(4);
    expect(changes).toEqual(expect.arrayContaining([
      { contactId: ada, displayName: 'Ada Lovelace', outcome: 'unchanged', fields: [{ field: 'phone', old: '+44 7700 900123', new: '+44 7700 900999', kept: 'channel_bound' }] },
      { contactId: bob, displayName: 'Bob Mason', outcome: 'updated', fields: [{ field: 'lastName', old: 'Stone', new: 'Mason' }] },
      { contactId: cy, displayName: 'Cy Gone', outcome: 'deleted', fields: [] },
      { contactId: dee, displayName: 'Dee Keep', outcome: 'unchanged', fields: [{ field: 'email', old: 'dee@example.com', new: '', kept: 'empty_value' }] },
    ]));
    const listed = (await api.as(user, 'GET', '/api/contacts')).body.contacts as Array<{ id: string; phone: string; phoneBound: boolean }>;
    expect(listed.find((c) => c.id === ada)).toMatchObject({ phone: '+44 7700 900123', phoneBound: true });

    const paged = await api.as(user, 'GET', `/api/sync/history/${second}/changes?top=3`);
    expect(paged.body.changes).toHaveLength(3);
    const rest = await api.as(user, 'GET', `/api/sync/history/${second}/changes?top=3&continuationToken=${encodeURIComponent(paged.body.continuationToken as string)}`);
    expect([...paged.body.changes, ...rest.body.changes]).toEqual(changes);
    expect(rest.body.continuationToken).toBeUndefined();

    expect((await api.as(tenantAdmin, 'PUT', '/api/org/policy', { whoMaySync: 'everyone', allowedSchedules: [], mergeStrategy: 'keepStored' })).status).toBe(200);
    user.mailbox.updateContact(bob, { surname: 'Carter' });
    const third = await syncNow(user);
    expect(await changesOf(user, third)).toEqual([
      { contactId: bob, displayName: 'Bob Mason', outcome: 'unchanged', fields: [{ field: 'lastName', old: 'Mason', new: 'Carter', kept: 'merge_strategy' }] },
    ]);

    expect((await api.as(tenantAdmin, 'PUT', '/api/org/policy', { whoMaySync: 'everyone', allowedSchedules: [], mergeStrategy: 'newOnly' })).status).toBe(200);
    const eve = user.mailbox.addContact(folder, { givenName: 'Eve', surname: 'New' }).id;
    user.mailbox.updateContact(ada, { givenName: 'Augusta' });
    const fourth = await syncNow(user);
    expect((await api.as(user, 'GET', '/api/sync/history?top=1')).body.syncs[0].counts).toMatchObject({ new: 1, updated: 0 });
    expect(await changesOf(user, fourth)).toEqual([
      expect.objectContaining({ contactId: ada, outcome: 'unchanged', fields: expect.arrayContaining([{ field: 'firstName', old: 'Ada', new: 'Augusta', kept: 'merge_strategy' }]) }),
    ]);
    expect((await api.as(user, 'GET', '/api/contacts?search=eve')).body.contacts).toEqual([expect.objectContaining({ id: eve })]);
  });

  it('does not show one user the change log of another user\'s sync', async () => {
    const tenant = await api.enabledTenant();
    const owner = api.user(tenant);
    const id = owner.mailbox.addContact(owner.mailbox.defaultFolderId, { givenName: 'Only', surname: 'Mine' }).id;
    await syncNow(owner);
    owner.mailbox.updateContact(id, { surname: 'Ours' });
    const syncId = await syncNow(owner);
    expect(await changesOf(owner, syncId)).toHaveLength(1);
    expect(await changesOf(api.user(tenant), syncId)).toEqual([]);
  });
});
