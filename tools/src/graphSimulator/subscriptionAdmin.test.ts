import { simToken } from './authentication';
import { TENANT, USER, useSimulator } from './simTestClient';
import { startGraphSimulator } from './simulatorServer';
import { callJson, inMinutes, subscribe } from './subscriptionTestClient';
import { echoValidation, useWebhookReceiver } from './webhookReceiver';

const fixture = useSimulator((sim) => {
  sim.setKnobs({ notificationRetryDelayMs: 10, notificationRetries: 1 });
  sim.notifications.resetCounts();
});
const webhook = useWebhookReceiver();

const admin = (path: string): string => fixture.server.baseUrl.replace(/\/v1\.0$/, `/_sim${path}`);
const withLifecycle = () => subscribe(fixture.server.baseUrl, webhook.receiver, { lifecycleNotificationUrl: webhook.receiver.lifecycleUrl, clientState: 'st' });

describe('subscription admin routes', () => {
  it('posts reauthorizationRequired and flags the subscription until it is reauthorized', async () => {
    const id = await withLifecycle();
    const answer = await callJson('POST', admin(`/subscriptions/${id}/lifecycle`), { lifecycleEvent: 'reauthorizationRequired' });
    expect(answer.status).toBe(202);
    await fixture.server.sim.notifications.whenIdle();
    expect(webhook.receiver.lifecycleEvents()).toEqual([expect.objectContaining({ subscriptionId: id, clientState: 'st', lifecycleEvent: 'reauthorizationRequired', tenantId: TENANT })]);
    expect((await callJson('GET', admin('/subscriptions'))).body.value).toEqual([expect.objectContaining({ id, reauthorizationRequired: true })]);
    expect((await callJson('POST', `${fixture.server.baseUrl}/subscriptions/${id}/reauthorize`)).status).toBe(204);
    expect((await callJson('GET', admin('/subscriptions'))).body.value).toEqual([expect.objectContaining({ id, reauthorizationRequired: false })]);
  });

  it('posts subscriptionRemoved and deletes the subscription', async () => {
    const id = await withLifecycle();
    expect((await callJson('POST', admin(`/subscriptions/${id}/lifecycle`), { lifecycleEvent: 'subscriptionRemoved' })).status).toBe(202);
    await fixture.server.sim.notifications.whenIdle();
    expect(webhook.receiver.lifecycleEvents().map((item) => item.lifecycleEvent)).toEqual(['subscriptionRemoved']);
    expect((await callJson('GET', `${fixture.server.baseUrl}/subscriptions/${id}`)).status).toBe(404);
    fixture.mailbox.addContact(fixture.mailbox.defaultFolderId, { givenName: 'After' });
    await fixture.server.sim.notifications.whenIdle();
    expect(webhook.receiver.deliveries()).toHaveLength(0);
  });

  it('refuses an unknown id (404), a bad event or a subscription without a lifecycle URL (400)', async () => {
    const plain = await subscribe(fixture.server.baseUrl, webhook.receiver);
    const id = await withLifecycle();
    expect((await callJson('POST', admin('/subscriptions/nope/lifecycle'), { lifecycleEvent: 'missed' })).status).toBe(404);
    expect((await callJson('POST', admin(`/subscriptions/${id}/lifecycle`), { lifecycleEvent: 'bored' })).status).toBe(400);
    expect((await callJson('POST', admin(`/subscriptions/${id}/lifecycle`))).status).toBe(400);
    expect((await callJson('POST', admin(`/subscriptions/${plain}/lifecycle`), { lifecycleEvent: 'missed' })).status).toBe(400);
    expect((await callJson('PATCH', admin(`/subscriptions/${id}`), { expirationDateTime: 'never' })).status).toBe(400);
    expect((await callJson('PATCH', admin('/subscriptions/nope'), { expirationDateTime: inMinutes(1) })).status).toBe(404);
    await fixture.server.sim.notifications.whenIdle();
    expect(webhook.receiver.lifecycleEvents()).toEqual([]);
  });

  it('lists every mailbox\'s subscriptions with their counts, reports totals, and clears them all', async () => {
    const mine = await subscribe(fixture.server.baseUrl, webhook.receiver);
    fixture.server.sim.createMailbox(TENANT, 'user-2');
    const theirs = (await callJson('POST', `${fixture.server.baseUrl}/subscriptions`, {
      changeType: 'created', notificationUrl: webhook.receiver.notificationUrl, resource: 'me/contacts', expirationDateTime: inMinutes(30),
    }, simToken(TENANT, 'user-2'))).body.id;
    fixture.mailbox.addContact(fixture.mailbox.defaultFolderId, { givenName: 'Counted' });
    await fixture.server.sim.notifications.whenIdle();
    const listed = (await callJson('GET', admin('/subscriptions'))).body.value;
    expect(listed).toEqual([
      expect.objectContaining({ id: mine, userId: USER, tenantId: TENANT, resource: 'me/contacts', clientState: 'secret-state', counts: expect.objectContaining({ queued: 1, delivered: 1 }) }),
      expect.objectContaining({ id: theirs, userId: 'user-2', clientState: null, counts: expect.objectContaining({ queued: 0, delivered: 0 }) }),
    ]);
    expect((await callJson('GET', admin('/notifications'))).body).toEqual({ queued: 1, delivered: 1, failedAttempts: 0, discarded: 0, dropped: 0, lifecycleSent: 0 });
    expect((await callJson('DELETE', admin('/subscriptions'))).status).toBe(200);
    expect((await callJson('GET', admin('/subscriptions'))).body.value).toEqual([]);
    expect((await callJson('GET', `${fixture.server.baseUrl}/subscriptions/${mine}`)).status).toBe(404);
  });

  it('takes a knob change over PUT /_sim/knobs and refuses a bad one', async () => {
    expect((await callJson('PUT', admin('/knobs'), { dropNotificationRate: 0.5, notificationDelayMs: 5 })).body).toMatchObject({ dropNotificationRate: 0.5, notificationDelayMs: 5 });
    expect((await callJson('PUT', admin('/knobs'), { dropNotificationRate: 1.5 })).status).toBe(400);
    expect((await callJson('PUT', admin('/knobs'), { notificationRetries: 11 })).status).toBe(400);
    await callJson('PUT', admin('/knobs'), { dropNotificationRate: 0, notificationDelayMs: 20 });
  });
});

describe('stopping the server', () => {
  it('cancels a pending retry and its POSTs so nothing keeps the process alive', async () => {
    const server = await startGraphSimulator({ knobs: { notificationRetries: 5, notificationRetryDelayMs: 60_000 } });
    webhook.receiver.answer = (post) => (post.validationToken !== null ? echoValidation(post) : { status: 503 });
    const mailbox = server.sim.createMailbox(TENANT, USER);
    await subscribe(server.baseUrl, webhook.receiver, { lifecycleNotificationUrl: webhook.receiver.lifecycleUrl });
    mailbox.addContact(mailbox.defaultFolderId, { givenName: 'Stuck' });
    mailbox.addContact(mailbox.defaultFolderId, { givenName: 'Stuck too' });
    while (server.sim.notifications.counts.failedAttempts === 0) await new Promise((resolve) => setTimeout(resolve, 5));
    mailbox.addContact(mailbox.defaultFolderId, { givenName: 'Still in its window' });
    const started = Date.now();
    await server.stop();
    await server.sim.notifications.whenIdle();
    expect(Date.now() - started).toBeLessThan(1000);
    expect(server.sim.notifications.counts).toMatchObject({ queued: 3, delivered: 0, failedAttempts: 1, discarded: 3, lifecycleSent: 0 });
    expect(webhook.receiver.lifecycleEvents()).toEqual([]);
  });
});
