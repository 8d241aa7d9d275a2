import type { ContactChangeListener, Mailbox } from './mailbox';
import type { NotificationDispatcher } from './notificationDispatcher';
import { changeNotification } from './notificationPayloads';
import type { SubscriptionStore } from './subscriptionStore';

/**
 * The listener the simulator gives each mailbox: a contact change becomes a change notification for every
 * live subscription of that mailbox watching the change's folder and asking for its change type. With no
 * subscriptions it is one Map lookup, so seeding 100,000 contacts stays fast.
 */
export function contactChangeNotifier(store: SubscriptionStore, dispatcher: NotificationDispatcher, mailbox: Mailbox): ContactChangeListener {
  return (changeType, contactId, folderId, changeKey) => {
    for (const subscription of store.watching(mailbox)) {
      if (subscription.folderId !== folderId || !subscription.changeTypes.includes(changeType)) continue;
      dispatcher.enqueue(subscription, changeNotification(subscription, changeType, contactId, changeKey));
    }
  };
}
