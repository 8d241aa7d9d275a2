/** @jest-environment jsdom */
import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { FakeApi, apiError, status } from '../../testing/fakeApi';
import { FakeHost } from '../../testing/fakeHost';
import { renderTab } from '../../testing/renderTab';

const CLIENT = '11111111-2222-4333-8444-555555555555';

async function openAdmin(fake: FakeApi) {
  renderTab(new FakeHost('default', ['ContactSync.Admin']), fake
    .on('GET', '/api/sync/status', { status: 200, body: status() })
    .on('GET', '/api/contacts', { status: 200, body: { contacts: [], more: false } })
    .on('GET', '/api/org/integration', apiError(404, 'integration_missing'))
    .on('GET', '/api/org/policy', { status: 200, body: { whoMaySync: 'everyone', allowedSchedules: [] } }));
  await userEvent.click(await screen.findByRole('tab', { name: 'Admin settings' }));
  return screen.findByRole('textbox', { name: /Application \(client\) ID/ });
}

describe('IntegrationForm', () => {
  it('refuses IDs that are not GUIDs, naming the field, and sends nothing', async () => {
    const fake = new FakeApi();
    const clientId = await openAdmin(fake);
    await userEvent.type(clientId, 'not-a-guid');
    await userEvent.click(screen.getByRole('button', { name: 'Save integration' }));
    expect(await screen.findByText(/The Application \(client\) ID is a GUID/)).toBeTruthy();
    expect(fake.calls).not.toContain('PUT /api/org/integration');
  });

  it('saves a valid integration and says so', async () => {
    const fake = new FakeApi().on('PUT', '/api/org/integration', (_url, init) => ({ status: 200, body: JSON.parse(init.body as string) as unknown }));
    const clientId = await openAdmin(fake);
    await userEvent.type(clientId, CLIENT);
    await userEvent.click(screen.getByRole('button', { name: 'Save integration' }));
    expect(await screen.findByText('Integration saved.')).toBeTruthy();
    expect(fake.calls).toContain('PUT /api/org/integration');
  });

  it('shows the server refusing the save with what to do', async () => {
    const fake = new FakeApi().on('PUT', '/api/org/integration', apiError(400, 'invalid_request', 'clientId must be this app'));
    const clientId = await openAdmin(fake);
    await userEvent.type(clientId, CLIENT);
    await userEvent.click(screen.getByRole('button', { name: 'Save integration' }));
    expect(await screen.findByText('The server refused the request.')).toBeTruthy();
  });

  it('after "Integration saved." reads GET /api/me again: the "not set up" banner goes and the pages come', async () => {
    let enabled = false;
    const me = () => ({ status: 200, body: { tenantId: CLIENT, userId: 'u', displayName: 'Ad', isAdmin: true, integrationEnabled: enabled, maySync: enabled, connected: false, reconnectNeeded: false } });
    const fake = new FakeApi()
      .on('GET', '/api/me', me)
      .on('PUT', '/api/org/integration', (_url, init) => { enabled = true; return { status: 200, body: JSON.parse(init.body as string) as unknown }; })
      .on('GET', '/api/sync/status', { status: 200, body: status() })
      .on('GET', '/api/contacts', { status: 200, body: { contacts: [], more: false } })
      .on('GET', '/api/org/integration', apiError(404, 'integration_missing'))
      .on('GET', '/api/org/policy', { status: 200, body: { whoMaySync: 'everyone', allowedSchedules: [] } });
    renderTab(new FakeHost('default', ['ContactSync.Admin']), fake);
    expect(await screen.findByText('Outlook Sync is not set up for your organisation yet.')).toBeTruthy();
    await userEvent.type(await screen.findByRole('textbox', { name: /Application \(client\) ID/ }), CLIENT);
    await userEvent.click(screen.getByRole('button', { name: 'Save integration' }));
    expect(await screen.findByText('Outlook Sync is set up for your organisation: people can sync now.')).toBeTruthy();
    expect(screen.queryByText('Outlook Sync is not set up for your organisation yet.')).toBeNull();
    // jsdom lays nothing out: the overflow shows only the selected page's tab.
    expect(screen.getByRole('tablist', { name: 'Pages' })).toBeTruthy();
    expect(screen.getByRole('tab', { name: 'Admin settings', selected: true })).toBeTruthy();
    expect(fake.calls.filter((call) => call === 'GET /api/me')).toHaveLength(2);
  });
});
