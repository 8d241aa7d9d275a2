import { USER, useSimulator } from './simTestClient';
import { callJson, inMinutes, subscribe } from './subscriptionTestClient';
import { echoValidation, useWebhookReceiver } from './webhookReceiver';

// Fast retries so a failing endpoint is given up on in well under a second.
const fixture = useSimulator((sim) => {
  sim.setKnobs({ notificationRetryDelayMs: 10, notificationRetries: 3, dropNotificationRate: 0, notificationDelayMs: 20 });
  sim.notifications.resetCounts();
});
const webhook = useWebhookReceiver();
afterEach(() => fixture.server.sim.notifications.whenIdle());

const sim = () => fixture.server.sim;
const hook = (path: string): string => webhook.receiver.notificationUrl.replace(/\/notify$/, path);
const subscribeAt = (path: string, overrides: Record<string, unknown> = {}) =>
  subscribe(fixture.server.baseUrl, webhook.receiver, { notificationUrl: hook(path), ...overrides });
const summary = (path: string) => webhook.receiver.notifications(path).map((item) => [item.changeType, item.resourceData.id]);

describe('change notifications', () => {
  it('reports an add, an update and a delete in Graph\'s changeNotification shape', async () => {
    const id = await subscribeAt('/all', { clientState: 'abc' });
    const contact = fixture.mailbox.addContact(fixture.mailbox.defaultFolderId, { givenName: 'Ann' });
    await sim().notifications.whenIdle();
    const updated = fixture.mailbox.updateContact(contact.id, { surname: 'Lee' });
    fixture.mailbox.deleteContact(contact.id);
    await sim().notifications.whenIdle();
    const [post] = webhook.receiver.deliveries('/all');
    expect(post?.headers['content-type']).toBe('application/json');
    const [created, ...rest] = webhook.receiver.notifications('/all');
    const resource = `Users/${USER}/Contacts/${contact.id}`;
    expect(created).toEqual({
      subscriptionId: id, subscriptionExpirationDateTime: sim().subscriptions.find(id) && new Date(sim().subscriptions.find(id)?.expirationMs ?? 0).toISOString(),
      changeType: 'created', clientState: 'abc', resource, tenantId: fixture.mailbox.tenantId,
      resourceData: { '@odata.type': '#Microsoft.Graph.Contact', '@odata.id': resource, '@odata.etag': `W/"${contact.changeKey}"`, id: contact.id },
    });
    expect(rest.map((item) => [item.changeType, item.resourceData['@odata.etag']])).toEqual([
      ['updated', `W/"${updated.changeKey}"`], ['deleted', `W/"${updated.changeKey}"`],
    ]);
    expect(sim().notifications.counts).toMatchObject({ queued: 3, delivered: 3, failedAttempts: 0, discarded: 0, dropped: 0 });
  });

  it('goes only to subscriptions on the change\'s folder and change type; me/contacts is the default folder only', async () => {
    const work = fixture.mailbox.addFolder('Work');
    const nested = fixture.mailbox.addFolder('Nested', work.id);
    await subscribeAt('/default');
    await subscribeAt('/created-only', { changeType: 'created' });
    await subscribeAt('/work', { resource: `me/contactFolders/${encodeURIComponent(work.id)}/contacts` });
    const inDefault = fixture.mailbox.addContact(fixture.mailbox.defaultFolderId, { givenName: 'A' });
    const inNested = fixture.mailbox.addContact(nested.id, { givenName: 'B' });
    fixture.mailbox.updateContact(inDefault.id, { surname: 'X' });
    const inWork = fixture.mailbox.addContact(work.id, { givenName: 'C' });
    await sim().notifications.whenIdle();
    expect(summary('/default')).toEqual([['created', inDefault.id], ['updated', inDefault.id]]);
    expect(summary('/created-only')).toEqual([['created', inDefault.id]]);
    expect(summary('/work')).toEqual([['created', inWork.id]]);
    expect(JSON.stringify(webhook.receiver.posts)).not.toContain(inNested.id);
  });

  it('reports a move as deleted in the old folder and created in the new, and a folder deletion as deleted', async () => {
    const work = fixture.mailbox.addFolder('Work');
    const contact = fixture.mailbox.addContact(fixture.mailbox.defaultFolderId, { givenName: 'Mover' });
    const stays = fixture.mailbox.addContact(work.id, { givenName: 'Stays' });
    await subscribeAt('/default');
    await subscribeAt('/work', { resource: `me/contactFolders/${encodeURIComponent(work.id)}/contacts` });
    fixture.mailbox.moveContact(contact.id, work.id);
    await sim().notifications.whenIdle();
    expect(summary('/default')).toEqual([['deleted', contact.id]]);
    expect(summary('/work')).toEqual([['created', contact.id]]);
    fixture.mailbox.deleteFolder(work.id);
    await sim().notifications.whenIdle();
    expect(summary('/work').slice(1).sort()).toEqual([['deleted', contact.id], ['deleted', stays.id]].sort());
  });

  it('batches a burst of 50 updates into few POSTs', async () => {
    const contact = fixture.mailbox.addContact(fixture.mailbox.defaultFolderId, { givenName: 'Busy' });
    await subscribeAt('/burst');
    for (let i = 0; i < 50; i += 1) fixture.mailbox.updateContact(contact.id, { jobTitle: `v${i}` });
    await sim().notifications.whenIdle();
    expect(webhook.receiver.deliveries('/burst').length).toBeLessThanOrEqual(2);
    expect(webhook.receiver.notifications('/burst')).toHaveLength(50);
    expect(new Set(webhook.receiver.notifications('/burst').map((item) => item.changeType))).toEqual(new Set(['updated']));
  });

  it('puts at most 100 items in one POST', async () => {
    await subscribeAt('/many');
    for (let i = 0; i < 250; i += 1) fixture.mailbox.addContact(fixture.mailbox.defaultFolderId, { givenName: `N${i}` });
    await sim().notifications.whenIdle();
    const sizes = webhook.receiver.deliveries('/many').map((post) => (JSON.parse(post.body) as { value: unknown[] }).value.length);
    expect(sizes).toEqual([100, 100, 50]);
  });

  it('retries a failing endpoint, then discards the items and posts missed to the lifecycle URL', async () => {
    webhook.receiver.answer = (post) => (post.validationToken !== null ? echoValidation(post) : post.path === '/failing' ? { status: 500 } : { status: 202 });
    const id = await subscribeAt('/failing', { lifecycleNotificationUrl: webhook.receiver.lifecycleUrl, clientState: 'cs' });
    fixture.mailbox.addContact(fixture.mailbox.defaultFolderId, { givenName: 'Lost' });
    await sim().notifications.whenIdle();
    expect(webhook.receiver.deliveries('/failing')).toHaveLength(4);
    expect(sim().notifications.counts).toMatchObject({ queued: 1, delivered: 0, failedAttempts: 4, discarded: 1, lifecycleSent: 1 });
    expect(webhook.receiver.lifecycleEvents()).toEqual([{
      subscriptionId: id, subscriptionExpirationDateTime: expect.any(String), tenantId: fixture.mailbox.tenantId, clientState: 'cs', lifecycleEvent: 'missed',
    }]);
  });

  it('counts an answer later than 3 s as a failure', async () => {
    sim().setKnobs({ notificationRetries: 0 });
    webhook.receiver.answer = (post) => (post.validationToken !== null ? echoValidation(post) : { status: 202, delayMs: 3500 });
    await subscribeAt('/slow');
    fixture.mailbox.addContact(fixture.mailbox.defaultFolderId, { givenName: 'Slow' });
    await sim().notifications.whenIdle();
    expect(sim().notifications.counts).toMatchObject({ delivered: 0, failedAttempts: 1, discarded: 1, lifecycleSent: 0 });
  });

  it('sends nothing with dropNotificationRate 1', async () => {
    sim().setKnobs({ dropNotificationRate: 1 });
    await subscribeAt('/dropped');
    fixture.mailbox.addContact(fixture.mailbox.defaultFolderId, { givenName: 'Ghost' });
    fixture.mailbox.addContact(fixture.mailbox.defaultFolderId, { givenName: 'Ghost 2' });
    await sim().notifications.whenIdle();
    await new Promise((resolve) => setTimeout(resolve, 60));
    expect(webhook.receiver.deliveries('/dropped')).toHaveLength(0);
    expect(sim().notifications.counts).toMatchObject({ queued: 0, delivered: 0, dropped: 2 });
  });

  it('sends nothing for an expired subscription, which GET answers 404', async () => {
    const id = await subscribeAt('/expired');
    const admin = fixture.server.baseUrl.replace(/\/v1\.0$/, '/_sim');
    await callJson('PATCH', `${admin}/subscriptions/${id}`, { expirationDateTime: inMinutes(-0.01) });
    fixture.mailbox.addContact(fixture.mailbox.defaultFolderId, { givenName: 'Late' });
    await sim().notifications.whenIdle();
    expect(webhook.receiver.deliveries('/expired')).toHaveLength(0);
    expect((await callJson('GET', `${fixture.server.baseUrl}/subscriptions/${id}`)).status).toBe(404);
  });
});
