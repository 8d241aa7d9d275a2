import type { SyncStatusView } from '../../../api/src/services/syncStatusView';

/** An answer of the API: status and parsed JSON body. */
export interface ApiAnswer<T = Record<string, unknown>> {
  status: number;
  body: T | undefined;
}

/** A minimal client of the API, as the tab uses it: bearer SSO token, JSON in and out. */
export class ApiClient {
  constructor(private readonly baseUrl: string, private readonly token: () => Promise<string>) {}

  async call<T = Record<string, unknown>>(method: string, path: string, body?: unknown): Promise<ApiAnswer<T>> {
    const response = await fetch(`${this.baseUrl}${path}`, {
      method,
      headers: { authorization: `Bearer ${await this.token()}`, 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await response.text();
    return { status: response.status, body: text ? (JSON.parse(text) as T) : undefined };
  }

  /** The body of a call that must answer `status`; anything else is an error with the API's message. */
  async expect<T = Record<string, unknown>>(method: string, path: string, status: number, body?: unknown): Promise<T> {
    const response = await this.call<T>(method, path, body);
    if (response.status !== status || response.body === undefined) {
      throw new Error(`${method} ${path} answered ${response.status}: ${JSON.stringify(response.body)}`);
    }
    return response.body;
  }

  /** Starts a sync (POST /api/sync) and follows /api/sync/status until it ends; returns the final status. */
  async syncToEnd(timeoutMs = 120_000): Promise<unknown> {
    const started = await this.expect<{ syncId: string }>('POST', '/api/sync', 202, {});
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const status = await this.expect<SyncStatusView>('GET', '/api/sync/status', 200);
      if (status.syncId === started.syncId && (status.state === 'completed' || status.state === 'failed')) {
        return { state: status.state, ...status.counts, pagesDone: status.pagesDone, problems: status.problems };
      }
      if (Date.now() > deadline) throw new Error(`the sync did not end in ${timeoutMs} ms`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
}
