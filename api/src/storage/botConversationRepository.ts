import type { TableClient } from '@azure/data-tables';
import type { BotUser, ConversationStore, DeliveryRecord, StoredConversation } from '@contact-sync/bot';
import { TABLES, type TableClientFactory } from './tableClientFactory';
import { textField } from './entityFields';
import { encodeKey } from './tableKeys';
import { mergeUserRow } from './userRow';

/** The bot's properties on the users row; the row's other properties belong to other parts of the app. */
export const BOT_USER_PROPERTIES = {
  reference: 'botConversationReference',
  conversationId: 'botConversationId',
  serviceUrl: 'botServiceUrl',
  /** `active`, `paused` (BotDisabledByAdmin) or `forgotten` (blocked, gone, uninstalled): Table Storage cannot merge a property away. */
  state: 'botConversationState',
  updatedAt: 'botConversationUpdatedAt',
  deliverySyncId: 'botDeliverySyncId',
  deliveryOutcome: 'botDeliveryOutcome',
  deliveryCode: 'botDeliveryCode',
  deliveryAt: 'botDeliveryAt',
} as const;

const P = BOT_USER_PROPERTIES;

/**
 * Conversation references on the users row (PartitionKey tenant id, RowKey user id), every write a MERGE.
 * A save is a plain upsert of the same properties, so installation events arriving twice, in any order,
 * leave one reference; the newest serviceUrl wins.
 */
export class TableConversationStore implements ConversationStore {
  constructor(private readonly tables: Pick<TableClientFactory, 'get'>) {}

  async get(user: BotUser): Promise<StoredConversation | undefined> {
    const table = await this.table();
    try {
      const row = await table.getEntity<Record<string, unknown>>(encodeKey(user.tenantId), encodeKey(user.userId), {
        queryOptions: { select: [P.reference, P.conversationId, P.serviceUrl, P.state] },
      });
      const state = row[P.state];
      if (typeof row[P.reference] !== 'string' || !row[P.reference] || (state !== 'active' && state !== 'paused')) return undefined;
      return { reference: String(row[P.reference]), conversationId: textField(row[P.conversationId]), serviceUrl: textField(row[P.serviceUrl]), state };
    } catch (error) {
      if ((error as { statusCode?: number }).statusCode === 404) return undefined;
      throw error;
    }
  }

  save(user: BotUser, conversation: StoredConversation): Promise<void> {
    return this.merge(user, {
      [P.reference]: conversation.reference, [P.conversationId]: conversation.conversationId,
      [P.serviceUrl]: conversation.serviceUrl, [P.state]: conversation.state, [P.updatedAt]: new Date(),
    });
  }

  forget(user: BotUser): Promise<void> {
    return this.merge(user, { [P.reference]: '', [P.state]: 'forgotten', [P.updatedAt]: new Date() });
  }

  pause(user: BotUser): Promise<void> {
    return this.merge(user, { [P.state]: 'paused', [P.updatedAt]: new Date() });
  }

  recordDelivery(user: BotUser, record: DeliveryRecord): Promise<void> {
    return this.merge(user, {
      [P.deliverySyncId]: record.syncId ?? '', [P.deliveryOutcome]: record.outcome,
      [P.deliveryCode]: record.code ?? '', [P.deliveryAt]: new Date(record.at),
    });
  }

  private async merge(user: BotUser, properties: Record<string, unknown>): Promise<void> {
    await mergeUserRow(await this.table(), user, properties);
  }

  private table(): Promise<TableClient> {
    return this.tables.get(TABLES.users);
  }
}
