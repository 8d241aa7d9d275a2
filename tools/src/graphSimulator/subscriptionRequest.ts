import { GraphHttpError, badRequest, itemNotFound } from './graphErrors';
import type { Mailbox } from './mailbox';
import type { ChangeType } from './subscriptionStore';

/** Outlook contacts' documented maximum subscription lifetime: 4230 minutes (just under 3 days). */
export const MAX_EXPIRATION_MINUTES = 4230;
/** Graph's cap on `clientState`. */
export const MAX_CLIENT_STATE_LENGTH = 128;

const CHANGE_TYPES: readonly ChangeType[] = ['created', 'updated', 'deleted'];
const LOOPBACK_HOSTS = new Set(['127.0.0.1', '[::1]', 'localhost']);

/** A `POST /subscriptions` body after its checks (not yet validated against the endpoint). */
export interface SubscriptionRequest {
  changeTypes: ChangeType[];
  notificationUrl: string;
  lifecycleNotificationUrl: string | null;
  resource: string;
  folderId: string;
  expirationMs: number;
  clientState: string | null;
}

/** Checks a `POST /subscriptions` body against Graph's rules for Outlook contacts; throws Graph's 400/403/404. */
export function parseSubscriptionRequest(body: unknown, mailbox: Mailbox, now = Date.now()): SubscriptionRequest {
  const fields = asObject(body);
  const resource = requiredText(fields.resource, 'resource');
  return {
    changeTypes: parseChangeTypes(requiredText(fields.changeType, 'changeType')),
    notificationUrl: checkUrl(requiredText(fields.notificationUrl, 'notificationUrl'), 'notificationUrl'),
    lifecycleNotificationUrl: fields.lifecycleNotificationUrl === undefined || fields.lifecycleNotificationUrl === null
      ? null : checkUrl(requiredText(fields.lifecycleNotificationUrl, 'lifecycleNotificationUrl'), 'lifecycleNotificationUrl'),
    resource,
    folderId: resolveResource(resource, mailbox),
    expirationMs: parseExpiration(fields.expirationDateTime, now),
    clientState: parseClientState(fields.clientState),
  };
}

/** Reads and checks `expirationDateTime`: in the future, at most {@link MAX_EXPIRATION_MINUTES} ahead. */
export function parseExpiration(value: unknown, now = Date.now()): number {
  const ms = typeof value === 'string' ? Date.parse(value) : Number.NaN;
  if (Number.isNaN(ms)) throw badRequest('expirationDateTime must be an ISO 8601 date and time.', 'InvalidRequest');
  if (ms <= now) throw badRequest('Subscription expiration can only be in the future.', 'InvalidRequest');
  if (ms > now + MAX_EXPIRATION_MINUTES * 60_000) {
    throw badRequest(`Subscription expiration can only be ${MAX_EXPIRATION_MINUTES} minutes in the future.`, 'InvalidRequest');
  }
  return ms;
}

export function asObject(body: unknown): Record<string, unknown> {
  if (body === null || typeof body !== 'object' || Array.isArray(body)) throw badRequest('The request body must be a JSON object.', 'InvalidRequest');
  return body as Record<string, unknown>;
}

function parseChangeTypes(value: string): ChangeType[] {
  const parts = value.split(',').map((part) => part.trim().toLowerCase());
  const unknown = parts.find((part) => !(CHANGE_TYPES as readonly string[]).includes(part));
  if (unknown !== undefined) {
    throw badRequest(`Invalid changeType '${unknown}': it must be a comma-separated list of ${CHANGE_TYPES.join(', ')}.`, 'InvalidRequest');
  }
  return CHANGE_TYPES.filter((type) => parts.includes(type));
}

/**
 * Graph requires https. The simulator also takes http on a loopback host, so that tests and a local
 * sync engine can listen without a certificate.
 */
function checkUrl(value: string, name: string): string {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw badRequest(`${name} must be an absolute URL.`, 'InvalidRequest');
  }
  if (url.protocol === 'https:' || (url.protocol === 'http:' && LOOPBACK_HOSTS.has(url.hostname))) return value;
  throw badRequest(`${name} must be an https URL (the simulator also accepts http on 127.0.0.1, ::1 or localhost).`, 'InvalidRequest');
}

/**
 * The folder a resource watches: `me/contacts`, `users/{id}/contacts` (the default folder only, as in
 * Graph), `me/contactFolders/{id}/contacts` or `users/{id}/contactFolders/{id}/contacts`.
 */
function resolveResource(resource: string, mailbox: Mailbox): string {
  const segments = resource.replace(/^\//, '').split('/');
  const lower = segments.map((segment) => segment.toLowerCase());
  let rest = lower;
  if (lower[0] === 'users' && segments.length >= 3) {
    if (decode(segments[1] ?? '').toLowerCase() !== mailbox.userId.toLowerCase()) {
      throw new GraphHttpError(403, 'ExtensionError', 'Operation: Create; Exception: [Status Code: Forbidden; Reason: Access is denied to the requested resource. The caller can only subscribe to its own mailbox.]');
    }
    rest = ['me', ...lower.slice(2)];
  } else if (lower[0] !== 'me') throw unsupported(resource);
  if (rest.length === 2 && rest[1] === 'contacts') return mailbox.defaultFolderId;
  if (rest.length === 4 && rest[1] === 'contactfolders' && rest[3] === 'contacts') {
    const folder = mailbox.findFolder(decode(segments[segments.length - 2] ?? ''));
    if (!folder) throw itemNotFound();
    return folder.id;
  }
  throw unsupported(resource);
}

function parseClientState(value: unknown): string | null {
  if (value === undefined || value === null) return null;
  if (typeof value !== 'string') throw badRequest('clientState must be a string.', 'InvalidRequest');
  if (value.length > MAX_CLIENT_STATE_LENGTH) throw badRequest(`clientState must be at most ${MAX_CLIENT_STATE_LENGTH} characters.`, 'InvalidRequest');
  return value;
}

function requiredText(value: unknown, name: string): string {
  if (typeof value !== 'string' || value.trim() === '') throw badRequest(`The property '${name}' is required and must be a non-empty string.`, 'InvalidRequest');
  return value;
}

function decode(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    throw badRequest(`The id '${segment}' is not correctly URI-encoded.`, 'ErrorInvalidIdMalformed');
  }
}

function unsupported(resource: string): GraphHttpError {
  return badRequest(`Resource '${resource}' is not supported: the simulator serves me/contacts, users/{id}/contacts and …/contactFolders/{id}/contacts.`, 'InvalidRequest');
}
