import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { decodeJwt } from 'jose';
import { startEntraSimulator, type RunningEntraSimulator } from './index';

const clientId = randomUUID();
const clientSecret = 'sim-secret-value';
const tenantId = randomUUID();
const SPA_ORIGIN = 'https://tab.contoso.example';
const REDIRECT_URI = `${SPA_ORIGIN}/teams-outlook-login`;
const GRAPH_SCOPE = 'https://graph.microsoft.com/Contacts.Read offline_access';

let running: RunningEntraSimulator;

beforeAll(async () => {
  running = await startEntraSimulator({ clientId, clientSecret, consentPropagationMs: 0 });
});

afterAll(async () => {
  await running.stop();
});

afterEach(() => {
  running.sim.consentPromptMode = 'page';
});

interface Pkce { verifier: string; challenge: string }

function pkce(): Pkce {
  const verifier = randomBytes(32).toString('base64url');
  return { verifier, challenge: createHash('sha256').update(verifier).digest('base64url') };
}

/** A new user the tab has an SSO token for (so the simulator knows their UPN, the page's login_hint). */
async function newUser(): Promise<{ userId: string; upn: string; ssoToken: string }> {
  const userId = randomUUID();
  const upn = `u${userId.slice(0, 6)}@contoso.example`;
  return { userId, upn, ssoToken: await running.sim.mintSsoToken({ tenantId, userId, upn }) };
}

/** What msal-browser's acquireTokenRedirect sends (response_mode fragment, PKCE S256). */
function authorizeUrl(loginHint: string, challenge: string, overrides: Record<string, string> = {}): string {
  const params = new URLSearchParams({
    client_id: clientId, scope: 'Contacts.Read offline_access openid profile', redirect_uri: REDIRECT_URI,
    response_type: 'code', response_mode: 'fragment', state: 'state-123', nonce: 'n-1', prompt: 'consent',
    login_hint: loginHint, code_challenge: challenge, code_challenge_method: 'S256', client_info: '1', ...overrides,
  });
  return `${running.url}/${tenantId}/oauth2/v2.0/authorize?${params.toString()}`;
}

async function clickOnConsentPage(url: string, decision: 'accept' | 'cancel'): Promise<URL> {
  const page = await fetch(url, { redirect: 'manual' });
  expect(page.status).toBe(200);
  const html = await page.text();
  expect(html).toContain('>Accept</button>');
  expect(html).toContain('>Cancel</button>');
  const action = /action="([^"]+)"/.exec(html)?.[1] ?? '';
  const request = /name="request" value="([^"]+)"/.exec(html)?.[1] ?? '';
  const answer = await fetch(`${running.url}${action}`, {
    method: 'POST', redirect: 'manual',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ request, decision }).toString(),
  });
  expect(answer.status).toBe(302);
  return new URL(answer.headers.get('location') ?? '');
}

async function redeem(fields: Record<string, string>): Promise<{ status: number; body: Record<string, unknown>; cors: string | null }> {
  const response = await fetch(`${running.url}/${tenantId}/oauth2/v2.0/token`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded;charset=utf-8', Origin: SPA_ORIGIN },
    body: new URLSearchParams({
      client_id: clientId, grant_type: 'authorization_code', redirect_uri: REDIRECT_URI,
      scope: 'Contacts.Read offline_access openid profile', client_info: '1', ...fields,
    }).toString(),
  });
  return { status: response.status, body: (await response.json()) as Record<string, unknown>, cors: response.headers.get('access-control-allow-origin') };
}

async function onBehalfOf(ssoToken: string): Promise<{ status: number; body: Record<string, unknown> }> {
  const response = await fetch(`${running.url}/${tenantId}/oauth2/v2.0/token`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({
      client_id: clientId, client_secret: clientSecret, scope: GRAPH_SCOPE, assertion: ssoToken,
      grant_type: 'urn:ietf:params:oauth:grant-type:jwt-bearer', requested_token_use: 'on_behalf_of',
    }).toString(),
  });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

function answerOf(location: URL): URLSearchParams {
  return new URLSearchParams(location.hash.slice(1) || location.search.slice(1));
}

describe('authorization code flow with PKCE (the consent popup)', () => {
  it('publishes the authorize endpoint in the OpenID configuration', async () => {
    const config = (await (await fetch(`${running.url}/${tenantId}/v2.0/.well-known/openid-configuration`)).json()) as Record<string, string>;
    const page = await fetch(`${config.authorization_endpoint ?? ''}?${new URL(authorizeUrl('x', 'y')).searchParams.toString()}`, { redirect: 'manual' });
    expect(page.status).not.toBe(404);
  });

  it('Accept records consent, redirects with code and state in the fragment, and the next on-behalf-of succeeds', async () => {
    const user = await newUser();
    expect((await onBehalfOf(user.ssoToken)).body.suberror).toBe('consent_required');
    const { verifier, challenge } = pkce();
    const location = await clickOnConsentPage(authorizeUrl(user.upn, challenge), 'accept');
    expect(`${location.origin}${location.pathname}`).toBe(REDIRECT_URI);
    expect(location.search).toBe('');
    const answer = answerOf(location);
    expect(answer.get('state')).toBe('state-123');
    expect(answer.get('code')).toEqual(expect.any(String));
    expect(running.sim.getConsent(tenantId, user.userId)).toBe('granted');
    expect((await onBehalfOf(user.ssoToken)).status).toBe(200);

    const { status, body, cors } = await redeem({ code: answer.get('code') ?? '', code_verifier: verifier });
    expect(status).toBe(200);
    expect(cors).toBe(SPA_ORIGIN);
    expect(Object.keys(body).sort()).toEqual(
      ['access_token', 'client_info', 'expires_in', 'ext_expires_in', 'id_token', 'refresh_token', 'scope', 'token_type']);
    expect(decodeJwt(String(body.id_token))).toMatchObject({ aud: clientId, oid: user.userId, tid: tenantId, preferred_username: user.upn, nonce: 'n-1' });
    expect(await running.sim.verifyGraphToken(String(body.access_token))).toMatchObject({ userId: user.userId, tenantId });
  });

  it('Cancel redirects with error=access_denied (query response mode) and records no consent', async () => {
    const user = await newUser();
    const location = await clickOnConsentPage(authorizeUrl(user.upn, pkce().challenge, { response_mode: 'query' }), 'cancel');
    expect(location.hash).toBe('');
    const answer = answerOf(location);
    expect(answer.get('error')).toBe('access_denied');
    expect(answer.get('error_description')).toMatch(/^AADSTS65004/);
    expect(answer.get('state')).toBe('state-123');
    expect(answer.has('code')).toBe(false);
    expect(running.sim.getConsent(tenantId, user.userId)).toBe('missing');
  });

  it('refuses a code with the wrong verifier, a used code, and another redirect URI', async () => {
    const user = await newUser();
    running.sim.consentPromptMode = 'accept';
    const first = pkce();
    const code = (url: string): Promise<string> =>
      fetch(url, { redirect: 'manual' }).then((r) => answerOf(new URL(r.headers.get('location') ?? '')).get('code') ?? '');
    const wrongVerifier = await redeem({ code: await code(authorizeUrl(user.upn, first.challenge)), code_verifier: pkce().verifier });
    expect(wrongVerifier.body).toMatchObject({ error: 'invalid_grant', error_codes: [501481] });
    const once = await code(authorizeUrl(user.upn, first.challenge));
    expect((await redeem({ code: once, code_verifier: first.verifier })).status).toBe(200);
    expect((await redeem({ code: once, code_verifier: first.verifier })).body).toMatchObject({ error: 'invalid_grant', error_codes: [70008] });
    const otherRedirect = await redeem({
      code: await code(authorizeUrl(user.upn, first.challenge)), code_verifier: first.verifier, redirect_uri: `${SPA_ORIGIN}/elsewhere`,
    });
    expect(otherRedirect.body).toMatchObject({ error: 'invalid_grant', error_codes: [50148] });
  });

  it.each([
    ['no PKCE challenge', { code_challenge: '' }, 'invalid_request'],
    ['an implicit-flow response type', { response_type: 'token' }, 'unsupported_response_type'],
    ['a login hint of nobody', { login_hint: 'nobody@elsewhere.example' }, 'login_required'],
  ])('redirects back with an error for %s', async (_case, overrides, error) => {
    const user = await newUser();
    const response = await fetch(authorizeUrl(user.upn, pkce().challenge, overrides), { redirect: 'manual' });
    expect(response.status).toBe(302);
    expect(answerOf(new URL(response.headers.get('location') ?? '')).get('error')).toBe(error);
  });

  it('shows an error page, without redirecting, for an unknown client', async () => {
    const response = await fetch(authorizeUrl('x', pkce().challenge, { client_id: randomUUID() }), { redirect: 'manual' });
    expect(response.status).toBe(400);
    expect(response.headers.get('location')).toBeNull();
    expect(await response.text()).toContain('AADSTS700016');
  });

  it('finds a user it has not seen by {oid}@{tenant}, and the consent-prompt control answers for them', async () => {
    const userId = randomUUID();
    const control = await fetch(`${running.url}/_sim/consent-prompt`, { method: 'PUT', body: JSON.stringify({ mode: 'accept' }) });
    expect(control.status).toBe(200);
    const response = await fetch(authorizeUrl(`${userId}@${tenantId}`, pkce().challenge), { redirect: 'manual' });
    expect(answerOf(new URL(response.headers.get('location') ?? '')).get('code')).toEqual(expect.any(String));
    expect(running.sim.getConsent(tenantId, userId)).toBe('granted');
  });

  it('at the organizations authority, finds the user in their home tenant and redeems the code there', async () => {
    const user = await newUser();
    running.sim.consentPromptMode = 'accept';
    const { verifier, challenge } = pkce();
    const url = authorizeUrl(user.upn, challenge).replace(`/${tenantId}/`, '/organizations/');
    const response = await fetch(url, { redirect: 'manual' });
    const code = answerOf(new URL(response.headers.get('location') ?? '')).get('code') ?? '';
    expect(running.sim.getConsent(tenantId, user.userId)).toBe('granted');
    const token = await fetch(`${running.url}/organizations/oauth2/v2.0/token`, {
      method: 'POST', headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({
        client_id: clientId, grant_type: 'authorization_code', redirect_uri: REDIRECT_URI, code, code_verifier: verifier, scope: 'Contacts.Read openid',
      }).toString(),
    });
    expect(token.status).toBe(200);
    expect(decodeJwt(String(((await token.json()) as Record<string, unknown>).id_token))).toMatchObject({ tid: tenantId, oid: user.userId });
  });

  it('answers a CORS preflight from the single-page app', async () => {
    const response = await fetch(`${running.url}/${tenantId}/oauth2/v2.0/token`, {
      method: 'OPTIONS', headers: { Origin: SPA_ORIGIN, 'Access-Control-Request-Method': 'POST', 'Access-Control-Request-Headers': 'content-type' },
    });
    expect(response.status).toBe(204);
    expect(response.headers.get('access-control-allow-origin')).toBe(SPA_ORIGIN);
    expect(response.headers.get('access-control-allow-headers')).toBe('content-type');
  });
});
