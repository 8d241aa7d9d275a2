/** @jest-environment jsdom */
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { FakeApi, contactAt, contactsRoute, status } from '../../testing/fakeApi';
import { FakeHost } from '../../testing/fakeHost';
import { renderTab } from '../../testing/renderTab';
import { ROW_HEIGHT } from './ContactList.styles';

function mailbox(total: number): FakeApi {
  return new FakeApi().on('GET', '/api/sync/status', { status: 200, body: status() }).on('GET', '/api/contacts', contactsRoute(total));
}

describe('ContactList', () => {
  it('keeps at most a few hundred rows in the DOM while scrolling 100,000 contacts, paging from the server', async () => {
    const fake = mailbox(100_000);
    renderTab(new FakeHost(), fake);
    await screen.findByText(/First0 Last0/);
    const viewport = screen.getByRole('region', { name: 'Contact list, scrollable' });
    let maxRows = 0;
    for (let page = 1; page <= 60; page++) {
      // The list's full height stands for every loaded row; scroll to the bottom of what is loaded.
      const loaded = parseInt(screen.getByRole('list').style.height, 10) / ROW_HEIGHT;
      fireEvent.scroll(viewport, { target: { scrollTop: (loaded - 5) * ROW_HEIGHT } });
      await waitFor(() => expect(fake.calls.filter((c) => c === 'GET /api/contacts').length).toBeGreaterThan(page));
      maxRows = Math.max(maxRows, screen.getAllByRole('listitem').length);
    }
    expect(maxRows).toBeLessThanOrEqual(300);
    expect(screen.getAllByRole('listitem').length).toBeGreaterThan(0);
    expect(parseInt(screen.getByRole('list').style.height, 10) / ROW_HEIGHT).toBeGreaterThan(60 * 200);
    expect(fake.calls.filter((c) => c === 'GET /api/contacts').length).toBeGreaterThan(60);
  });

  it('shows contacts deleted in Outlook as such, never hidden', async () => {
    renderTab(new FakeHost(), mailbox(10));
    expect(await screen.findByText(/First3 Last3/)).toBeTruthy();
    expect(screen.getAllByText('Deleted in Outlook')).toHaveLength(1);
  });

  it('searches on the server and says when nothing matches', async () => {
    const fake = mailbox(50);
    renderTab(new FakeHost(), fake);
    await screen.findByText(/First0 Last0/);
    await userEvent.type(screen.getByRole('searchbox', { name: 'Search contacts' }), '42');
    expect(await screen.findByText(/First42 Last42/)).toBeTruthy();
    await waitFor(() => expect(screen.getAllByRole('listitem')).toHaveLength(1));
    await userEvent.clear(screen.getByRole('searchbox', { name: 'Search contacts' }));
    await userEvent.type(screen.getByRole('searchbox', { name: 'Search contacts' }), '999');
    expect(await screen.findByText('No contacts match this search.')).toBeTruthy();
  });

  it('marks a phone or email used by a messaging channel, read with which value it is', async () => {
    const contacts = [{ ...contactAt(1), phoneBound: true }, { ...contactAt(2), emailBound: true }, contactAt(4)];
    renderTab(new FakeHost(), new FakeApi().on('GET', '/api/sync/status', { status: 200, body: status() })
      .on('GET', '/api/contacts', { status: 200, body: { contacts, more: false } }));
    await screen.findByText(/First1 Last1/);
    const [phoneBound, emailBound, plain] = screen.getAllByRole('listitem');
    expect(within(phoneBound as HTMLElement).getByRole('img', { name: 'Phone used by a messaging channel' }).textContent).toBe('Used by a channel');
    expect(phoneBound?.textContent).toMatch(/^First1 Last1 \+1 555 0000001 Used by a channel · p1@contoso.example$/);
    expect(within(emailBound as HTMLElement).getByRole('img', { name: 'Email used by a messaging channel' })).toBeTruthy();
    expect(emailBound?.textContent).toMatch(/p2@contoso.example Used by a channel$/);
    expect(within(plain as HTMLElement).queryByRole('img')).toBeNull();
  });

  it('while a sync runs says the contacts are being imported (not "No contacts yet"), and shows them as they are stored', async () => {
    let stored = 0;
    const fake = new FakeApi()
      .on('GET', '/api/sync/status', () => ({ status: 200, body: status({ syncId: 's1', state: stored >= 3 ? 'completed' : 'running', contactsStored: stored }) }))
      .on('GET', '/api/contacts', () => ({ status: 200, body: { contacts: Array.from({ length: stored }, (_, i) => contactAt(i)), more: false } }));
    renderTab(new FakeHost(), fake);
    expect(await screen.findByText('Importing your Outlook contacts… They appear here as they are stored.')).toBeTruthy();
    expect(screen.queryByText(/No contacts yet/)).toBeNull();
    stored = 2;
    expect(await screen.findByText(/First1 Last1/)).toBeTruthy();
    expect(screen.getAllByRole('listitem')).toHaveLength(2);
    stored = 3;
    expect(await screen.findByText(/First2 Last2/)).toBeTruthy();
  });

  it('names the Outlook folders of a merged search result, and counts them when a name is not known', async () => {
    const sources = (work: string) => [{ folderId: 'inbox', folderName: 'Contacts', contactId: 'c5' }, { folderId: 'work', folderName: work, contactId: 'c5b' }];
    const named = { ...contactAt(5), sources: sources('Work') };
    const unnamed = { ...contactAt(6), sources: sources('') };
    renderTab(new FakeHost(), new FakeApi().on('GET', '/api/sync/status', { status: 200, body: status() })
      .on('GET', '/api/contacts', { status: 200, body: { contacts: [named, unnamed, contactAt(7)], more: false } }));
    await screen.findByText(/First5 Last5/);
    const [item, fallback, single] = screen.getAllByRole('listitem');
    expect(within(item as HTMLElement).getByText('In Contacts and Work')).toBeTruthy();
    expect(within(fallback as HTMLElement).getByText('In 2 folders')).toBeTruthy();
    expect(single?.textContent).not.toMatch(/folder|Contacts/i);
  });
});
