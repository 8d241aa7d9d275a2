import { BotService, type BotTransport, SyncResultNotifier, createBotFrameworkTransport } from '@contact-sync/bot';
import { appServices } from '../composition';
import { loadBotConfig, loadSyncConfig } from '../config';
import { TableConversationStore } from '../storage/botConversationRepository';
import { TableClientFactory } from '../storage/tableClientFactory';
import { syncCommands } from './syncCommands';

/** The bot's parts, built once per process. */
export interface BotServices {
  transport: BotTransport;
  bot: BotService;
  notifier: SyncResultNotifier;
}

type Env = Record<string, string | undefined>;

let built: BotServices | undefined;

/** The bot's services from `process.env`; a wrong setting throws `configuration_invalid` naming it. */
export function botServices(): BotServices {
  built ??= composeBot(process.env);
  return built;
}

/** The deep link that opens the app's Contacts tab (`entityId` "contacts" in the manifest). */
export function contactsTabUrl(teamsAppId: string): string {
  return `https://teams.microsoft.com/l/entity/${encodeURIComponent(teamsAppId)}/contacts`;
}

function composeBot(env: Env): BotServices {
  const config = loadBotConfig(env);
  const syncConfig = loadSyncConfig(env);
  const transport = createBotFrameworkTransport(config);
  const conversations = new TableConversationStore(new TableClientFactory(syncConfig.storage, syncConfig.tablePrefix));
  const tabUrl = contactsTabUrl(config.teamsAppId);
  return {
    transport,
    bot: new BotService({ commands: lazyCommands(), conversations, tabUrl }),
    notifier: new SyncResultNotifier({ transport, conversations, tabUrl }),
  };
}

/** The API's use cases are built on the first command, so a notifier alone does not need the identity settings. */
function lazyCommands(): ReturnType<typeof syncCommands> {
  const commands = () => syncCommands(appServices().syncRequests, appServices().syncStatus, appServices().schedules);
  return { startSync: (user) => commands().startSync(user), status: (user) => commands().status(user) };
}
