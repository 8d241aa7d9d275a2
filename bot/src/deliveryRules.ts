/**
 * The Teams rules for proactive messages, as pure decisions over what the connector answered
 * (https://learn.microsoft.com/microsoftteams/platform/bots/how-to/rate-limit and the connector's error codes).
 */

/** A refusal of the Bot Connector, without SDK types: HTTP status, the error code, the message, Retry-After. */
export interface ConnectorFailure {
  status: number;
  code?: string;
  message?: string;
  /** Retry-After in milliseconds, when the connector sent one. */
  retryAfterMs?: number;
}

/** A refused send, with what the delivery rules decide on (the adapter throws it). */
export class ConnectorError extends Error {
  constructor(readonly failure: ConnectorFailure) {
    super(`Bot Connector refused the message: ${failure.status} ${failure.code ?? ''}`.trim());
    this.name = 'ConnectorError';
  }
}

/** What to do after a failed send. */
export type DeliveryDecision =
  | { action: 'retry'; waitMs: number }
  /** The user blocked the bot (ConversationBlockedByUser, MessageWritesBlocked) or the chat is gone. */
  | { action: 'forget'; outcome: 'blocked' | 'conversation_gone'; code: string }
  /** An admin disabled the bot for the user (BotDisabledByAdmin): keep the reference, send nothing until they write. */
  | { action: 'pause'; outcome: 'bot_disabled'; code: string }
  | { action: 'give_up'; code: string };

/** Retries per card in one invocation; a card still not delivered goes back to the queue (it retries later). */
export const MAX_SEND_ATTEMPTS = 4;
/** Default wait for 412/502/503/504 and for a 429 without Retry-After; doubled each attempt. */
export const BASE_RETRY_MS = 1_000;
/** Longest Retry-After waited out in one invocation; past it the queue retries the card later. */
export const MAX_RETRY_AFTER_MS = 60_000;

const RETRYABLE = new Set([412, 429, 502, 503, 504]);
const BLOCKED_CODES = ['ConversationBlockedByUser', 'MessageWritesBlocked'];

/** The connector's code, also when it is only in the message (MessageWritesBlocked arrives that way). */
function codeOf(failure: ConnectorFailure, known: string[]): string | undefined {
  if (failure.code && known.includes(failure.code)) return failure.code;
  return known.find((code) => failure.message?.includes(code));
}

/** Decides on one failed send; `attempt` counts from 1. */
export function decideDelivery(failure: ConnectorFailure, attempt: number): DeliveryDecision {
  const code = failure.code ?? `http_${failure.status}`;
  if (failure.status === 403) {
    const blocked = codeOf(failure, BLOCKED_CODES);
    if (blocked) return { action: 'forget', outcome: 'blocked', code: blocked };
    if (codeOf(failure, ['BotDisabledByAdmin'])) return { action: 'pause', outcome: 'bot_disabled', code: 'BotDisabledByAdmin' };
    return { action: 'give_up', code };
  }
  if (failure.status === 404) return { action: 'forget', outcome: 'conversation_gone', code: failure.code ?? 'ConversationNotFound' };
  if (!RETRYABLE.has(failure.status) || attempt >= MAX_SEND_ATTEMPTS) return { action: 'give_up', code };
  const waitMs = failure.retryAfterMs ?? BASE_RETRY_MS * 2 ** (attempt - 1);
  if (waitMs > MAX_RETRY_AFTER_MS) return { action: 'give_up', code };
  return { action: 'retry', waitMs };
}

/** Parses a Retry-After header (seconds or an HTTP date) into milliseconds. */
export function parseRetryAfter(value: string | null | undefined, now: number): number | undefined {
  if (!value) return undefined;
  if (/^\d+$/.test(value.trim())) return Number(value.trim()) * 1000;
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}
