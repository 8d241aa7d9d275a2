/** @jest-environment jsdom */
import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { Contact, Duplicates } from '../../api/apiTypes';
import { FakeApi, apiError, contactAt, status, type FakeReply } from '../../testing/fakeApi';
import { FakeHost } from '../../testing/fakeHost';
import { renderTab } from '../../testing/renderTab';

/** The folders' names as the API gives them: `home` is one it does not know. */
const FOLDER_NAMES: Record<string, string> = { inbox: 'Contacts', work: 'Work', home: '' };

function contact(id: string, folderId: string, patch: Partial<Contact>): Contact {
  const folderName = FOLDER_NAMES[folderId] ?? '';
  return { ...contactAt(0), id, folderId, folderName, sources: [{ folderId, folderName, contactId: id }], ...patch };
}

const JOHN = { firstName: 'John', lastName: 'Smith', phoneE164: '+442079460958' };
const GROUPS: Duplicates = {
  duplicates: [
    { kind: 'phone', value: '+442079460958', contacts: [
      contact('j1', 'inbox', { ...JOHN, phone: '+44 20 7946 0958', email: '', phoneBound: true }),
      contact('j2', 'work', { ...JOHN, phone: '020 7946 0958', email: 'john@fabrikam.example' }),
    ], total: 2 },
    { kind: 'email', value: 'anna@contoso.example', contacts: [
      contact('a1', 'work', { firstName: 'Anna', lastName: 'Müller', phone: '', email: 'Anna@Contoso.example', emailBound: true }),
      contact('a2', 'home', { firstName: 'Anna', lastName: 'Mueller', phone: '', email: 'anna@contoso.example', deletedAtSource: true }),
    ], total: 2 },
  ],
};

async function openDuplicates(reply: FakeReply | (() => FakeReply)): Promise<FakeApi> {
  const fake = new FakeApi()
    .on('GET', '/api/sync/status', { status: 200, body: status() })
    .on('GET', '/api/contacts', { status: 200, body: { contacts: [], more: false } })
    .on('GET', '/api/contacts/duplicates', typeof reply === 'function' ? () => reply() : reply);
  renderTab(new FakeHost(), fake);
  await userEvent.click(await screen.findByRole('tab', { name: 'Duplicates' }));
  return fake;
}

/** The group under the heading that names what its contacts share, and its contacts' lines. */
function group(heading: string): HTMLElement[] {
  const list = screen.getByRole('list', { name: heading });
  return within(list).getAllByRole('listitem');
}

describe('DuplicatesPage', () => {
  it('lists each group under a heading saying the shared number or address, with name, folder name, phone and email', async () => {
    await openDuplicates({ status: 200, body: GROUPS });
    expect(await screen.findByRole('heading', { name: 'Suspected duplicates', level: 2 })).toBeTruthy();
    expect(screen.getByRole('heading', { name: 'Same phone number: +442079460958', level: 3 })).toBeTruthy();
    expect(screen.getByRole('heading', { name: 'Same email address: anna@contoso.example', level: 3 })).toBeTruthy();
    expect(screen.getAllByRole('heading', { level: 3 })).toHaveLength(2);

    const [john1, john2] = group('Same phone number: +442079460958');
    expect(john1?.textContent).toBe('John Smith In Contacts Phone: +44 20 7946 0958 Used by a channel Email: none');
    expect(john2?.textContent).toBe('John Smith In Work Phone: 020 7946 0958 Email: john@fabrikam.example');
    expect(within(john1 as HTMLElement).getByRole('img', { name: 'Phone used by a messaging channel' })).toBeTruthy();
    expect(within(john2 as HTMLElement).queryByRole('img')).toBeNull();

    // The same folder keeps its name in every group; a folder whose name the API does not know gets a letter.
    const [anna1, anna2] = group('Same email address: anna@contoso.example');
    expect(anna1?.textContent).toBe('Anna Müller In Work Phone: none Email: Anna@Contoso.example Used by a channel');
    expect(within(anna1 as HTMLElement).getByRole('img', { name: 'Email used by a messaging channel' })).toBeTruthy();
    expect(anna2?.textContent).toBe('Anna Mueller Deleted in Outlook In Folder A Phone: none Email: anna@contoso.example');
  });

  it('says how many share a number or address when only the first contacts are listed (a shared mailbox)', async () => {
    const shared = Array.from({ length: 10 }, (_, i) => contact(`s${i}`, 'work', { firstName: `Person ${i}`, lastName: 'Shared', email: 'info@contoso.example' }));
    await openDuplicates({ status: 200, body: { duplicates: [{ kind: 'email', value: 'info@contoso.example', contacts: shared, total: 183 }] } });
    expect(await screen.findByText('183 contacts share it; the first 10 are shown.')).toBeTruthy();
    expect(group('Same email address: info@contoso.example')).toHaveLength(10);
  });

  it('says nothing of a total when every contact is listed', async () => {
    await openDuplicates({ status: 200, body: GROUPS });
    await screen.findByRole('heading', { name: 'Same phone number: +442079460958', level: 3 });
    expect(screen.queryByText(/contacts share it/)).toBeNull();
  });

  it('says when there are no suspected duplicates', async () => {
    await openDuplicates({ status: 200, body: { duplicates: [] } });
    expect(await screen.findByText(/^No suspected duplicates\./)).toBeTruthy();
    expect(screen.queryByRole('list', { name: 'Suspected duplicates' })).toBeNull();
  });

  it('says what failed, with the reference, and shows the groups after Try again', async () => {
    let fail = true;
    const fake = await openDuplicates(() => (fail ? apiError(500, 'internal', 'boom') : { status: 200, body: GROUPS }));
    expect(await screen.findByText('Something went wrong.')).toBeTruthy();
    expect(screen.getByText('Reference: corr-1')).toBeTruthy();
    fail = false;
    await userEvent.click(screen.getByRole('button', { name: 'Try again' }));
    expect(await screen.findByRole('heading', { name: 'Same phone number: +442079460958' })).toBeTruthy();
    expect(fake.calls.filter((call) => call === 'GET /api/contacts/duplicates')).toHaveLength(2);
  });

  it('tells a user of an older server that the feature is not there yet', async () => {
    await openDuplicates({ status: 404, body: '' });
    expect(await screen.findByText('This feature is not available on your organisation\'s server yet.')).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'Try again' })).toBeNull();
  });
});
