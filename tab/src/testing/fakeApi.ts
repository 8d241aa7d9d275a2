import type { Contact, SyncStatus } from '../api/apiTypes';

/** A reply of the fake API: status and JSON body (an API error is `{ code, message }`). */
export interface FakeReply {
  status: number;
  body: unknown;
  headers?: Record<string, string>;
}

type Handler = (url: URL, init: RequestInit) => FakeReply | undefined;

/**
 * The API's HTTP answers for component tests: routes by method and path, in the API's wire format
 * (`{code,message,correlationId}` errors), served through a `fetch` the ApiClient takes. Records each call.
 */
export class FakeApi {
  readonly calls: string[] = [];
  private readonly routes = new Map<string, Handler>();
  /** Requests that fail as when the server cannot be reached. */
  readonly unreachable = new Set<string>();

  on(method: string, path: string, handler: Handler | FakeReply): this {
    this.routes.set(`${method} ${path}`, typeof handler === 'function' ? handler : () => handler);
    return this;
  }

  readonly fetch = ((input: RequestInfo | URL, init: RequestInit = {}) => {
    const url = new URL(typeof input === 'string' ? input : input instanceof URL ? input.href : input.url, 'https://tab.test');
    const key = `${init.method ?? 'GET'} ${url.pathname}`;
    this.calls.push(key);
    if (this.unreachable.has(key)) return Promise.reject(new TypeError('Failed to fetch'));
    const reply = this.routes.get(key)?.(url, init) ?? { status: 404, body: '' };
    // jsdom has no fetch Response: the few members the ApiClient reads.
    const headers = new Map(Object.entries({ 'content-type': 'application/json', ...reply.headers }));
    return Promise.resolve({
      ok: reply.status >= 200 && reply.status < 300, status: reply.status,
      headers: { get: (name: string) => headers.get(name.toLowerCase()) ?? null },
      json: () => (typeof reply.body === 'string' ? Promise.reject(new SyntaxError('not JSON')) : Promise.resolve(reply.body)),
    } as unknown as Response);
  }) as typeof fetch;
}

/** An API error body as the API sends it. */
export function apiError(status: number, code: string, message = code, headers?: Record<string, string>): FakeReply {
  return { status, body: { code, message, correlationId: 'corr-1' }, headers };
}

const ZERO = { new: 0, updated: 0, deleted: 0, unchanged: 0, skipped: 0 };

/** A sync status; `none` by default. */
export function status(patch: Partial<SyncStatus> = {}): SyncStatus {
  return {
    syncId: null, state: 'none', trigger: null, full: null, startedAt: null, endedAt: null, pagesDone: 0,
    contactsProcessed: 0, contactsStored: 0, readingFolders: [], counts: ZERO, problems: [], error: null, ...patch,
  };
}

/** Contact number `i` of a generated mailbox; every 7th is deleted in Outlook. */
export function contactAt(i: number): Contact {
  return {
    id: `c${i}`, folderId: 'f', folderName: 'Contacts', firstName: `First${i}`, lastName: `Last${i}`, companyName: '', phone: `+1 555 ${String(i).padStart(7, '0')}`,
    phoneE164: '', phoneInvalid: false, email: `p${i}@contoso.example`, deletedAtSource: i % 7 === 3, deletedAtSourceAt: '', lastChangedAt: '',
    sources: [{ folderId: 'f', folderName: 'Contacts', contactId: `c${i}` }], phoneBound: false, emailBound: false,
  };
}

/** Serves GET /api/contacts over `total` generated contacts with the API's top/skip paging and search. */
export function contactsRoute(total: number): Handler {
  return (url) => {
    const top = Number(url.searchParams.get('top') ?? 50);
    const skip = Number(url.searchParams.get('skip') ?? 0);
    const search = url.searchParams.get('search');
    const indexes = search ? [Number(/\d+/.exec(search)?.[0] ?? -1)].filter((i) => i >= 0 && i < total) : undefined;
    const count = indexes ? indexes.length : total;
    const page = Array.from({ length: Math.max(0, Math.min(top, count - skip)) }, (_v, k) => contactAt(indexes ? indexes[skip + k] ?? 0 : skip + k));
    return { status: 200, body: { contacts: page, more: skip + top < count } };
  };
}
