import { app, type HttpRequest, type HttpResponseInit, type InvocationContext } from '@azure/functions';
import { botServices } from '../bot/botServices';
import { errorResponse } from '../http/errorResponse';

/**
 * `POST /api/messages`: the Bot Framework's endpoint for Teams activities. Anonymous for the Functions
 * host: the adapter verifies the Bot Framework token itself (BOT_ID/BOT_APP_TYPE/BOT_TENANT_ID); only a
 * local run with an empty BOT_ID accepts unauthenticated activities (the Agents Playground sends none).
 */
export async function messages(request: HttpRequest, context: InvocationContext): Promise<HttpResponseInit> {
  try {
    const body = (await request.json().catch(() => undefined)) as Record<string, unknown> | undefined;
    if (!body || typeof body !== 'object' || Array.isArray(body)) return { status: 400, jsonBody: { code: 'invalid_request', message: 'The body must be a Bot Framework activity (JSON).' } };
    const { transport, bot } = botServices();
    const response = await transport.process(
      { method: request.method, headers: headersOf(request), body },
      (turn) => bot.handle(turn),
    );
    if (response.status >= 400) context.warn(`Bot activity answered ${response.status} type=${String(body.type)} correlationId=${context.invocationId}`);
    return response.body === undefined ? { status: response.status } : { status: response.status, jsonBody: response.body };
  } catch (error) {
    return errorResponse(error, context.invocationId, context);
  }
}

/** The request headers as a plain object (the adapter reads `authorization`). */
function headersOf(request: HttpRequest): Record<string, string> {
  const headers: Record<string, string> = {};
  request.headers.forEach((value, name) => { headers[name] = value; });
  return headers;
}

app.http('messages', { methods: ['POST'], route: 'messages', authLevel: 'anonymous', handler: messages });
