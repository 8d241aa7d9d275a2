import { randomUUID } from 'node:crypto';
import { badRequest } from './graphErrors';
import { postOutbound } from './outboundPost';

/** Graph gives a notification endpoint 10 seconds to echo the validation token. */
export const VALIDATION_TIMEOUT_MS = 10_000;

const VALIDATION_FAILED = 'Subscription validation request failed. Notification endpoint must respond with 200 OK to validation request.';

/**
 * Graph's validation handshake: POST `{url}?validationToken=…` (the URL's own query kept), `text/plain`,
 * empty body; the endpoint must answer 200 with exactly the token within 10 s. Otherwise throws Graph's 400
 * `ValidationError`. The token has spaces and a colon, as Graph's do, so an endpoint must decode it.
 */
export async function validateEndpoint(url: string, signal?: AbortSignal): Promise<void> {
  const token = `Validation: Testing client application reachability for subscription Request-Id: ${randomUUID()}`;
  const target = new URL(url);
  // The URL's own query is kept byte for byte (searchParams would re-encode it).
  const param = `validationToken=${encodeURIComponent(token)}`;
  target.search = target.search ? `${target.search}&${param}` : `?${param}`;
  const answer = await postOutbound(target.toString(), '', 'text/plain', VALIDATION_TIMEOUT_MS, signal);
  if (answer.status !== 200 || answer.body !== token) throw badRequest(VALIDATION_FAILED, 'ValidationError');
}
