import { type AdminAnswer, AdminError } from './adminError';
import type { GraphSimulator } from './graphSimulator';
import { subscriptionJson } from './subscriptionEndpoints';
import type { LifecycleEvent, SimSubscription } from './subscriptionStore';

type Handler = (sim: GraphSimulator, params: string[], body: unknown) => AdminAnswer;

const LIFECYCLE_EVENTS: readonly LifecycleEvent[] = ['reauthorizationRequired', 'subscriptionRemoved', 'missed'];

/** The `/_sim` routes of subscriptions and notification delivery (merged into the admin router's table). */
export const SUBSCRIPTION_ADMIN_ROUTES: Array<[string, string, Handler]> = [
  ['GET', 'subscriptions', (sim) => ({ status: 200, body: { value: sim.subscriptions.list().map(adminJson) } })],
  ['DELETE', 'subscriptions', (sim) => { sim.subscriptions.clear(); return { status: 200, body: { value: [] } }; }],
  ['PATCH', 'subscriptions/*', (sim, [id], body) => ({ status: 200, body: adminJson(setExpiration(existing(sim, id), body)) })],
  ['POST', 'subscriptions/*/lifecycle', (sim, [id], body) => lifecycle(sim, existing(sim, id), body)],
  ['GET', 'notifications', (sim) => ({ status: 200, body: sim.notifications.counts })],
];

/** A subscription as the admin API lists it: Graph's JSON plus its mailbox, flags and delivery counts. */
function adminJson(subscription: SimSubscription): object {
  return {
    ...subscriptionJson(subscription),
    tenantId: subscription.mailbox.tenantId,
    userId: subscription.mailbox.userId,
    folderId: subscription.folderId,
    reauthorizationRequired: subscription.reauthorizationRequired,
    counts: { ...subscription.counts },
  };
}

/** Any time, past included: a test makes a subscription expire without waiting. */
function setExpiration(subscription: SimSubscription, body: unknown): SimSubscription {
  const raw = objectBody(body).expirationDateTime;
  const ms = typeof raw === 'string' ? Date.parse(raw) : Number.NaN;
  if (Number.isNaN(ms)) throw new RangeError('"expirationDateTime" must be an ISO 8601 date and time');
  subscription.expirationMs = ms;
  return subscription;
}

/** Posts a lifecycle event as Graph would; `subscriptionRemoved` also deletes the subscription, as Graph has. */
function lifecycle(sim: GraphSimulator, subscription: SimSubscription, body: unknown): AdminAnswer {
  const event = objectBody(body).lifecycleEvent as LifecycleEvent;
  if (!LIFECYCLE_EVENTS.includes(event)) throw new RangeError(`"lifecycleEvent" must be one of ${LIFECYCLE_EVENTS.join(', ')}`);
  if (!subscription.lifecycleNotificationUrl) throw new RangeError(`subscription ${subscription.id} has no lifecycleNotificationUrl`);
  if (event === 'reauthorizationRequired') subscription.reauthorizationRequired = true;
  if (event === 'subscriptionRemoved') sim.subscriptions.delete(subscription.id);
  sim.notifications.sendLifecycle(subscription, event);
  return { status: 202, body: { subscriptionId: subscription.id, lifecycleEvent: event } };
}

function existing(sim: GraphSimulator, id = ''): SimSubscription {
  const subscription = sim.subscriptions.find(id);
  if (!subscription) throw new AdminError(404, `no live subscription ${JSON.stringify(id)}`);
  return subscription;
}

function objectBody(body: unknown): Record<string, unknown> {
  if (body === null || typeof body !== 'object' || Array.isArray(body)) throw new RangeError('the request body must be a JSON object');
  return body as Record<string, unknown>;
}
