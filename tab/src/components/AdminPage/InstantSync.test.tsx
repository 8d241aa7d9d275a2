/** @jest-environment jsdom */
import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { FakeApi, apiError, status } from '../../testing/fakeApi';
import { FakeHost } from '../../testing/fakeHost';
import { renderTab } from '../../testing/renderTab';

const SOON = new Date(Date.now() + 3 * 3_600_000).toISOString();

function health() {
  return {
    counts: { users: 3, syncedLast24h: 2, failing: 0, reconnectNeeded: 1, throttled: 0, running: 0, instantSync: 2, instantExpiringSoon: 1, instantFailing: 1 },
    users: [
      { userId: 'a', displayName: 'Ada', lastSyncAt: null, state: 'completed', reconnectNeeded: false, instant: { subscriptions: 3, expiresAt: SOON } },
      { userId: 'b', displayName: 'Bea', lastSyncAt: null, state: 'completed', reconnectNeeded: false, instant: { subscriptions: 1, expiresAt: SOON, errorCode: 'throttled' } },
      { userId: 'c', displayName: 'Cy', lastSyncAt: null, state: 'failed', errorCode: 'reconnect_needed', reconnectNeeded: true, instant: { subscriptions: 0, expiresAt: '', errorCode: 'reconnect_needed' } },
    ],
  };
}

async function openAdmin(fake: FakeApi, policy: Record<string, unknown>) {
  renderTab(new FakeHost('default', ['ContactSync.Admin']), fake
    .on('GET', '/api/sync/status', { status: 200, body: status() })
    .on('GET', '/api/contacts', { status: 200, body: { contacts: [], more: false } })
    .on('GET', '/api/org/integration', apiError(404, 'integration_missing'))
    .on('GET', '/api/org/health', { status: 200, body: health() })
    .on('GET', '/api/org/policy', { status: 200, body: policy }));
  await userEvent.click(await screen.findByRole('tab', { name: 'Admin settings' }));
}

describe('instant sync in the admin settings', () => {
  it('turns instant sync on in the policy: the saved body says instantSync true, the other fields kept', async () => {
    let sent: Record<string, unknown> | undefined;
    const fake = new FakeApi().on('PUT', '/api/org/policy', (_url, init) => {
      sent = JSON.parse(init.body as string) as Record<string, unknown>;
      return { status: 200, body: sent };
    });
    await openAdmin(fake, { whoMaySync: 'role', allowedSchedules: ['daily'], mergeStrategy: 'keepStored', defaultRegion: 'GB', instantSync: false });
    const box = await screen.findByRole('checkbox', { name: /Instant sync/ });
    expect((box as HTMLInputElement).checked).toBe(false);
    await userEvent.click(box);
    await userEvent.click(screen.getByRole('button', { name: 'Save policy' }));
    expect(await screen.findByText('Policy saved.')).toBeTruthy();
    expect(sent).toEqual({ whoMaySync: 'role', allowedSchedules: ['daily'], mergeStrategy: 'keepStored', defaultRegion: 'GB', instantSync: true });
  });

  it('shows how many users are on instant sync, expiring soon and failing, and each user\'s state in words', async () => {
    await openAdmin(new FakeApi(), { whoMaySync: 'everyone', allowedSchedules: [], instantSync: true });
    expect(await screen.findByText('2 on instant sync')).toBeTruthy();
    expect(screen.getByText('1 instant subscriptions expiring within a day')).toBeTruthy();
    expect(screen.getByText('1 instant sync failures')).toBeTruthy();
    expect(screen.getByText(/^On \(3 folders, renewed before /)).toBeTruthy();
    expect(screen.getByText(/^On \(1 folder, .*last renewal failed \(throttled\)$/)).toBeTruthy();
    expect(screen.getByText('Stopped: must reconnect Outlook')).toBeTruthy();
  });
});
