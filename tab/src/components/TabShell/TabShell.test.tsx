/** @jest-environment jsdom */
import { act, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { HostAuthError } from '../../host/hostPort';
import { FakeApi, apiError, status } from '../../testing/fakeApi';
import { FakeHost } from '../../testing/fakeHost';
import { renderTab } from '../../testing/renderTab';

function api(): FakeApi {
  return new FakeApi()
    .on('GET', '/api/sync/status', { status: 200, body: status() })
    .on('GET', '/api/contacts', { status: 200, body: { contacts: [], more: false } })
    .on('GET', '/api/org/integration', apiError(404, 'integration_missing'))
    .on('GET', '/api/org/policy', { status: 200, body: { whoMaySync: 'everyone', allowedSchedules: ['daily'] } })
    .on('GET', '/api/org/health', { status: 200, body: { counts: { users: 3, syncedLast24h: 2, failing: 1, reconnectNeeded: 1, throttled: 0, running: 0 }, users: [{ userId: 'u1', displayName: 'Bo', lastSyncAt: null, state: 'failed', errorCode: 'graph_unavailable', reconnectNeeded: false }] } });
}

describe('TabShell', () => {
  it('a non-admin sees no Admin settings', async () => {
    renderTab(new FakeHost('default', []), api());
    expect(await screen.findByRole('tab', { name: 'Contacts' })).toBeTruthy();
    expect(screen.queryByRole('tab', { name: 'Admin settings' })).toBeNull();
  });

  it('an admin (from GET /api/me) opens Admin settings with the integration, policy and health', async () => {
    const fake = api().on('GET', '/api/me', { status: 200, body: { tenantId: 't', userId: 'u', displayName: 'Ad', isAdmin: true, maySync: true, connected: true, reconnectNeeded: false } });
    renderTab(new FakeHost('default', []), fake);
    await userEvent.click(await screen.findByRole('tab', { name: 'Admin settings' }));
    expect(await screen.findByRole('textbox', { name: /Application \(client\) ID/ })).toBeTruthy();
    expect(await screen.findByText('1 failing')).toBeTruthy();
    expect(screen.getByText('failed (graph_unavailable)')).toBeTruthy();
  });

  it.each([
    ['a user', false, /Ask your Teams admin to set up the Outlook integration/],
    ['an admin', true, /Enter your Outlook integration below/],
  ])('tells %s of a company not set up yet what to do', async (_who, isAdmin, advice) => {
    const fake = api().on('GET', '/api/me', { status: 200, body: { tenantId: 't', userId: 'u', displayName: 'X', isAdmin, integrationEnabled: false, maySync: false, connected: false, reconnectNeeded: false } });
    renderTab(new FakeHost('default', []), fake);
    expect(await screen.findByText('Outlook Sync is not set up for your organisation yet.')).toBeTruthy();
    expect(screen.getByText(advice)).toBeTruthy();
    expect(screen.queryByRole('tab', { name: 'Contacts' })).toBeNull();
    if (isAdmin) expect(await screen.findByRole('textbox', { name: /Application \(client\) ID/ })).toBeTruthy();
  });

  it('an admin (roles in the token, no /api/me yet) sees Admin settings', async () => {
    renderTab(new FakeHost('default', ['ContactSync.Admin']), api());
    expect(await screen.findByRole('tab', { name: 'Admin settings' })).toBeTruthy();
  });

  it('follows the host theme and its changes', async () => {
    const host = new FakeHost('dark');
    const { container } = renderTab(host, api());
    await screen.findByRole('tab', { name: 'Contacts' });
    expect(container.querySelector('[data-theme]')?.getAttribute('data-theme')).toBe('dark');
    act(() => host.changeTheme('contrast'));
    expect(container.querySelector('[data-theme]')?.getAttribute('data-theme')).toBe('contrast');
  });

  it('a sign-in that times out says so and offers to sign in again', async () => {
    const host = new FakeHost();
    host.tokenFailure = new HostAuthError('timeout', 'no answer');
    renderTab(host, api());
    expect(await screen.findByText('Teams did not answer the sign-in request in time.')).toBeTruthy();
    host.tokenFailure = undefined;
    await userEvent.click(screen.getAllByRole('button', { name: 'Sign in again' })[0] as HTMLElement);
    expect(await screen.findByRole('tab', { name: 'Contacts' })).toBeTruthy();
  });
});
