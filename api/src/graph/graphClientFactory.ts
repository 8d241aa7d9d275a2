import {
  Client, HTTPMessageHandler, RetryHandler, RetryHandlerOptions, type Context, type Middleware,
} from '@microsoft/microsoft-graph-client';
import { appThrottle } from './appThrottle';
import { retryAfterSeconds } from './retryAfter';

/** Gives a Graph access token for the mailbox being synced. */
export type GraphTokenProvider = () => Promise<string>;

/** Options for {@link createGraphClient}. */
export interface GraphClientOptions {
  /** e.g. `https://graph.microsoft.com/v1.0`; the bearer token is sent to this origin only. */
  baseUrl: string;
  getToken: GraphTokenProvider;
  /** Requests in flight at once for this mailbox (Graph's per-mailbox limit is 4). */
  maxConcurrency: number;
  /** Retries of 429/503/504, honouring Retry-After (the SDK's RetryHandler). */
  maxRetries?: number;
  /**
   * Longest Retry-After waited for, in seconds (the SDK waits up to 180 s a retry). A longer one is not
   * waited out inside the invocation: the request fails as `throttled` and the queue retries the sync.
   */
  maxRetryAfterSeconds?: number;
}

/** Counts what was sent, for the sync's record. */
export interface GraphRequestMeter {
  requests: number;
}

/**
 * A Graph SDK client whose middleware is: bearer token (for the configured origin only) → the SDK's
 * RetryHandler → a per-mailbox concurrency gate → the SDK's HTTP handler. The SDK's own
 * AuthenticationHandler is not used because it only signs https Graph hosts, not a local simulator.
 */
export function createGraphClient(options: GraphClientOptions): { client: Client; meter: GraphRequestMeter } {
  const meter: GraphRequestMeter = { requests: 0 };
  const chain: Middleware[] = [
    new BearerTokenMiddleware(new URL(options.baseUrl).origin, options.getToken),
    new RetryHandler(new RetryHandlerOptions(1, options.maxRetries ?? 5, retryAfterWithin(options.maxRetryAfterSeconds))),
    new ConcurrencyGate(options.maxConcurrency, meter),
    new HTTPMessageHandler(),
  ];
  chain.reduce((previous, next) => { previous.setNext?.(next); return next; });
  const first = chain[0];
  if (!first) throw new Error('empty middleware chain');
  const { host, version } = splitBaseUrl(options.baseUrl);
  return { client: Client.initWithMiddleware({ middleware: first, baseUrl: host, defaultVersion: version }), meter };
}

/** The RetryHandler's `shouldRetry`: no retry when Graph asks for a longer wait than `maxSeconds`. */
export function retryAfterWithin(maxSeconds: number | undefined): (...args: [number, number, unknown, unknown, Response]) => boolean {
  return (_delay, _attempt, _request, _options, response) => {
    const value = response.headers.get('Retry-After');
    if (value === null) return true;
    const seconds = retryAfterSeconds(value);
    // A 429 slows the whole app: the planner starts no scheduled sync before its Retry-After has passed.
    if (response.status === 429 && seconds !== undefined) appThrottle.note(seconds);
    return maxSeconds === undefined || !(seconds !== undefined && seconds > maxSeconds);
  };
}

/** `https://graph.microsoft.com/v1.0` → host `https://graph.microsoft.com`, version `v1.0` (the SDK's two settings). */
export function splitBaseUrl(baseUrl: string): { host: string; version: string } {
  const trimmed = baseUrl.replace(/\/+$/, '');
  const cut = trimmed.lastIndexOf('/');
  return { host: trimmed.slice(0, cut), version: trimmed.slice(cut + 1) };
}

class BearerTokenMiddleware implements Middleware {
  private next?: Middleware;

  constructor(private readonly origin: string, private readonly getToken: GraphTokenProvider) {}

  async execute(context: Context): Promise<void> {
    const url = typeof context.request === 'string' ? context.request : context.request.url;
    // Never send the user's token to another origin (a Location header or a forged nextLink).
    if (new URL(url).origin !== this.origin) throw new Error(`refusing to send a Graph token to ${new URL(url).origin}`);
    const headers = new Headers(context.options?.headers);
    headers.set('Authorization', `Bearer ${await this.getToken()}`);
    context.options = { ...context.options, headers };
    await this.next?.execute(context);
  }

  setNext(next: Middleware): void {
    this.next = next;
  }
}

/** Lets at most `limit` requests of one mailbox be in flight; counts each one sent (retries included). */
class ConcurrencyGate implements Middleware {
  private next?: Middleware;
  private running = 0;
  private readonly waiting: Array<() => void> = [];

  constructor(private readonly limit: number, private readonly meter: GraphRequestMeter) {}

  async execute(context: Context): Promise<void> {
    if (this.running >= this.limit) await new Promise<void>((resolve) => this.waiting.push(resolve));
    this.running += 1;
    this.meter.requests += 1;
    try {
      await this.next?.execute(context);
    } finally {
      this.running -= 1;
      this.waiting.shift()?.();
    }
  }

  setNext(next: Middleware): void {
    this.next = next;
  }
}
