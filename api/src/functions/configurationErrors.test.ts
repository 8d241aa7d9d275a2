import { randomUUID } from 'node:crypto';
import { ApiHarness } from '../../../tools/src/testing/apiHarness';

let api: ApiHarness;

// A plain-http Entra override that is not loopback: refused at start-up (it would send tokens in clear text).
beforeAll(async () => { api = await ApiHarness.start({ settings: { ENTRA_NETWORK_URL: 'http://login.example.test' } }); });
afterAll(async () => { await api?.stop(); });

describe('a configuration error, seen by callers who are not signed in', () => {
  it.each([
    ['a signed-in user\'s token', async () => api.user(randomUUID()).token()],
    ['no token', () => Promise.resolve(undefined)],
  ])('is a generic 500 internal with a correlation id for %s; only the server log names the setting', async (_name, tokenOf) => {
    const response = await api.call('GET', '/api/sync/status', await tokenOf());
    const correlationId = response.headers.get('x-correlation-id');
    expect(response.status).toBe(500);
    expect(response.body).toEqual({ code: 'internal', message: 'Something went wrong on our side. Please try again.', correlationId });
    const line = api.logs.find((entry) => entry.message.includes(`correlationId=${correlationId}`))?.message;
    expect(line).toContain('ENTRA_NETWORK_URL');
    expect(line).toContain('configuration_invalid');
  });
});
