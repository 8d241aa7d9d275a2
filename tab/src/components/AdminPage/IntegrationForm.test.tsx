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
});
