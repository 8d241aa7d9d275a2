/**
 * The Bot Connector's refusals as Teams sends them (status, body `{ error: { code, message } }`,
 * Retry-After), see https://learn.microsoft.com/microsoftteams/platform/bots/build-conversational-capability#status-codes-from-bot-conversational-apis.
 */
export interface ConnectorErrorReply {
  status: number;
  body: { error: { code?: string; message: string } };
  retryAfterSeconds?: number;
}

/** The errors the delivery rules decide on, by name. */
export const CONNECTOR_ERRORS = {
  conversationBlockedByUser: (): ConnectorErrorReply => ({ status: 403, body: { error: { code: 'ConversationBlockedByUser', message: 'User blocked the conversation with the bot.' } } }),
  // This one carries no code of its own: only the message names it.
  messageWritesBlocked: (): ConnectorErrorReply => ({ status: 403, body: { error: { message: 'MessageWritesBlocked: Thread is blocked for writes because the user blocked the bot.' } } }),
  botDisabledByAdmin: (): ConnectorErrorReply => ({ status: 403, body: { error: { code: 'BotDisabledByAdmin', message: 'The tenant admin disabled this bot' } } }),
  conversationNotFound: (): ConnectorErrorReply => ({ status: 404, body: { error: { code: 'ConversationNotFound', message: 'Conversation not found.' } } }),
  throttled: (retryAfterSeconds: number): ConnectorErrorReply => ({ status: 429, retryAfterSeconds, body: { error: { code: 'Throttled', message: 'Too many requests' } } }),
  preconditionFailed: (): ConnectorErrorReply => ({ status: 412, body: { error: { code: 'PreconditionFailed', message: 'Conversation is being updated' } } }),
  badGateway: (): ConnectorErrorReply => ({ status: 502, body: { error: { code: 'ServiceError', message: 'Bad gateway' } } }),
  serviceUnavailable: (): ConnectorErrorReply => ({ status: 503, body: { error: { code: 'ServiceError', message: 'Service unavailable' } } }),
  gatewayTimeout: (): ConnectorErrorReply => ({ status: 504, body: { error: { code: 'GatewayTimeout', message: 'Gateway timeout' } } }),
} as const;
