import { app, type HttpRequest, type HttpResponseInit, type InvocationContext } from '@azure/functions';
import { appServices } from '../composition';
import { AppError, toAppError } from '../errors/appError';
import { errorResponse } from '../http/errorResponse';

/** Graph's validation tokens are short opaque strings; anything much longer is not from Graph. */
const MAX_VALIDATION_TOKEN = 1024;

/**
 * `POST /api/notifications`: Microsoft Graph's change and lifecycle notifications (instant sync).
 * - With `?validationToken=…` (a subscription being created or a URL check): the token echoed as
 *   `text/plain`, 200, at once.
 * - Otherwise a `changeNotificationCollection`: each item checked (its subscription's clientState) and its
 *   work queued; 202 as soon as it is queued (Graph wants an answer within 3 s). A storage failure is a 500,
 *   so Graph delivers the notification again. Anonymous: Graph sends no token; the clientState is the proof.
 */
export async function notifications(request: HttpRequest, context: InvocationContext): Promise<HttpResponseInit> {
  const validationToken = request.query.get('validationToken');
  if (validationToken !== null) {
    if (validationToken.length === 0 || validationToken.length > MAX_VALIDATION_TOKEN) {
      return errorResponse(new AppError('invalid_request', 'validationToken: is empty or too long.', { details: { field: 'validationToken' } }), context.invocationId, context);
    }
    return { status: 200, body: validationToken, headers: { 'content-type': 'text/plain; charset=utf-8', 'x-content-type-options': 'nosniff' } };
  }
  let body: unknown;
  try {
    body = await request.json();
  } catch {
    return errorResponse(new AppError('invalid_request', 'The body is not JSON.'), context.invocationId, context);
  }
  try {
    const report = await appServices().notificationIntake.receive(body);
    context.log(`Notifications: accepted=${report.accepted} ignored=${report.ignored} queued=${report.queued}`);
    return { status: 202 };
  } catch (error) {
    return errorResponse(toAppError(error), context.invocationId, context);
  }
}

app.http('notifications', { methods: ['POST'], route: 'notifications', authLevel: 'anonymous', handler: notifications });
