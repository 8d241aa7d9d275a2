import { randomBytes, randomUUID } from 'node:crypto';
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { freePort, startAzurite, type AzuriteInstance } from './azurite/azuriteProcess';
import { startBotConnector, type RunningBotConnector } from './botConnector';
import { createGraphTokenAuthenticator, startEntraSimulator, type RunningEntraSimulator } from './entraSimulator';
import { startFunctionsHost, type FunctionsHost, type FunctionsHostOptions, type HostLogger } from './functionsHost';
import { startGraphSimulator, type RunningGraphSimulator } from './graphSimulator';

/** Where the app's functions live: the host imports every module there (one function per file). */
export const FUNCTIONS_DIR = path.resolve(__dirname, '../../api/src/functions');

/** Options for {@link startLocalStack}. */
export interface LocalStackOptions {
  /** After a consent grant, the local Entra answers consent_required for this long (default 0). */
  consentPropagationMs?: number;
  /** Lifetime of the Graph tokens the local Entra issues. */
  accessTokenLifetimeSec?: number;
  /** Port of the API (0 or unset: a free one). */
  apiPort?: number;
  queuePollMs?: number;
  logger?: HostLogger;
  /** App settings to add or replace (e.g. `ALLOWED_TENANTS`, rate limits). */
  settings?: Record<string, string>;
  /** Queue trigger settings (host.json `extensions.queues`), e.g. the `batchSize` of one instance. */
  queues?: FunctionsHostOptions['queues'];
  /** Function modules (file names without `.ts`) the host leaves out, e.g. a job a benchmark measures apart. */
  withoutFunctions?: string[];
}

/** The tab's host in local runs: the audience `api://localhost:53000/{clientId}` is accepted. */
export const LOCAL_TAB_DOMAIN = 'localhost:53000';

/** `TEAMS_APP_ID` of env/.env.local: the deep links of local cards name it. */
export const LOCAL_TEAMS_APP_ID = '2f6d3c1e-8a4b-4c7d-9e0f-1a2b3c4d5e60';

/** The whole product running locally: the API's functions plus every outside service it talks to. */
export interface LocalStack {
  clientId: string;
  azurite: AzuriteInstance;
  entra: RunningEntraSimulator;
  graph: RunningGraphSimulator;
  /** The local Bot Connector: the `serviceUrl` of local Teams activities. */
  botConnector: RunningBotConnector;
  host: FunctionsHost;
  /** The app settings the functions run with. */
  settings: Record<string, string>;
  stop(): Promise<void>;
}

/**
 * Starts Azurite, the local Entra authority, the Graph simulator (accepting only that authority's Graph
 * tokens with Contacts.Read) and the app's functions in the local Functions host, all on loopback.
 */
export async function startLocalStack(options: LocalStackOptions = {}): Promise<LocalStack> {
  const clientId = randomUUID();
  const clientSecret = randomBytes(16).toString('hex');
  const [azurite, entra] = await Promise.all([
    startAzurite(),
    startEntraSimulator({ clientId, clientSecret, accessTokenLifetimeSec: options.accessTokenLifetimeSec, consentPropagationMs: options.consentPropagationMs }),
  ]);
  const graph = await startGraphSimulator({ authenticate: createGraphTokenAuthenticator(entra.url) });
  const botConnector = await startBotConnector();
  // Known before the host starts: the app's NOTIFICATION_URL names it (Graph posts change notifications there).
  const apiPort = options.apiPort || await freePort();
  const settings = {
    AzureWebJobsStorage: azurite.connectionString, TABLE_PREFIX: `app${randomBytes(4).toString('hex')}`,
    GRAPH_BASE_URL: graph.baseUrl, ENTRA_NETWORK_URL: entra.url, M365_CLIENT_ID: clientId, M365_CLIENT_SECRET: clientSecret,
    TOKEN_CACHE_KEY: randomBytes(32).toString('base64'), SYNC_QUEUE_NAME: 'sync-jobs',
    TAB_DOMAIN: LOCAL_TAB_DOMAIN, ALLOWED_TENANTS: 'any', SYNC_RESULTS_QUEUE_NAME: 'sync-results',
    // Local mode of the bot: no Bot Framework authentication (an empty BOT_ID), the app id of env/.env.local.
    BOT_ID: '', TEAMS_APP_ID: LOCAL_TEAMS_APP_ID, CONTACT_SYNC_LOCAL: '1',
    NOTIFICATION_URL: `http://127.0.0.1:${apiPort}/api/notifications`, ...options.settings,
  };
  try {
    const host = await startFunctionsHost({
      modules: readdirSync(FUNCTIONS_DIR).filter((file) => /^[^.]+\.ts$/.test(file) && !options.withoutFunctions?.includes(file.slice(0, -3)))
        .map((file) => path.join(FUNCTIONS_DIR, file)),
      env: settings, port: apiPort, queuePollMs: options.queuePollMs ?? 50, enableTimers: false, logger: options.logger,
      queues: options.queues,
    });
    return {
      clientId, azurite, entra, graph, botConnector, host, settings,
      stop: async () => {
        await host.stop();
        await Promise.all([graph.stop(), entra.stop(), azurite.stop(), botConnector.stop()]);
      },
    };
  } catch (error) {
    await Promise.all([graph.stop(), entra.stop(), azurite.stop(), botConnector.stop()]);
    throw error;
  }
}

