/** @jest-environment jsdom */
import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { SkippedContact } from '../../api/apiTypes';
import { FakeApi, status } from '../../testing/fakeApi';
import { FakeHost } from '../../testing/fakeHost';
import { renderTab } from '../../testing/renderTab';

const SYNC = 'sync-1';

function skip(i: number): SkippedContact {
  return { contactId: `id-${i}`, contactIdCut: false, displayName: i === 0 ? '' : `Broken ${i}`, code: i % 2 ? 'malformed_contact' : 'contact_unstorable', message: `reason ${i}`, folderId: 'f' };
}

/** A history of one sync that skipped `total` contacts; the skipped rows in pages of 100, as the API pages them. */
function api(total: number): FakeApi {
  const all = Array.from({ length: total }, (_, i) => skip(i));
  return new FakeApi()
    .on('GET', '/api/sync/status', { status: 200, body: status() })
    .on('GET', '/api/contacts', { status: 200, body: { contacts: [], more: false } })
    .on('GET', '/api/sync/history', { status: 200, body: { syncs: [{ syncId: SYNC, state: 'completed', trigger: 'manual', startedAt: '2026-12-05T10:00:00Z', endedAt: '2026-12-05T10:00:09Z', counts: { new: 3, updated: 0, deleted: 0, unchanged: 0, skipped: total }, problems: [] }] } })
    .on('GET', `/api/sync/history/${SYNC}/changes`, { status: 200, body: { changes: [] } })
    .on('GET', `/api/sync/history/${SYNC}/skipped`, (url) => {
      const from = Number(url.searchParams.get('continuationToken') ?? 0);
      const next = from + 100 < all.length ? String(from + 100) : undefined;
      return { status: 200, body: { skipped: all.slice(from, from + 100), ...(next ? { continuationToken: next } : {}) } };
    });
}

describe('HistoryPage', () => {
  it('lists every contact a sync skipped, with its reason in words, page by page up to the exact count', async () => {
    const fake = api(130);
    renderTab(new FakeHost('default', []), fake);
    await userEvent.click(await screen.findByRole('tab', { name: 'History' }));
    await userEvent.click(await screen.findByRole('button', { name: 'Show changes' }));
    const section = await screen.findByRole('region', { name: 'Contacts not stored in this sync' });
    expect(within(section).getByText('130 contacts were not stored')).toBeTruthy();
    await within(section).findByText('Broken 99');
    expect(within(section).getAllByRole('listitem')).toHaveLength(100);
    expect(within(section).getByText('Contact id-0')).toBeTruthy(); // no name: its id
    expect(within(section).getAllByText(/Outlook sent it incomplete or unreadable/)).toHaveLength(50);
    expect(within(section).queryByText(/malformed_contact/)).toBeNull();
    await userEvent.click(within(section).getByRole('button', { name: 'Show more skipped contacts' }));
    await within(section).findByText('Broken 129');
    expect(within(section).getAllByRole('listitem')).toHaveLength(130);
    expect(within(section).queryByRole('button', { name: 'Show more skipped contacts' })).toBeNull();
  });

  it('shows no skipped list for a sync that skipped nothing', async () => {
    const fake = api(0);
    renderTab(new FakeHost('default', []), fake);
    await userEvent.click(await screen.findByRole('tab', { name: 'History' }));
    await userEvent.click(await screen.findByRole('button', { name: 'Show changes' }));
    await screen.findByText('This sync changed no contacts.');
    expect(screen.queryByRole('region', { name: 'Contacts not stored in this sync' })).toBeNull();
    expect(fake.calls).not.toContain(`GET /api/sync/history/${SYNC}/skipped`);
  });
});
