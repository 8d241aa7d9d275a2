import { BEARER } from './simTestClient';
import type { WebhookReceiver } from './webhookReceiver';

/** A Graph or admin answer as the subscription tests read it (loosely typed). */
export interface JsonAnswer {
  status: number;
  body: JsonBody;
}

/** A JSON body: an entity, a collection or an error. */
export interface JsonBody {
  id: string;
  value: Array<Record<string, unknown>>;
  error: { code: string; message: string };
  [property: string]: unknown;
}

/** Test helper: any method to a simulator URL with a JSON body; `bearer` null sends none. */
export async function callJson(method: string, url: string, body?: unknown, bearer: string | null = BEARER): Promise<JsonAnswer> {
  const headers: Record<string, string> = { 'Content-Type': 'application/json' };
  if (bearer !== null) headers.Authorization = `Bearer ${bearer}`;
  const response = await fetch(url, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
  const text = await response.text();
  return { status: response.status, body: (text ? JSON.parse(text) : {}) as JsonBody };
}

/** An ISO time `minutes` from now. */
export function inMinutes(minutes: number): string {
  return new Date(Date.now() + minutes * 60_000).toISOString();
}

/** A valid `POST /subscriptions` body on the default Contacts folder, with overrides. */
export function subscriptionBody(receiver: WebhookReceiver, overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    changeType: 'created,updated,deleted', notificationUrl: receiver.notificationUrl, resource: 'me/contacts',
    expirationDateTime: inMinutes(60), clientState: 'secret-state', ...overrides,
  };
}

/** Creates a subscription over HTTP and returns its id, failing unless Graph answered 201. */
export async function subscribe(baseUrl: string, receiver: WebhookReceiver, overrides: Record<string, unknown> = {}): Promise<string> {
  const answer = await callJson('POST', `${baseUrl}/subscriptions`, subscriptionBody(receiver, overrides));
  if (answer.status !== 201) throw new Error(`POST /subscriptions answered ${answer.status}: ${JSON.stringify(answer.body)}`);
  return answer.body.id;
}
