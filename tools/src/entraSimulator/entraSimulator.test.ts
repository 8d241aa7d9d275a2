import { randomUUID } from 'node:crypto';
import { decodeJwt, decodeProtectedHeader } from 'jose';
import { createGraphTokenAuthenticator, createSigningKey, startEntraSimulator, type RunningEntraSimulator } from './index';

const clientId = randomUUID();
const clientSecret = 'sim-secret-value';
const tenantId = randomUUID();
const GRAPH_SCOPE = 'https://graph.microsoft.com/Contacts.Read offline_access openid profile';

let running: RunningEntraSimulator;

beforeAll(async () => {
  running = await startEntraSimulator({ clientId, clientSecret, consentPropagationMs: 0 });
});

afterAll(async () => {
  await running.stop();
});

async function postForm(path: string, fields: Record<string, string>): Promise<{ status: number; body: Record<string, unknown> }> {
  const response = await fetch(`${running.url}${path}`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams(fields).toString(),
  });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

function oboForm(assertion: string, overrides: Record<string, string> = {}): Record<string, string> {
  return {
    client_id: clientId, client_secret: clientSecret, scope: GRAPH_SCOPE,
    grant_type: 'urn:ietf:params:oauth:grant-type:jwt-bearer', requested_token_use: 'on_behalf_of', assertion,
    ...overrides,
  };
}

function newUser(): string {
  return randomUUID();
}

describe('discovery and keys', () => {
  it('serves a tenant OpenID configuration with the public issuer and local endpoints', async () => {
    const config = (await (await fetch(`${running.url}/${tenantId}/v2.0/.well-known/openid-configuration`)).json()) as Record<string, string>;
    expect(config.issuer).toBe(`https://login.microsoftonline.com/${tenantId}/v2.0`);
    expect(config.token_endpoint).toBe(`${running.url}/${tenantId}/oauth2/v2.0/token`);
    const jwks = (await (await fetch(config.jwks_uri ?? '')).json()) as { keys: Array<Record<string, string>> };
    expect(jwks.keys).toHaveLength(1);
    expect(jwks.keys[0]).toMatchObject({ kty: 'RSA', use: 'sig', kid: expect.any(String), n: expect.any(String), e: 'AQAB' });
    expect(jwks.keys[0]).not.toHaveProperty('d');
  });

  it('signs SSO tokens with v2 claims for the app', async () => {
    const userId = newUser();
    const token = await running.sim.mintSsoToken({ tenantId, userId, name: 'Ada', upn: 'ada@contoso.example', roles: ['ContactSync.Admin'] });
    expect(decodeProtectedHeader(token)).toMatchObject({ alg: 'RS256', kid: running.sim.keys.current.kid });
    expect(decodeJwt(token)).toMatchObject({
      aud: clientId, iss: `https://login.microsoftonline.com/${tenantId}/v2.0`, tid: tenantId, oid: userId,
      scp: 'access_as_user', roles: ['ContactSync.Admin'], preferred_username: 'ada@contoso.example', name: 'Ada', ver: '2.0',
    });
  });

  it('keeps old keys published after a rotation and signs with the new one', async () => {
    const oldKid = running.sim.keys.current.kid;
    const newKid = await running.sim.rotateKeys();
    const jwks = (await (await fetch(`${running.url}/${tenantId}/discovery/v2.0/keys`)).json()) as { keys: Array<{ kid: string }> };
    expect(jwks.keys.map((key) => key.kid)).toEqual([oldKid, newKid]);
    expect(decodeProtectedHeader(await running.sim.mintSsoToken({ tenantId, userId: newUser() })).kid).toBe(newKid);
  });
});

describe('on-behalf-of grant', () => {
  it('answers with exactly the documented fields: token_type, scope, expires_in, ext_expires_in, access_token, refresh_token', async () => {
    const userId = newUser();
    running.sim.setConsent(tenantId, userId, 'granted');
    const assertion = await running.sim.mintSsoToken({ tenantId, userId });
    const { status, body } = await postForm(`/${tenantId}/oauth2/v2.0/token`, oboForm(assertion, { scope: 'https://graph.microsoft.com/Contacts.Read offline_access' }));
    expect(status).toBe(200);
    expect(Object.keys(body).sort()).toEqual(['access_token', 'expires_in', 'ext_expires_in', 'refresh_token', 'scope', 'token_type']);
    expect(body).toMatchObject({ token_type: 'Bearer', expires_in: 3600, ext_expires_in: 3600, refresh_token: expect.any(String) });
    expect(String(body.scope).split(' ')).toContain('https://graph.microsoft.com/Contacts.Read');
    expect(String(body.scope).split(' ')).not.toContain('offline_access');
    expect(decodeJwt(String(body.access_token))).toMatchObject({ aud: 'https://graph.microsoft.com', tid: tenantId, oid: userId });
    expect(String(decodeJwt(String(body.access_token)).scp).split(' ')).toContain('Contacts.Read');
    await expect(createGraphTokenAuthenticator(running.url)(String(body.access_token))).resolves.toEqual({ tenantId, userId });
  });

  it.each<[string, Record<string, string>, string[]]>([
    ['no refresh token without offline_access', { scope: 'https://graph.microsoft.com/Contacts.Read' }, []],
    ['an id token only when openid is asked for', { scope: 'https://graph.microsoft.com/Contacts.Read openid offline_access' }, ['id_token', 'refresh_token']],
    ['client_info only when client_info=1 is sent (as MSAL does)',
      { scope: 'https://graph.microsoft.com/Contacts.Read openid profile offline_access', client_info: '1' }, ['client_info', 'id_token', 'refresh_token']],
  ])('sends %s', async (_name, overrides, extra) => {
    const userId = newUser();
    running.sim.setConsent(tenantId, userId, 'granted');
    const { status, body } = await postForm(`/${tenantId}/oauth2/v2.0/token`, oboForm(await running.sim.mintSsoToken({ tenantId, userId }), overrides));
    expect(status).toBe(200);
    expect(Object.keys(body).sort()).toEqual(['access_token', 'expires_in', 'ext_expires_in', 'scope', 'token_type', ...extra].sort());
    const clientInfo = body.client_info;
    if (typeof clientInfo === 'string') expect(JSON.parse(Buffer.from(clientInfo, 'base64url').toString())).toEqual({ uid: userId, utid: tenantId });
  });

  it.each(['missing', 'revoked'] as const)('answers AADSTS65001 consent_required when consent is %s', async (state) => {
    const userId = newUser();
    running.sim.setConsent(tenantId, userId, state);
    const { status, body } = await postForm(`/${tenantId}/oauth2/v2.0/token`, oboForm(await running.sim.mintSsoToken({ tenantId, userId })));
    expect(status).toBe(400);
    expect(body).toMatchObject({ error: 'invalid_grant', error_codes: [65001], suberror: 'consent_required' });
    expect(String(body.error_description)).toMatch(/^AADSTS65001: The user or administrator has not consented/);
    // Entra's documented error body: the description ends with its trace lines, each after \r\n.
    expect(Object.keys(body).sort()).toEqual(['correlation_id', 'error', 'error_codes', 'error_description', 'error_uri', 'suberror', 'timestamp', 'trace_id']);
    expect(String(body.error_description)).toMatch(/\r\nTrace ID: [0-9a-f-]{36}\r\nCorrelation ID: [0-9a-f-]{36}\r\nTimestamp: \d{4}-\d\d-\d\d \d\d:\d\d:\d\dZ$/);
    expect(String(body.error_description)).toContain(`Trace ID: ${String(body.trace_id)}`);
    expect(body.timestamp).toMatch(/^\d{4}-\d\d-\d\d \d\d:\d\d:\d\dZ$/);
  });

  it.each([
    ['a wrong client secret', { client_secret: 'wrong' }, 7000215],
    ['no client secret', { client_secret: '' }, 7000218],
  ])('answers 401 invalid_client for %s', async (_name, override, code) => {
    const userId = newUser();
    running.sim.setConsent(tenantId, userId, 'granted');
    const assertion = await running.sim.mintSsoToken({ tenantId, userId });
    const { status, body } = await postForm(`/${tenantId}/oauth2/v2.0/token`, oboForm(assertion, override));
    expect(status).toBe(401);
    expect(body).toMatchObject({ error: 'invalid_client', error_codes: [code] });
  });

  it.each([
    ['signed by a key the authority never published', async (userId: string) =>
      running.sim.mintSsoToken({ tenantId, userId, signingKey: (await createSigningKey()).privateKey }), 50013],
    ['for another audience', (userId: string) => running.sim.mintSsoToken({ tenantId, userId, aud: randomUUID() }), 50013],
    ['from another tenant', (userId: string) => running.sim.mintSsoToken({ tenantId: randomUUID(), userId }), 50013],
    ['expired', (userId: string) =>
      running.sim.mintSsoToken({ tenantId, userId, issuedAt: Math.floor(Date.now() / 1000) - 7200, expiresInSec: 3600 }), 500133],
  ])('refuses an assertion %s', async (_name, mint, code) => {
    const userId = newUser();
    running.sim.setConsent(tenantId, userId, 'granted');
    const { status, body } = await postForm(`/${tenantId}/oauth2/v2.0/token`, oboForm(await mint(userId)));
    expect(status).toBe(400);
    expect(body).toMatchObject({ error: 'invalid_grant', error_codes: [code] });
  });

  it('accepts an Application ID URI audience (api://host/{clientId})', async () => {
    const userId = newUser();
    running.sim.setConsent(tenantId, userId, 'granted');
    const assertion = await running.sim.mintSsoToken({ tenantId, userId, aud: `api://contoso.example/${clientId}` });
    expect((await postForm(`/${tenantId}/oauth2/v2.0/token`, oboForm(assertion))).status).toBe(200);
  });
});

describe('consent propagation', () => {
  it('keeps answering consent_required until the propagation delay has passed', async () => {
    const slow = await startEntraSimulator({ clientId, clientSecret, consentPropagationMs: 400 });
    try {
      const userId = newUser();
      slow.sim.setConsent(tenantId, userId, 'granted');
      const form = oboForm(await slow.sim.mintSsoToken({ tenantId, userId }));
      const post = async () => (await fetch(`${slow.url}/${tenantId}/oauth2/v2.0/token`, { method: 'POST', body: new URLSearchParams(form) })).status;
      expect(await post()).toBe(400);
      await new Promise((resolve) => setTimeout(resolve, 450));
      expect(await post()).toBe(200);
    } finally {
      await slow.stop();
    }
  });
});

describe('refresh-token grant', () => {
  async function refreshTokenFor(userId: string): Promise<string> {
    running.sim.setConsent(tenantId, userId, 'granted');
    const { body } = await postForm(`/${tenantId}/oauth2/v2.0/token`, oboForm(await running.sim.mintSsoToken({ tenantId, userId })));
    return String(body.refresh_token);
  }

  function refreshForm(refreshToken: string, scope = GRAPH_SCOPE): Record<string, string> {
    return { client_id: clientId, client_secret: clientSecret, grant_type: 'refresh_token', refresh_token: refreshToken, scope };
  }

  it('issues new tokens and a new refresh token while consent is granted; the used one stays valid', async () => {
    const userId = newUser();
    const refreshToken = await refreshTokenFor(userId);
    const { status, body } = await postForm(`/${tenantId}/oauth2/v2.0/token`, refreshForm(refreshToken, 'https://graph.microsoft.com/Contacts.Read offline_access'));
    expect(status).toBe(200);
    expect(Object.keys(body).sort()).toEqual(['access_token', 'expires_in', 'ext_expires_in', 'refresh_token', 'scope', 'token_type']);
    expect(decodeJwt(String(body.access_token))).toMatchObject({ oid: userId, tid: tenantId });
    expect(body.refresh_token).not.toBe(refreshToken);
    expect((await postForm(`/${tenantId}/oauth2/v2.0/token`, refreshForm(refreshToken))).status).toBe(200);
  });

  it('answers invalid_grant AADSTS50173 for every refresh token issued before the user\'s sessions were revoked', async () => {
    const userId = newUser();
    const refreshToken = await refreshTokenFor(userId);
    const response = await fetch(`${running.url}/_sim/revoke-sessions/${tenantId}/${userId}`, { method: 'POST' });
    expect(response.status).toBe(200);
    const { status, body } = await postForm(`/${tenantId}/oauth2/v2.0/token`, refreshForm(refreshToken));
    expect(status).toBe(400);
    expect(body).toMatchObject({ error: 'invalid_grant', error_codes: [50173] });
    expect(String(body.error_description)).toMatch(/^AADSTS50173: The provided grant has expired due to it being revoked/);
    const fresh = await refreshTokenFor(userId);
    expect((await postForm(`/${tenantId}/oauth2/v2.0/token`, refreshForm(fresh))).status).toBe(200);
  });

  it('answers invalid_grant AADSTS65001 after consent is revoked', async () => {
    const userId = newUser();
    const refreshToken = await refreshTokenFor(userId);
    running.sim.setConsent(tenantId, userId, 'revoked');
    const { status, body } = await postForm(`/${tenantId}/oauth2/v2.0/token`, refreshForm(refreshToken));
    expect(status).toBe(400);
    expect(body).toMatchObject({ error: 'invalid_grant', error_codes: [65001] });
  });

  it('refuses an unknown refresh token', async () => {
    const { status, body } = await postForm(`/${tenantId}/oauth2/v2.0/token`, refreshForm('1.ASnot-a-token'));
    expect(status).toBe(400);
    expect(body).toMatchObject({ error: 'invalid_grant' });
  });
});

describe('Graph token check', () => {
  it('accepts only Graph tokens of this authority that carry Contacts.Read', async () => {
    const userId = newUser();
    running.sim.setConsent(tenantId, userId, 'granted');
    const ssoToken = await running.sim.mintSsoToken({ tenantId, userId });
    await expect(running.sim.verifyGraphToken(ssoToken)).resolves.toBeUndefined();
    const other = await startEntraSimulator({ clientId, clientSecret });
    try {
      const { body } = await postForm(`/${tenantId}/oauth2/v2.0/token`, oboForm(ssoToken));
      await expect(running.sim.verifyGraphToken(String(body.access_token))).resolves.toEqual({ tenantId, userId });
      await expect(other.sim.verifyGraphToken(String(body.access_token))).resolves.toBeUndefined();
    } finally {
      await other.stop();
    }
  });

  it('rejects Graph tokens without Contacts.Read', async () => {
    const narrow = await startEntraSimulator({ clientId, clientSecret, defaultConsent: 'granted', grantedScopes: ['User.Read', 'offline_access'] });
    try {
      const userId = newUser();
      const form = oboForm(await narrow.sim.mintSsoToken({ tenantId, userId }), { scope: 'https://graph.microsoft.com/User.Read openid' });
      const response = await fetch(`${narrow.url}/${tenantId}/oauth2/v2.0/token`, { method: 'POST', body: new URLSearchParams(form) });
      const body = (await response.json()) as { access_token: string };
      expect(response.status).toBe(200);
      await expect(narrow.sim.verifyGraphToken(body.access_token)).resolves.toBeUndefined();
    } finally {
      await narrow.stop();
    }
  });
});

describe('development controls over HTTP', () => {
  it('mints an SSO token for POST /_sim/sso-token', async () => {
    const userId = newUser();
    const response = await fetch(`${running.url}/_sim/sso-token`, {
      method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ tenantId, userId, roles: ['ContactSync.User'] }),
    });
    const { token } = (await response.json()) as { token: string };
    expect(decodeJwt(token)).toMatchObject({ tid: tenantId, oid: userId, aud: clientId, roles: ['ContactSync.User'] });
  });

  it('sets and reads consent with PUT/GET /_sim/consent/{tenant}/{user}', async () => {
    const userId = newUser();
    const url = `${running.url}/_sim/consent/${tenantId}/${userId}`;
    const put = await fetch(url, { method: 'PUT', body: JSON.stringify({ state: 'granted' }) });
    expect(put.status).toBe(200);
    expect(running.sim.getConsent(tenantId, userId)).toBe('granted');
    expect(await (await fetch(url)).json()).toEqual({ state: 'granted' });
    expect((await fetch(url, { method: 'PUT', body: JSON.stringify({ state: 'maybe' }) })).status).toBe(400);
  });
});
