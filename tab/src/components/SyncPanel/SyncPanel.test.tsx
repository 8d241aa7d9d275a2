/** @jest-environment jsdom */
import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { FakeApi, apiError, status } from '../../testing/fakeApi';
import { FakeHost } from '../../testing/fakeHost';
import { renderTab } from '../../testing/renderTab';

const DONE = status({ syncId: 's1', state: 'completed', endedAt: '2026-12-01T10:00:00Z', contactsProcessed: 12, counts: { new: 5, updated: 3, deleted: 1, unchanged: 2, skipped: 1 } });

function api(): FakeApi {
  return new FakeApi().on('GET', '/api/contacts', { status: 200, body: { contacts: [], more: false } });
}

/** Status answers in order; the last one repeats. */
function statuses(api: FakeApi, ...answers: ReturnType<typeof status>[]): FakeApi {
  let i = 0;
  return api.on('GET', '/api/sync/status', () => ({ status: 200, body: answers[Math.min(i++, answers.length - 1)] }));
}

describe('SyncPanel', () => {
  it('first use explains what is read and offers Outlook Sync', async () => {
    renderTab(new FakeHost(), statuses(api(), status()));
    expect(await screen.findByRole('heading', { name: 'Bring your Outlook contacts into Teams' })).toBeTruthy();
    expect(screen.getByText(/names, phone numbers and email addresses/)).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Outlook Sync' })).toHaveProperty('disabled', false);
  });

  it('idle after a sync shows "N contacts synced" with the breakdown and the last sync time', async () => {
    renderTab(new FakeHost(), statuses(api(), DONE));
    expect(await screen.findByText('12 contacts synced: 5 new, 3 updated, 1 deleted in Outlook, 2 unchanged, 1 skipped.')).toBeTruthy();
    expect(screen.getByText(`Last sync: ${new Date('2026-12-01T10:00:00Z').toLocaleString()}`)).toBeTruthy();
  });

  it('running shows progress in a live region, then the result', async () => {
    let current = status();
    const fake = api().on('GET', '/api/sync/status', () => ({ status: 200, body: current }))
      .on('POST', '/api/sync', () => {
        current = status({ syncId: 's1', state: 'running', pagesDone: 2, contactsProcessed: 40, contactsStored: 38, readingFolders: ['Work', ''] });
        return { status: 202, body: { syncId: 's1', statusUrl: '/api/sync/status' } };
      });
    renderTab(new FakeHost(), fake);
    await userEvent.click(await screen.findByRole('button', { name: 'Outlook Sync' }));
    expect(await screen.findByText('Syncing… 38 contacts stored · reading Work, a folder.')).toBeTruthy();
    expect(screen.getByRole('progressbar', { name: 'Sync progress' })).toBeTruthy();
    expect(screen.getByRole('status').textContent).toContain('38 contacts stored');
    current = status({ syncId: 's1', state: 'running', pagesDone: 3, contactsStored: 1, readingFolders: [] });
    expect(await screen.findByText('Syncing… 1 contact stored.')).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Outlook Sync' })).toHaveProperty('disabled', true);
    current = DONE;
    expect(await screen.findByText(/^12 contacts synced/)).toBeTruthy();
  });

  it('consent needed: Connect Outlook opens consent from the click, then the sync is retried on its own', async () => {
    let consented = false;
    const fake = statuses(api(), status(), DONE)
      .on('POST', '/api/sync', () => (consented ? { status: 202, body: { syncId: 's1', statusUrl: '' } } : apiError(403, 'consent_required')));
    const host = new FakeHost();
    host.onConsent = () => { consented = true; };
    renderTab(host, fake);
    await userEvent.click(await screen.findByRole('button', { name: 'Outlook Sync' }));
    expect(await screen.findByText('Outlook Sync needs your permission to read your Outlook contacts.')).toBeTruthy();
    await userEvent.click(screen.getByRole('button', { name: 'Connect Outlook' }));
    expect(await screen.findByText(/^12 contacts synced/)).toBeTruthy();
    expect(host.consentCalls).toBe(1);
    expect(fake.calls.filter((c) => c === 'POST /api/sync')).toHaveLength(2);
  });

  it.each([
    ['CancelledByUser', 'You closed the Outlook window before connecting.'],
    ['AADSTS65001', 'Your organisation has not consented to Outlook Contact Sync.'],
    ['AADSTS65004', 'You did not allow Outlook Contact Sync to read your contacts.'],
    ['resourceDisabled', 'Teams cannot sign you in: the app\'s registration does not match the app.'],
    ['AADSTS500011', 'Outlook Contact Sync is not registered in your organisation.'],
  ])('consent failing with %s says what happened and offers to try again', async (reason, title) => {
    const fake = statuses(api(), status()).on('POST', '/api/sync', apiError(403, 'consent_required'));
    const host = new FakeHost();
    host.consentFailure = reason;
    renderTab(host, fake);
    await userEvent.click(await screen.findByRole('button', { name: 'Outlook Sync' }));
    await userEvent.click(await screen.findByRole('button', { name: 'Connect Outlook' }));
    expect(await screen.findByText(title)).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Connect Outlook' })).toBeTruthy();
  });

  it('reconnect needed asks to connect again', async () => {
    renderTab(new FakeHost(), statuses(api(), DONE).on('POST', '/api/sync', apiError(403, 'reconnect_needed')));
    await userEvent.click(await screen.findByRole('button', { name: 'Outlook Sync' }));
    expect(await screen.findByText('Your Outlook connection has expired.')).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Connect Outlook' })).toBeTruthy();
  });

  it('forbidden says who can allow it', async () => {
    renderTab(new FakeHost(), statuses(api(), status()).on('POST', '/api/sync', apiError(403, 'forbidden')));
    await userEvent.click(await screen.findByRole('button', { name: 'Outlook Sync' }));
    expect(await screen.findByText(/Ask your admin to let you sync/)).toBeTruthy();
  });

  it('throttled says when to try again', async () => {
    renderTab(new FakeHost(), statuses(api(), status()).on('POST', '/api/sync', apiError(429, 'throttled', 'slow down', { 'retry-after': '30' })));
    await userEvent.click(await screen.findByRole('button', { name: 'Outlook Sync' }));
    expect(await screen.findByText('Try again in 30 seconds.')).toBeTruthy();
  });

  it('a sync already running is shown instead of refused', async () => {
    const fake = statuses(api(), status(), status({ syncId: 's0', state: 'running', pagesDone: 1, contactsProcessed: 7, contactsStored: 7, readingFolders: ['Contacts'] }))
      .on('POST', '/api/sync', apiError(409, 'sync_running'));
    renderTab(new FakeHost(), fake);
    await userEvent.click(await screen.findByRole('button', { name: 'Outlook Sync' }));
    expect(await screen.findByText('Syncing… 7 contacts stored · reading Contacts.')).toBeTruthy();
  });

  it('a failed last sync says why and how to continue', async () => {
    renderTab(new FakeHost(), statuses(api(), status({ syncId: 's1', state: 'failed', error: { code: 'graph_unavailable', message: 'Outlook did not answer.' } })));
    expect(await screen.findByText('The last sync stopped: Outlook did not answer. Select Outlook Sync to continue it.')).toBeTruthy();
  });

  it('the API unreachable says so and offers to try again', async () => {
    const fake = statuses(api(), status());
    fake.unreachable.add('POST /api/sync');
    renderTab(new FakeHost(), fake);
    await userEvent.click(await screen.findByRole('button', { name: 'Outlook Sync' }));
    expect(await screen.findByText('The Outlook Contact Sync service could not be reached.')).toBeTruthy();
    await waitFor(() => expect(screen.getByRole('button', { name: 'Try again' })).toBeTruthy());
  });
});
