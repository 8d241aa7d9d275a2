/**
 * The ONE module that knows botbuilder (archived upstream; successors: the Microsoft 365 Agents SDK and the
 * Teams SDK). It turns Bot Framework activities into plain {@link IncomingTurn}s and sends plain
 * {@link OutgoingMessage}s; commands, cards, references and delivery rules never see an SDK type. A
 * successor SDK replaces this file only (a test checks that nothing else imports botbuilder).
 */
import {
  ActivityTypes, CardFactory, CloudAdapter, ConfigurationBotFrameworkAuthentication, MessageFactory, TurnContext,
  type Activity, type ConversationReference,
} from 'botbuilder';
import type { BotTransport, BotRequest, BotResponse, IncomingTurn, OutgoingMessage } from './botTransport';
import type { StoredConversation } from './conversationStore';
import { ConnectorError, parseRetryAfter } from './deliveryRules';

/** How the bot proves who it is to the Bot Connector, and checks who calls it. */
export interface BotAuthSettings {
  /** `BOT_ID`: '' only in local mode (no Bot Framework authentication at all). */
  appId: string;
  /** `BOT_APP_TYPE`. */
  appType: 'SingleTenant' | 'UserAssignedMSI';
  /** `BOT_TENANT_ID`. */
  tenantId: string;
  /** `BOT_PASSWORD` (SingleTenant only). */
  password: string;
}

/** botbuilder's CloudAdapter behind the {@link BotTransport} port. */
export function createBotFrameworkTransport(settings: BotAuthSettings): BotTransport {
  const auth = new ConfigurationBotFrameworkAuthentication(settings.appId ? {
    MicrosoftAppId: settings.appId, MicrosoftAppType: settings.appType, MicrosoftAppTenantId: settings.tenantId,
    MicrosoftAppPassword: settings.appType === 'SingleTenant' ? settings.password : '',
  } : { MicrosoftAppId: '', MicrosoftAppPassword: '' });
  const adapter = new CloudAdapter(auth);
  // Turn errors are answered 500 by process(); the Functions log gets them from the caller.
  adapter.onTurnError = (_context, error) => Promise.reject(error);
  return {
    process: (request, handle) => processRequest(adapter, request, handle),
    send: (conversation, message) => sendProactive(adapter, settings.appId, conversation, message),
  };
}

async function processRequest(adapter: CloudAdapter, request: BotRequest, handle: (turn: IncomingTurn) => Promise<void>): Promise<BotResponse> {
  const response: BotResponse = { status: 200 };
  const res = {
    socket: undefined,
    status: (code: number) => { response.status = code; },
    header: () => undefined,
    send: (body: unknown) => { response.body = body; },
    end: () => undefined,
  };
  await adapter.process({ method: request.method, headers: request.headers, body: request.body }, res, async (context) => {
    await handle(toTurn(context));
  });
  return response;
}

function toTurn(context: TurnContext): IncomingTurn {
  const activity = context.activity;
  // Without the activity id, a later proactive send is a new message, not a reply to this one.
  const { activityId: _activityId, ...reference } = TurnContext.getConversationReference(activity);
  const channelTenant = (activity.channelData as { tenant?: { id?: string } } | undefined)?.tenant?.id;
  const tenantId = activity.conversation?.tenantId ?? channelTenant;
  const userId = activity.from?.aadObjectId;
  const submitted = (activity.value as { command?: unknown } | undefined)?.command;
  return {
    kind: kindOf(activity),
    text: typeof submitted === 'string' ? submitted : activity.text,
    user: tenantId && userId ? { tenantId, userId } : undefined,
    conversation: {
      reference: JSON.stringify(reference), conversationId: activity.conversation?.id ?? '',
      serviceUrl: activity.serviceUrl ?? '', state: 'active',
    },
    reply: async (message) => {
      await context.sendActivity(toActivity(message));
    },
  };
}

function kindOf(activity: Activity): IncomingTurn['kind'] {
  // Activity.type is a plain string on the wire; the enum names the values.
  const type: string = activity.type;
  if (type === String(ActivityTypes.Message)) return 'message';
  if (type === String(ActivityTypes.InstallationUpdate)) {
    return activity.action === 'remove' || activity.action === 'remove-upgrade' ? 'uninstalled' : 'installed';
  }
  if (type === String(ActivityTypes.ConversationUpdate)) {
    const botId = activity.recipient?.id;
    if (activity.membersAdded?.some((member) => member.id === botId)) return 'installed';
    if (activity.membersRemoved?.some((member) => member.id === botId)) return 'uninstalled';
  }
  return 'other';
}

function toActivity(message: OutgoingMessage): Partial<Activity> {
  if ('text' in message) return MessageFactory.text(message.text);
  const activity = MessageFactory.attachment(CardFactory.adaptiveCard(message.card));
  activity.summary = message.summary;
  return activity;
}

/**
 * Sends one message into a stored conversation. botbuilder hands errors thrown inside the callback to
 * onTurnError, not to the caller, so the send is caught inside and the failure rethrown here.
 */
async function sendProactive(adapter: CloudAdapter, appId: string, conversation: StoredConversation, message: OutgoingMessage): Promise<void> {
  const reference = { ...(JSON.parse(conversation.reference) as Partial<ConversationReference>), serviceUrl: conversation.serviceUrl };
  let failure: unknown;
  await adapter.continueConversationAsync(appId, reference, async (context) => {
    try {
      await context.sendActivity(toActivity(message));
    } catch (error) {
      failure = error;
    }
  });
  if (failure !== undefined) throw toConnectorError(failure);
}

/** The connector's RestError as plain data: status, code (body `error.code`), message, Retry-After. */
function toConnectorError(error: unknown): ConnectorError | Error {
  const rest = error as { statusCode?: unknown; code?: unknown; message?: unknown; response?: { headers?: { get?(name: string): string | undefined }; bodyAsText?: string } };
  if (typeof rest.statusCode !== 'number') return error instanceof Error ? error : new Error(String(error));
  const body = rest.response?.bodyAsText ?? '';
  const bodyCode = /"code"\s*:\s*"([^"]+)"/.exec(body)?.[1];
  return new ConnectorError({
    status: rest.statusCode,
    code: typeof rest.code === 'string' && rest.code ? rest.code : bodyCode,
    message: `${typeof rest.message === 'string' ? rest.message : ''} ${body}`.trim(),
    retryAfterMs: parseRetryAfter(rest.response?.headers?.get?.('retry-after'), Date.now()),
  });
}
