/** Whose personal chat with the bot: the user's Entra tenant and object id (as the API names a mailbox). */
export interface BotUser {
  tenantId: string;
  userId: string;
}

/**
 * What the bot keeps to write to a user later: the SDK's conversation reference as opaque JSON (only the
 * adapter reads it), plus the fields delivery decides on. `serviceUrl` is refreshed on every message.
 */
export interface StoredConversation {
  /** The adapter's serialized conversation reference. */
  reference: string;
  conversationId: string;
  serviceUrl: string;
  /**
   * `active`; `paused` after 403 BotDisabledByAdmin (kept, unused until the user writes again);
   * `forgotten` after the user blocked the bot or the conversation is gone (until the user writes or reinstalls).
   */
  state: 'active' | 'paused';
}

/** How the last proactive card for a sync went; kept beside the user's other fields (MERGE). */
export interface DeliveryRecord {
  /** Absent for a refused background start (`reconnect_needed`). */
  syncId?: string;
  outcome: DeliveryOutcome;
  at: string;
  /** The connector's error code when it refused, e.g. `ConversationBlockedByUser`. */
  code?: string;
}

/** What became of a proactive card. */
export type DeliveryOutcome = 'delivered' | 'no_conversation' | 'paused' | 'blocked' | 'conversation_gone' | 'bot_disabled' | 'failed';

/**
 * Where conversation references live (the API keeps them on the user's row in Table Storage). Every write
 * is idempotent: saving the same reference twice, in any order of events, leaves one reference.
 */
export interface ConversationStore {
  get(user: BotUser): Promise<StoredConversation | undefined>;
  save(user: BotUser, conversation: StoredConversation): Promise<void>;
  /** Drops the reference: no card is sent until the user writes to the bot or installs it again. */
  forget(user: BotUser): Promise<void>;
  /** Keeps the reference but sends nothing until the user writes again. */
  pause(user: BotUser): Promise<void>;
  recordDelivery(user: BotUser, record: DeliveryRecord): Promise<void>;
}

/** The in-memory twin (unit tests). */
export class MemoryConversationStore implements ConversationStore {
  readonly conversations = new Map<string, StoredConversation>();
  readonly deliveries = new Map<string, DeliveryRecord>();

  private static key(user: BotUser): string {
    return `${user.tenantId}|${user.userId}`;
  }

  get(user: BotUser): Promise<StoredConversation | undefined> {
    return Promise.resolve(this.conversations.get(MemoryConversationStore.key(user)));
  }

  save(user: BotUser, conversation: StoredConversation): Promise<void> {
    this.conversations.set(MemoryConversationStore.key(user), conversation);
    return Promise.resolve();
  }

  forget(user: BotUser): Promise<void> {
    this.conversations.delete(MemoryConversationStore.key(user));
    return Promise.resolve();
  }

  pause(user: BotUser): Promise<void> {
    const known = this.conversations.get(MemoryConversationStore.key(user));
    if (known) this.conversations.set(MemoryConversationStore.key(user), { ...known, state: 'paused' });
    return Promise.resolve();
  }

  recordDelivery(user: BotUser, record: DeliveryRecord): Promise<void> {
    this.deliveries.set(MemoryConversationStore.key(user), record);
    return Promise.resolve();
  }
}
