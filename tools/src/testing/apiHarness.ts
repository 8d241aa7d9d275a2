import { randomUUID } from 'node:crypto';
import { QueueClient } from '@azure/storage-queue';
import type { AzuriteInstance } from '../azurite/azuriteProcess';
import type { RunningBotConnector } from '../botConnector';
import type { ConsentState, RunningEntraSimulator, SsoTokenOptions } from '../entraSimulator';
import type { FunctionsHost, HostLogEntry } from '../functionsHost';
import type { Mailbox, RunningGraphSimulator } from '../graphSimulator';
import { type LocalStack, startLocalStack } from '../localStack';
import type { SyncJob } from '../../../api/src/services/syncJobQueue';
import type { SyncStatusView } from '../../../api/src/services/syncStatusView';

/** A response of the API: status, parsed JSON body (undefined when empty) and headers. */
export interface ApiResponse {
  status: number;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- tests read any field of any body
  body: any;
  headers: Headers;
}

/** A signed-in Teams user of the stack: mints its own SSO tokens; `mailbox` is its Outlook in the Graph simulator. */
export interface ApiUser {
  tenantId: string;
  userId: string;
  roles: string[];
  mailbox: Mailbox;
  token(overrides?: Partial<SsoTokenOptions>): Promise<string>;
}

/** Options for {@link ApiHarness.start}. */
export interface ApiHarnessOptions {
  /** After a consent grant, Entra answers consent_required for this long (default 0). */
  consentPropagationMs?: number;
  /** App settings to add or replace. The functions read them once per test file (module registry): one harness per file. */
  settings?: Record<string, string>;
}

const SYNC_QUEUE = 'sync-jobs';

/**
 * The whole API for one test file, over real HTTP: the app's functions in the local Functions host, with
 * Azurite, the local Entra authority and the Graph simulator (accepting only that authority's Graph tokens
 * with Contacts.Read). Graph tokens live 120 s, under the broker's 5-minute margin, so every background
 * sync really asks Entra (and sees a revoked consent).
 */
export class ApiHarness {
  readonly clientId: string;
  readonly azurite: AzuriteInstance;
  readonly entra: RunningEntraSimulator;
  readonly graph: RunningGraphSimulator;
  /** The local Bot Connector: `serviceUrl` of the activities tests post to `/api/messages`. */
  readonly botConnector: RunningBotConnector;
  /** The prefix of this run's table names. */
  readonly tablePrefix: string;

  private constructor(private readonly stack: LocalStack, readonly logs: HostLogEntry[]) {
    this.clientId = stack.clientId;
    this.azurite = stack.azurite;
    this.entra = stack.entra;
    this.graph = stack.graph;
    this.botConnector = stack.botConnector;
    this.tablePrefix = stack.settings.TABLE_PREFIX ?? '';
  }

  static async start(options: ApiHarnessOptions = {}): Promise<ApiHarness> {
    const logs: HostLogEntry[] = [];
    const stack = await startLocalStack({
      accessTokenLifetimeSec: 120, consentPropagationMs: options.consentPropagationMs, logger: (entry) => logs.push(entry),
      settings: options.settings,
    });
    return new ApiHarness(stack, logs);
  }

  stop(): Promise<void> {
    return this.stack.stop();
  }

  /** The app settings the functions run with (e.g. to read their tables in Azurite). */
  get settings(): Readonly<Record<string, string>> {
    return this.stack.settings;
  }

  /** A user with consent (granted long ago unless said otherwise: no propagation delay) and an empty mailbox. */
  user(tenantId: string, options: { roles?: string[]; consent?: ConsentState; userId?: string } = {}): ApiUser {
    const userId = options.userId ?? randomUUID();
    const roles = options.roles ?? [];
    this.entra.sim.setConsent(tenantId, userId, options.consent ?? 'granted', { propagated: true });
    return {
      tenantId, userId, roles,
      mailbox: this.graph.sim.mailbox(tenantId, userId),
      token: (overrides) => this.entra.sim.mintSsoToken({ tenantId, userId, roles, ...overrides }),
    };
  }

  /** A tenant (a new one unless given) whose admin has saved an enabled integration; returns the tenant id. */
  async enabledTenant(tenantId: string = randomUUID()): Promise<string> {
    const admin = this.user(tenantId, { roles: ['ContactSync.Admin'] });
    const saved = await this.call('PUT', '/api/org/integration', await admin.token(), {
      name: 'Outlook', clientId: this.clientId, tenantId, enabled: true,
    });
    if (saved.status !== 200) throw new Error(`enabling tenant failed: ${saved.status} ${JSON.stringify(saved.body)}`);
    return tenantId;
  }

  /** One HTTP request to the API; `token` goes in `Authorization: Bearer`, or `authorization` as given. */
  async call(method: string, apiPath: string, token?: string, body?: unknown, authorization?: string): Promise<ApiResponse> {
    const headers: Record<string, string> = { 'content-type': 'application/json' };
    if (token !== undefined || authorization !== undefined) headers.authorization = authorization ?? `Bearer ${token ?? ''}`;
    const response = await fetch(`${this.functionsHost.url}${apiPath}`, {
      method, headers, body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await response.text();
    return { status: response.status, body: text ? JSON.parse(text) : undefined, headers: response.headers };
  }

  /** A request as `user`, with a freshly minted token. */
  async as(user: ApiUser, method: string, apiPath: string, body?: unknown): Promise<ApiResponse> {
    return this.call(method, apiPath, await user.token(), body);
  }

  /** Polls the user's sync status until `done` holds; fails after `timeoutMs`. */
  async statusUntil(user: ApiUser, done: (status: SyncStatusView) => boolean, timeoutMs = 20_000): Promise<SyncStatusView> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const { body } = await this.as(user, 'GET', '/api/sync/status');
      if (done(body as SyncStatusView)) return body as SyncStatusView;
      if (Date.now() > deadline) throw new Error(`status never matched; last: ${JSON.stringify(body)}`);
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
  }

  /** Puts a job on the sync queue, as a scheduler or the bot would (no reservation). */
  async enqueue(job: SyncJob): Promise<void> {
    const queue = new QueueClient(this.azurite.connectionString, SYNC_QUEUE);
    await queue.createIfNotExists();
    await queue.sendMessage(Buffer.from(JSON.stringify(job)).toString('base64'));
  }

  /** Waits until every queued sync has run. */
  drain(timeoutMs = 30_000): Promise<void> {
    return this.functionsHost.drainQueues(timeoutMs);
  }

  /** Runs a timer function once now (the host's timers are off in tests), as its schedule would. */
  fireTimer(name: string): Promise<void> {
    return this.functionsHost.fireTimer(name);
  }

  /** Every log line of the functions and the host, one per line. */
  logText(): string {
    return this.logs.map((entry) => entry.message).join('\n');
  }

  private get functionsHost(): FunctionsHost {
    return this.stack.host;
  }
}
