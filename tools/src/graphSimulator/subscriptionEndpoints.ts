import type { GraphSimulator } from './graphSimulator';
import type { SimResponse } from './graphContext';
import { GraphHttpError, badRequest } from './graphErrors';
import type { Mailbox } from './mailbox';
import { asObject, parseExpiration, parseSubscriptionRequest } from './subscriptionRequest';
import { MAX_SUBSCRIPTIONS_PER_MAILBOX, type SimSubscription } from './subscriptionStore';
import { validateEndpoint } from './validationHandshake';

/** The `applicationId` every simulated subscription reports (the simulator has no app registrations). */
export const SIM_APPLICATION_ID = '5c0a5b7e-6d1f-4f3a-9a43-2f1de0c0ffee';

/** What a `/v1.0/subscriptions…` request needs: the caller's mailbox, the method and the parsed body. */
export interface SubscriptionRequestContext {
  sim: Pick<GraphSimulator, 'subscriptions' | 'notifications'>;
  mailbox: Mailbox;
  method: string;
  body: unknown;
  /** `http://host:port/v1.0`, for `@odata.context`. */
  baseUrl: string;
}

/** Whether a `/v1.0` path (segments after `/v1.0`) is the subscription API. */
export function isSubscriptionPath(segments: readonly string[]): boolean {
  return segments[0]?.toLowerCase() === 'subscriptions';
}

/**
 * `POST`/`GET /subscriptions`, `GET`/`PATCH`/`DELETE /subscriptions/{id}`, `POST /subscriptions/{id}/reauthorize`.
 * Only the caller's own, live subscriptions exist for it: another mailbox's or an expired one is 404.
 */
export async function routeSubscriptionRequest(ctx: SubscriptionRequestContext, segments: readonly string[]): Promise<SimResponse> {
  const { method } = ctx;
  if (segments.length === 1) {
    if (method === 'POST') return createSubscription(ctx);
    if (method === 'GET') return listSubscriptions(ctx);
    throw notSupported(method);
  }
  const subscription = (operation: string): SimSubscription => own(ctx, segments[1] ?? '', operation);
  if (segments.length === 2) {
    if (method === 'GET') return { status: 200, body: entity(ctx, subscription('Read')) };
    if (method === 'PATCH') return updateSubscription(ctx, subscription('Update'));
    if (method === 'DELETE') {
      ctx.sim.subscriptions.delete(subscription('Delete').id);
      return { status: 204, body: undefined };
    }
    throw notSupported(method);
  }
  if (segments.length === 3 && segments[2]?.toLowerCase() === 'reauthorize') {
    if (method !== 'POST') throw notSupported(method);
    subscription('Reauthorize').reauthorizationRequired = false;
    return { status: 204, body: undefined };
  }
  throw badRequest(`Resource not found for the segment '${segments[2] ?? ''}'.`);
}

/** A subscription as Graph returns it (without `@odata.context`). */
export function subscriptionJson(subscription: SimSubscription): Record<string, unknown> {
  return {
    id: subscription.id,
    resource: subscription.resource,
    applicationId: SIM_APPLICATION_ID,
    changeType: subscription.changeTypes.join(','),
    clientState: subscription.clientState,
    notificationUrl: subscription.notificationUrl,
    notificationQueryOptions: null,
    lifecycleNotificationUrl: subscription.lifecycleNotificationUrl,
    expirationDateTime: new Date(subscription.expirationMs).toISOString(),
    creatorId: subscription.mailbox.userId,
    includeResourceData: false,
    latestSupportedTlsVersion: 'v1_2',
    encryptionCertificate: null,
    encryptionCertificateId: null,
    notificationUrlAppId: null,
  };
}

async function createSubscription(ctx: SubscriptionRequestContext): Promise<SimResponse> {
  const { subscriptions, notifications } = ctx.sim;
  const request = parseSubscriptionRequest(ctx.body, ctx.mailbox);
  if (subscriptions.list(ctx.mailbox).length >= MAX_SUBSCRIPTIONS_PER_MAILBOX) {
    throw new GraphHttpError(403, 'ExtensionError', `Operation: Create; Exception: [Status Code: Forbidden; Reason: The mailbox has reached its limit of ${MAX_SUBSCRIPTIONS_PER_MAILBOX} subscriptions.]`);
  }
  await validateEndpoint(request.notificationUrl, notifications.signal);
  const { lifecycleNotificationUrl } = request;
  if (lifecycleNotificationUrl && lifecycleNotificationUrl !== request.notificationUrl) {
    await validateEndpoint(lifecycleNotificationUrl, notifications.signal);
  }
  const { folderId, changeTypes, notificationUrl, resource, expirationMs, clientState } = request;
  const created = subscriptions.add({
    mailbox: ctx.mailbox, folderId, changeTypes, notificationUrl, lifecycleNotificationUrl, resource, expirationMs, clientState,
  });
  return { status: 201, body: entity(ctx, created) };
}

function listSubscriptions(ctx: SubscriptionRequestContext): SimResponse {
  const value = ctx.sim.subscriptions.list(ctx.mailbox).map(subscriptionJson);
  return { status: 200, body: { '@odata.context': `${ctx.baseUrl}/$metadata#subscriptions`, value } };
}

function updateSubscription(ctx: SubscriptionRequestContext, subscription: SimSubscription): SimResponse {
  subscription.expirationMs = parseExpiration(asObject(ctx.body).expirationDateTime);
  subscription.reauthorizationRequired = false;
  return { status: 200, body: entity(ctx, subscription) };
}

function entity(ctx: SubscriptionRequestContext, subscription: SimSubscription): object {
  return { '@odata.context': `${ctx.baseUrl}/$metadata#subscriptions/$entity`, ...subscriptionJson(subscription) };
}

function own(ctx: SubscriptionRequestContext, rawId: string, operation: string): SimSubscription {
  const found = ctx.sim.subscriptions.find(safeDecode(rawId));
  if (found?.mailbox === ctx.mailbox) return found;
  // Graph answers the same for an unknown, expired (deleted by Graph) or someone else's subscription.
  throw new GraphHttpError(404, 'ResourceNotFound', `Operation: ${operation}; Exception: [Status Code: NotFound; Reason: The object was not found.]`);
}

function safeDecode(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}

function notSupported(method: string): GraphHttpError {
  return new GraphHttpError(405, 'ErrorInvalidRequest', `The OData request is not supported: ${method} on this resource.`);
}
