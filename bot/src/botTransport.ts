import type { AdaptiveCard } from './cards';
import type { BotUser, StoredConversation } from './conversationStore';

/** An HTTP request to `/api/messages`, as the Functions entry point has read it (body parsed). */
export interface BotRequest {
  method: string;
  headers: Record<string, string>;
  body: Record<string, unknown>;
}

/** What `/api/messages` answers. */
export interface BotResponse {
  status: number;
  body?: unknown;
}

/** One incoming activity, without SDK types. */
export interface IncomingTurn {
  /** `installed`: the app was added to the chat (installationUpdate add, or the bot among conversationUpdate's membersAdded). */
  kind: 'message' | 'installed' | 'uninstalled' | 'other';
  /** The message text, or the `command` of a card button (Action.Submit). */
  text?: string;
  /** The sender's tenant and Entra object id; undefined when the channel did not send them. */
  user?: BotUser;
  /** The conversation as it should be stored now (its serviceUrl may have changed). */
  conversation: StoredConversation;
  reply(message: OutgoingMessage): Promise<void>;
}

/** A plain text message or an Adaptive Card (with the text a notification shows). */
export type OutgoingMessage = { text: string } | { card: AdaptiveCard; summary: string };

/** The Bot Framework (or a successor SDK) as the bot sees it. */
export interface BotTransport {
  /** Authenticates and handles one request to `/api/messages`. */
  process(request: BotRequest, handle: (turn: IncomingTurn) => Promise<void>): Promise<BotResponse>;
  /** Sends into a stored conversation; throws `ConnectorError` (see deliveryRules) when the connector refuses. */
  send(conversation: StoredConversation, message: OutgoingMessage): Promise<void>;
}
