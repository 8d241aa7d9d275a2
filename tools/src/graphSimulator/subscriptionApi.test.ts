import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { simToken } from './authentication';
import { BEARER, TENANT, USER, useSimulator } from './simTestClient';
import { callJson, inMinutes, subscribe, subscriptionBody } from './subscriptionTestClient';
import { echoValidation, startWebhookReceiver, type WebhookReceiver } from './webhookReceiver';

const fixture = useSimulator();
let receiver: WebhookReceiver;
const VALIDATION_MESSAGE = 'Subscription validation request failed. Notification endpoint must respond with 200 OK to validation request.';

beforeAll(async () => { receiver = await startWebhookReceiver(); });
afterAll(() => receiver.close());
beforeEach(() => {
  receiver.answer = echoValidation;
  receiver.posts.length = 0;
});

const url = (path: string): string => `${fixture.server.baseUrl}${path}`;
const create = (overrides: Record<string, unknown> = {}) => callJson('POST', url('/subscriptions'), subscriptionBody(receiver, overrides));

/** A port nothing listens on. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

describe('POST /subscriptions: the validation handshake', () => {
  it('creates the subscription when the endpoint echoes the token, keeping the URL\'s query', async () => {
    const expiry = inMinutes(90);
    const answer = await create({ notificationUrl: `${receiver.notificationUrl}?tag=a%20b`, expirationDateTime: expiry });
    expect(answer.status).toBe(201);
    const [validation] = receiver.posts;
    expect(receiver.posts).toHaveLength(1);
    expect(validation?.headers['content-type']).toBe('text/plain');
    expect(validation?.body).toBe('');
    expect(validation?.validationToken).toMatch(/^Validation: .+ Request-Id: [0-9a-f-]{36}$/);
    expect(answer.body).toEqual({
      '@odata.context': url('/$metadata#subscriptions/$entity'),
      id: expect.stringMatching(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/),
      resource: 'me/contacts', applicationId: expect.stringMatching(/^[0-9a-f-]{36}$/), changeType: 'created,updated,deleted',
      clientState: 'secret-state', notificationUrl: `${receiver.notificationUrl}?tag=a%20b`, lifecycleNotificationUrl: null,
      expirationDateTime: new Date(expiry).toISOString(), creatorId: USER, includeResourceData: false,
      latestSupportedTlsVersion: 'v1_2', encryptionCertificate: null, encryptionCertificateId: null,
      notificationQueryOptions: null, notificationUrlAppId: null,
    });
    expect(new URLSearchParams(validation?.search).get('tag')).toBe('a b');
    expect(validation?.search).toMatch(/^\?tag=a%20b&validationToken=/);
    expect(fixture.server.sim.subscriptions.list()).toHaveLength(1);
  });

  it('validates a different lifecycle URL too, and reports clientState null when none was given', async () => {
    const answer = await create({ lifecycleNotificationUrl: receiver.lifecycleUrl, clientState: undefined });
    expect(answer.status).toBe(201);
    expect(answer.body).toMatchObject({ lifecycleNotificationUrl: receiver.lifecycleUrl, clientState: null });
    expect(receiver.posts.map((post) => [post.path, post.validationToken !== null])).toEqual([['/notify', true], ['/lifecycle', true]]);
  });

  it.each<[string, () => Promise<Record<string, unknown>>]>([
    ['a wrong echo', () => { receiver.answer = () => ({ status: 200, body: 'not the token' }); return Promise.resolve({}); }],
    ['an echo with a trailing newline', () => { receiver.answer = (post) => ({ status: 200, body: `${post.validationToken ?? ''}\n` }); return Promise.resolve({}); }],
    ['a 500', () => { receiver.answer = (post) => ({ status: 500, body: post.validationToken ?? '' }); return Promise.resolve({}); }],
    ['no server', async () => ({ notificationUrl: `http://127.0.0.1:${await closedPort()}/hook` })],
    ['a failing lifecycle URL', async () => ({ lifecycleNotificationUrl: `http://127.0.0.1:${await closedPort()}/life` })],
  ])('answers 400 ValidationError and creates nothing after %s', async (_name, arrange) => {
    const answer = await create(await arrange());
    expect(answer.status).toBe(400);
    expect(answer.body.error).toEqual({ code: 'ValidationError', message: VALIDATION_MESSAGE, innerError: expect.any(Object) });
    expect(fixture.server.sim.subscriptions.list()).toHaveLength(0);
    expect((await callJson('GET', url('/subscriptions'))).body.value).toEqual([]);
  });
});

describe('POST /subscriptions: the request checks', () => {
  it('caps expirationDateTime at 4230 minutes and wants it in the future', async () => {
    const tooLate = await create({ expirationDateTime: inMinutes(4231) });
    expect(tooLate.status).toBe(400);
    expect(tooLate.body.error.message).toBe('Subscription expiration can only be 4230 minutes in the future.');
    expect((await create({ expirationDateTime: inMinutes(-1) })).status).toBe(400);
    expect((await create({ expirationDateTime: 'soon' })).status).toBe(400);
    expect((await create({ expirationDateTime: inMinutes(4229) })).status).toBe(201);
  });

  it('resolves the resource: folders, case, a leading slash, the caller\'s own user id only', async () => {
    const folder = fixture.mailbox.addFolder('Work');
    expect((await create({ resource: '/Me/Contacts' })).status).toBe(201);
    expect((await create({ resource: `users/${USER}/contacts` })).status).toBe(201);
    expect((await create({ resource: `Users/${USER}/ContactFolders/${encodeURIComponent(folder.id)}/Contacts` })).status).toBe(201);
    expect((await create({ resource: `me/contactFolders/${encodeURIComponent(folder.id)}/contacts` })).status).toBe(201);
    expect(fixture.server.sim.subscriptions.list().map((s) => s.folderId))
      .toEqual([fixture.mailbox.defaultFolderId, fixture.mailbox.defaultFolderId, folder.id, folder.id]);
    const unknown = await create({ resource: 'me/contactFolders/nope/contacts' });
    expect([unknown.status, unknown.body.error.code]).toEqual([404, 'ErrorItemNotFound']);
    expect((await create({ resource: 'users/someone-else/contacts' })).status).toBe(403);
    expect((await create({ resource: 'me/events' })).status).toBe(400);
    expect((await create({ resource: 'me/contactFolders/contacts' })).status).toBe(400);
  });

  it.each<[string, Record<string, unknown>]>([
    ['an unknown changeType', { changeType: 'created,moved' }],
    ['no changeType', { changeType: undefined }],
    ['an http URL on a non-loopback host', { notificationUrl: 'http://example.com/hook' }],
    ['a relative URL', { notificationUrl: '/hook' }],
    ['an http lifecycle URL on a non-loopback host', { lifecycleNotificationUrl: 'http://example.com/life' }],
    ['a clientState of 129 characters', { clientState: 'x'.repeat(129) }],
  ])('answers 400 to %s, before any handshake', async (_name, overrides) => {
    const answer = await create(overrides);
    expect(answer.status).toBe(400);
    expect(answer.body.error.message).not.toBe(VALIDATION_MESSAGE);
    expect(receiver.posts).toHaveLength(0);
  });

  it('refuses a 1001st subscription of a mailbox with 403, before any handshake', async () => {
    const { subscriptions } = fixture.server.sim;
    const fields = {
      mailbox: fixture.mailbox, resource: 'me/contacts', folderId: fixture.mailbox.defaultFolderId, changeTypes: ['created' as const],
      notificationUrl: receiver.notificationUrl, lifecycleNotificationUrl: null, clientState: null, expirationMs: Date.now() + 60_000,
    };
    for (let i = 0; i < 999; i += 1) subscriptions.add(fields);
    expect((await create()).status).toBe(201);
    receiver.posts.length = 0;
    const answer = await create();
    expect(answer.status).toBe(403);
    expect(receiver.posts).toHaveLength(0);
    expect(subscriptions.list(fixture.mailbox)).toHaveLength(1000);
  });

  it('accepts a clientState of 128 characters and http on localhost', async () => {
    const port = new URL(receiver.notificationUrl).port;
    const answer = await create({ clientState: 'x'.repeat(128), notificationUrl: `http://localhost:${port}/notify` });
    expect(answer.status).toBe(201);
  });

  it('needs a bearer, and counts the requests as Graph requests of kind other, faults included', async () => {
    expect((await callJson('GET', url('/subscriptions'), undefined, null)).status).toBe(401);
    fixture.server.sim.resetCounts();
    fixture.server.sim.faults.push({ kind: '503', match: /\/subscriptions/, retryAfterSeconds: 0 });
    expect((await create()).status).toBe(503);
    expect(receiver.posts).toHaveLength(0);
    expect((await create()).status).toBe(201);
    expect(fixture.server.sim.counts).toMatchObject({ total: 2, other: 2, byStatus: { 503: 1, 201: 1 } });
  });
});

describe('the subscription API after creation', () => {
  it('gets, lists, renews, reauthorizes and deletes the caller\'s own subscriptions', async () => {
    const id = await subscribe(fixture.server.baseUrl, receiver);
    const other = await subscribe(fixture.server.baseUrl, receiver, { resource: 'me/contacts', changeType: 'deleted' });
    expect((await callJson('GET', url(`/subscriptions/${id}`))).body).toMatchObject({ id, changeType: 'created,updated,deleted' });
    expect((await callJson('GET', url('/subscriptions'))).body.value.map((s) => s.id)).toEqual([id, other]);
    const renewed = inMinutes(4000);
    const patched = await callJson('PATCH', url(`/subscriptions/${id}`), { expirationDateTime: renewed });
    expect([patched.status, patched.body.expirationDateTime]).toEqual([200, new Date(renewed).toISOString()]);
    expect((await callJson('PATCH', url(`/subscriptions/${id}`), { expirationDateTime: inMinutes(5000) })).status).toBe(400);
    expect(fixture.server.sim.subscriptions.find(id)?.expirationMs).toBe(Date.parse(renewed));
    fixture.server.sim.subscriptions.find(id)!.reauthorizationRequired = true;
    expect((await callJson('POST', url(`/subscriptions/${id}/reauthorize`))).status).toBe(204);
    expect(fixture.server.sim.subscriptions.find(id)?.reauthorizationRequired).toBe(false);
    expect((await callJson('DELETE', url(`/subscriptions/${id}`))).status).toBe(204);
    const gone = await callJson('GET', url(`/subscriptions/${id}`));
    expect([gone.status, gone.body.error.code]).toEqual([404, 'ResourceNotFound']);
    expect((await callJson('DELETE', url(`/subscriptions/${id}`))).status).toBe(404);
    expect((await callJson('GET', url('/subscriptions'))).body.value.map((s) => s.id)).toEqual([other]);
  });

  it('hides another mailbox\'s subscriptions (404) and answers 404 to unknown ids', async () => {
    const id = await subscribe(fixture.server.baseUrl, receiver);
    fixture.server.sim.createMailbox(TENANT, 'user-2');
    const stranger = simToken(TENANT, 'user-2');
    expect((await callJson('GET', url(`/subscriptions/${id}`), undefined, stranger)).status).toBe(404);
    expect((await callJson('DELETE', url(`/subscriptions/${id}`), undefined, stranger)).status).toBe(404);
    expect((await callJson('GET', url('/subscriptions'), undefined, stranger)).body.value).toEqual([]);
    expect((await callJson('POST', url('/subscriptions/00000000-0000-0000-0000-000000000000/reauthorize'))).status).toBe(404);
    expect((await callJson('GET', url(`/subscriptions/${id}`), undefined, BEARER)).status).toBe(200);
  });

  it('forgets an expired subscription (GET 404) and the subscriptions of a re-created mailbox', async () => {
    const id = await subscribe(fixture.server.baseUrl, receiver);
    const admin = fixture.server.baseUrl.replace(/\/v1\.0$/, '/_sim');
    expect((await callJson('PATCH', `${admin}/subscriptions/${id}`, { expirationDateTime: inMinutes(-1) })).status).toBe(200);
    expect((await callJson('GET', url(`/subscriptions/${id}`))).status).toBe(404);
    expect((await callJson('GET', url('/subscriptions'))).body.value).toEqual([]);
    await subscribe(fixture.server.baseUrl, receiver);
    expect(fixture.server.sim.subscriptions.list()).toHaveLength(1);
    fixture.server.sim.createMailbox(TENANT, USER);
    expect(fixture.server.sim.subscriptions.list()).toHaveLength(0);
  });

  it('answers 405 to other methods', async () => {
    expect((await callJson('PUT', url('/subscriptions'), {})).status).toBe(405);
    expect((await callJson('PUT', url('/me/contactFolders'), {})).status).toBe(405);
  });
});
