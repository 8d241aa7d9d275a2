import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { ChangeNotificationItem, LifecycleNotificationItem } from './notificationPayloads';

/** One POST a test endpoint received. */
export interface ReceivedPost {
  /** `/notify` or `/lifecycle` (any path is accepted). */
  path: string;
  /** The query string as received (with `?`). */
  search: string;
  /** The decoded `validationToken`, when the POST was a validation handshake. */
  validationToken: string | null;
  headers: IncomingHttpHeaders;
  body: string;
}

/** How the endpoint answers a POST (default: echo a validation token with 200, else 202). */
export type ReceiverAnswer = (post: ReceivedPost) => { status: number; body?: string; delayMs?: number };

/** A local notification endpoint for tests (plain http on 127.0.0.1, which the simulator accepts). */
export interface WebhookReceiver {
  notificationUrl: string;
  lifecycleUrl: string;
  /** Every POST received, in order. */
  readonly posts: ReceivedPost[];
  /** Replace to change how it answers. */
  answer: ReceiverAnswer;
  /** The POSTs to a path that were not validation handshakes. */
  deliveries(path?: string): ReceivedPost[];
  /** Their items, flattened. */
  notifications(path?: string): ChangeNotificationItem[];
  lifecycleEvents(): LifecycleNotificationItem[];
  close(): Promise<void>;
}

export const echoValidation: ReceiverAnswer = (post) => (post.validationToken === null ? { status: 202 } : { status: 200, body: post.validationToken });

/** Test helper: starts a notification endpoint on a free port. */
export async function startWebhookReceiver(): Promise<WebhookReceiver> {
  const posts: ReceivedPost[] = [];
  const receiver = { answer: echoValidation };
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const url = new URL(req.url ?? '/', 'http://receiver');
      const post = { path: url.pathname, search: url.search, validationToken: url.searchParams.get('validationToken'), headers: req.headers, body: Buffer.concat(chunks).toString('utf8') };
      posts.push(post);
      const { status, body = '', delayMs = 0 } = receiver.answer(post);
      setTimeout(() => res.writeHead(status, { 'Content-Type': 'text/plain' }).end(body), delayMs).unref();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const deliveries = (path = '/notify'): ReceivedPost[] => posts.filter((post) => post.path === path && post.validationToken === null);
  const items = <T>(path: string): T[] => deliveries(path).flatMap((post) => (JSON.parse(post.body) as { value: T[] }).value);
  return Object.assign(receiver, {
    notificationUrl: `${base}/notify`, lifecycleUrl: `${base}/lifecycle`, posts, deliveries,
    notifications: (path = '/notify') => items<ChangeNotificationItem>(path),
    lifecycleEvents: () => items<LifecycleNotificationItem>('/lifecycle'),
    close: () => new Promise<void>((resolve) => { server.closeAllConnections(); server.close(() => resolve()); }),
  });
}

/**
 * For a test file: one receiver for all its tests (started before them, closed after), reset before each test
 * to echo validation requests and to have recorded nothing yet.
 */
export function useWebhookReceiver(): { readonly receiver: WebhookReceiver } {
  const holder: { receiver?: WebhookReceiver } = {};
  beforeAll(async () => { holder.receiver = await startWebhookReceiver(); });
  afterAll(() => holder.receiver?.close());
  beforeEach(() => {
    if (!holder.receiver) return;
    holder.receiver.answer = echoValidation;
    holder.receiver.posts.length = 0;
  });
  return {
    get receiver(): WebhookReceiver {
      if (!holder.receiver) throw new Error('the webhook receiver is not started yet');
      return holder.receiver;
    },
  };
}
