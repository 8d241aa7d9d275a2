/** A local Microsoft Graph stand-in for the contact sync: folders, per-folder contact delta, faults, change notifications. */
export { startGraphSimulator, type GraphSimulatorOptions, type RunningGraphSimulator } from './simulatorServer';
export { GraphSimulator, type RandomFault } from './graphSimulator';
export { Mailbox, type ContactChangeListener, type ContactInput } from './mailbox';
export type { ContactFolderShape } from './folderTree';
export type { SimContact } from './contactShape';
export { seedMailbox, type SeedOptions, type SeedSummary } from './mailboxGenerator';
export { applyChanges, type MailboxChange } from './mailboxChanges';
export { simToken, simTokenAuthenticator, type Authenticator, type MailboxIdentity } from './authentication';
export { DEFAULT_KNOBS, type SimulatorKnobs } from './simulatorKnobs';
export { FaultScript, type FaultKind, type FaultMatch, type ScriptedFault, type RequestKind } from './faultScript';
export type { RequestCounts } from './requestCounts';
export { DEFAULT_DELTA_PAGE_SIZE } from './deltaEndpoint';
export { DEFAULT_FOLDER_PAGE_SIZE } from './folderEndpoints';
export {
  MAX_SUBSCRIPTIONS_PER_MAILBOX, SubscriptionStore, type ChangeType, type LifecycleEvent, type NotificationCounts, type SimSubscription,
} from './subscriptionStore';
export { DELIVERY_TIMEOUT_MS, MAX_ITEMS_PER_POST, NotificationDispatcher, type DeliveryKnobs } from './notificationDispatcher';
export type { ChangeNotificationItem, LifecycleNotificationItem } from './notificationPayloads';
export { MAX_CLIENT_STATE_LENGTH, MAX_EXPIRATION_MINUTES } from './subscriptionRequest';
export { SIM_APPLICATION_ID, subscriptionJson } from './subscriptionEndpoints';
export { VALIDATION_TIMEOUT_MS } from './validationHandshake';
