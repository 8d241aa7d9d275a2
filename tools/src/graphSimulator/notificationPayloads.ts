import type { ChangeType, LifecycleEvent, SimSubscription } from './subscriptionStore';

/** One item of a change notification POST (Graph's `changeNotification`, without resource data content). */
export interface ChangeNotificationItem {
  subscriptionId: string;
  subscriptionExpirationDateTime: string;
  changeType: ChangeType;
  clientState: string | null;
  /** `Users/{userId}/Contacts/{contactId}`, as Outlook resources name the item. */
  resource: string;
  tenantId: string;
  resourceData: {
    '@odata.type': '#Microsoft.Graph.Contact';
    '@odata.id': string;
    '@odata.etag': string;
    id: string;
  };
}

/** One item of a lifecycle notification POST. */
export interface LifecycleNotificationItem {
  subscriptionId: string;
  subscriptionExpirationDateTime: string;
  tenantId: string;
  clientState: string | null;
  lifecycleEvent: LifecycleEvent;
}

export function changeNotification(
  subscription: SimSubscription, changeType: ChangeType, contactId: string, changeKey: string,
): ChangeNotificationItem {
  const resource = `Users/${subscription.mailbox.userId}/Contacts/${contactId}`;
  return {
    subscriptionId: subscription.id,
    subscriptionExpirationDateTime: new Date(subscription.expirationMs).toISOString(),
    changeType,
    clientState: subscription.clientState,
    resource,
    tenantId: subscription.mailbox.tenantId,
    resourceData: { '@odata.type': '#Microsoft.Graph.Contact', '@odata.id': resource, '@odata.etag': `W/"${changeKey}"`, id: contactId },
  };
}

export function lifecycleNotification(subscription: SimSubscription, lifecycleEvent: LifecycleEvent): LifecycleNotificationItem {
  return {
    subscriptionId: subscription.id,
    subscriptionExpirationDateTime: new Date(subscription.expirationMs).toISOString(),
    tenantId: subscription.mailbox.tenantId,
    clientState: subscription.clientState,
    lifecycleEvent,
  };
}
