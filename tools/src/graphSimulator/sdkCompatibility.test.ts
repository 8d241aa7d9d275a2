import {
  Client, type Context, GraphError, HTTPMessageHandler, type Middleware, RetryHandler, RetryHandlerOptions,
} from '@microsoft/microsoft-graph-client';
import type { Mailbox } from './mailbox';
import { BEARER, ENGINE_PREFER, TENANT, USER } from './simTestClient';
import { type RunningGraphSimulator, startGraphSimulator } from './simulatorServer';

/** Adds the bearer, like the sync engine's token middleware. */
class BearerMiddleware implements Middleware {
  private next?: Middleware;

  async execute(context: Context): Promise<void> {
    const headers = new Headers(context.options?.headers);
    headers.set('Authorization', `Bearer ${BEARER}`);
    context.options = { ...context.options, headers };
    await this.next?.execute(context);
  }

  setNext(next: Middleware): void {
    this.next = next;
  }
}

let server: RunningGraphSimulator;
let mailbox: Mailbox;
let client: Client;

beforeAll(async () => {
  server = await startGraphSimulator();
  const chain: Middleware[] = [new BearerMiddleware(), new RetryHandler(new RetryHandlerOptions(1, 3)), new HTTPMessageHandler()];
  chain.reduce((previous, next) => { previous.setNext?.(next); return next; });
  // The SDK only splits absolute https:// URLs into host and path, so an http simulator is its baseUrl.
  client = Client.initWithMiddleware({ middleware: chain[0], baseUrl: new URL(server.baseUrl).origin, defaultVersion: 'v1.0' });
});
afterAll(() => server.stop());
beforeEach(() => {
  server.sim.faults.clear();
  server.sim.resetCounts();
  mailbox = server.sim.createMailbox(TENANT, USER);
  for (let i = 0; i < 25; i += 1) mailbox.addContact(mailbox.defaultFolderId, { givenName: `G${i}` });
});

/** A simulator link as the SDK needs it: relative to the base URL. */
const relative = (link: string): string => link.slice(server.baseUrl.length);
const deltaPath = (): string => `/me/contactFolders/${encodeURIComponent(mailbox.defaultFolderId)}/contacts/delta?$select=givenName`;
const getPage = (path: string): Promise<Record<string, unknown>> =>
  client.api(path).header('Prefer', ENGINE_PREFER.replace('200', '10')).get() as Promise<Record<string, unknown>>;

describe('the Graph SDK (v3) against the simulator', () => {
  it('pages a delta round through nextLinks to a deltaLink', async () => {
    const ids: string[] = [];
    let page = await getPage(deltaPath());
    while (typeof page['@odata.nextLink'] === 'string') {
      ids.push(...(page.value as Array<{ id: string }>).map((entry) => entry.id));
      page = await getPage(relative(page['@odata.nextLink']));
    }
    ids.push(...(page.value as Array<{ id: string }>).map((entry) => entry.id));
    expect(ids).toEqual(mailbox.listContacts().map((contact) => contact.id));
    expect(page['@odata.deltaLink']).toEqual(expect.stringContaining('$deltatoken='));
  });

  it('retries 429 and 503 by itself, honouring Retry-After', async () => {
    server.sim.faults.push({ kind: '429', retryAfterSeconds: 0 }, { kind: '503', retryAfterSeconds: 0 });
    const page = await getPage(deltaPath());
    expect(page.value).toHaveLength(10);
    expect(server.sim.counts.byStatus).toEqual({ 429: 1, 503: 1, 200: 1 });
  });

  it('surfaces an expired delta token as a GraphError 410 with its code and Location', async () => {
    let page = await getPage(deltaPath());
    while (typeof page['@odata.nextLink'] === 'string') page = await getPage(relative(page['@odata.nextLink']));
    server.sim.expireDeltaTokens();
    const error = await getPage(relative(page['@odata.deltaLink'] as string)).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(GraphError);
    expect(error).toMatchObject({ statusCode: 410, code: 'syncStateNotFound' });
    expect((error as GraphError).headers?.get('Location')).toContain('/contacts/delta?$select=givenName');
  });

  it('surfaces a dropped connection as a GraphError with status 200, no code and the fetch error as body', async () => {
    server.sim.faults.push({ kind: 'drop' });
    const error = await getPage(deltaPath()).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(GraphError);
    expect(error).toMatchObject({ statusCode: 200, code: null, body: expect.objectContaining({ name: 'TypeError', message: 'terminated' }) });
  });
});
