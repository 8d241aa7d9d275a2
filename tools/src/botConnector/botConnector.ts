import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { ConnectorErrorReply } from './connectorErrors';

/** One activity the bot sent: a reply (it names the activity it answers) or a proactive message. */
export interface SentActivity {
  conversationId: string;
  replyToId?: string;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- tests read any field of the activity
  activity: any;
  at: number;
}

/** Every request that reached the stand-in, refused or not (to see retries). */
export interface ConnectorRequest {
  conversationId: string;
  status: number;
  at: number;
}

/** A local Bot Connector at the activities' `serviceUrl`. */
export interface RunningBotConnector {
  /** The `serviceUrl` to put in activities (ends with `/`). */
  url: string;
  sent: SentActivity[];
  requests: ConnectorRequest[];
  /** Answers the next `times` sends into `conversationId` with `reply` (a real connector error). */
  failNext(conversationId: string, reply: ConnectorErrorReply, times?: number): void;
  /** Answers every send into `conversationId` with `reply` until cleared. */
  failAlways(conversationId: string, reply: ConnectorErrorReply | undefined): void;
  /** Resolves when `count` activities have reached `conversationId` (or throws after `timeoutMs`). */
  waitForSent(conversationId: string, count: number, timeoutMs?: number): Promise<SentActivity[]>;
  stop(): Promise<void>;
}

const ACTIVITIES = /^\/v3\/conversations\/([^/]+)\/activities(?:\/([^/]+))?\/?$/;

/**
 * Starts the stand-in on loopback. It takes `POST /v3/conversations/{id}/activities[/{replyToId}]`, the
 * calls botbuilder makes for replies and proactive messages, records them, and can refuse them the way
 * Teams does. Local mode sends no token, so none is checked.
 */
export async function startBotConnector(): Promise<RunningBotConnector> {
  const sent: SentActivity[] = [];
  const requests: ConnectorRequest[] = [];
  const scripted = new Map<string, { reply: ConnectorErrorReply; times: number }>();
  const server = createServer((req, res) => {
    void handle(req, res).catch((error: unknown) => {
      res.writeHead(500, { 'content-type': 'application/json' }).end(JSON.stringify({ error: { code: 'ServiceError', message: String(error) } }));
    });
  });
  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const match = ACTIVITIES.exec(new URL(req.url ?? '/', 'http://x').pathname);
    const body = await readBody(req);
    if (req.method !== 'POST' || !match) {
      res.writeHead(404, { 'content-type': 'application/json' }).end(JSON.stringify({ error: { code: 'NotFound', message: 'Not a connector route of this stand-in' } }));
      return;
    }
    const conversationId = decodeURIComponent(match[1] ?? '');
    const failure = scripted.get(conversationId);
    if (failure && failure.times > 0) {
      failure.times -= 1;
      requests.push({ conversationId, status: failure.reply.status, at: Date.now() });
      const headers: Record<string, string> = { 'content-type': 'application/json' };
      if (failure.reply.retryAfterSeconds !== undefined) headers['retry-after'] = String(failure.reply.retryAfterSeconds);
      res.writeHead(failure.reply.status, headers).end(JSON.stringify(failure.reply.body));
      return;
    }
    requests.push({ conversationId, status: 200, at: Date.now() });
    sent.push({ conversationId, replyToId: match[2] ? decodeURIComponent(match[2]) : undefined, activity: JSON.parse(body || '{}') as unknown, at: Date.now() });
    res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ id: randomUUID() }));
  }
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/`, sent, requests,
    failNext: (conversationId, reply, times = 1) => { scripted.set(conversationId, { reply, times }); },
    failAlways: (conversationId, reply) => {
      if (reply) scripted.set(conversationId, { reply, times: Number.POSITIVE_INFINITY });
      else scripted.delete(conversationId);
    },
    waitForSent: async (conversationId, count, timeoutMs = 20_000) => {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const into = sent.filter((activity) => activity.conversationId === conversationId);
        if (into.length >= count) return into;
        if (Date.now() > deadline) throw new Error(`only ${into.length} of ${count} activities reached ${conversationId}`);
        await new Promise((resolve) => setTimeout(resolve, 25));
      }
    },
    stop: () => new Promise<void>((resolve) => { server.closeAllConnections(); server.close(() => resolve()); }),
  };
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}
