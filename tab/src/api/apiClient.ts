import type {
  ChangePage, ContactPage, DisconnectResult, Duplicates, Integration, Me, OrgHealth, Policy, Schedule, ScheduleChoice, SkippedPage, SyncHistoryEntry, SyncStatus,
} from './apiTypes';
import { ApiError, UNREACHABLE, errorOf } from './apiError';

/** Gives an SSO token for the API (Teams SSO, or the local development sign-in). */
export type TokenSource = () => Promise<string>;

/** The typed client of the HTTP API: one method per endpoint the tab uses. */
export class ApiClient {
  constructor(private readonly baseUrl: string, private readonly token: TokenSource, private readonly fetchFn: typeof fetch = (...a) => fetch(...a)) {}

  me(): Promise<Me> { return this.call('GET', '/api/me'); }
  startSync(full = false): Promise<{ syncId: string; statusUrl: string }> { return this.call('POST', '/api/sync', { full }); }
  syncStatus(): Promise<SyncStatus> { return this.call('GET', '/api/sync/status'); }
  history(top = 20): Promise<{ syncs: SyncHistoryEntry[] }> { return this.call('GET', `/api/sync/history?top=${top}`); }
  changes(syncId: string, continuationToken?: string): Promise<ChangePage> {
    const query = new URLSearchParams({ top: '100', ...(continuationToken ? { continuationToken } : {}) });
    return this.call('GET', `/api/sync/history/${encodeURIComponent(syncId)}/changes?${query.toString()}`);
  }
  skipped(syncId: string, continuationToken?: string): Promise<SkippedPage> {
    const query = new URLSearchParams({ top: '100', ...(continuationToken ? { continuationToken } : {}) });
    return this.call('GET', `/api/sync/history/${encodeURIComponent(syncId)}/skipped?${query.toString()}`);
  }
  contacts(query: { search?: string; top: number; skip: number }): Promise<ContactPage> {
    const params = new URLSearchParams({ top: String(query.top), skip: String(query.skip) });
    if (query.search) params.set('search', query.search);
    return this.call('GET', `/api/contacts?${params.toString()}`);
  }
  /** Groups of contacts that share a number or an address (the same person in two folders, most often). */
  duplicates(top = 100): Promise<Duplicates> { return this.call('GET', `/api/contacts/duplicates?top=${top}`); }
  saveSchedule(choice: ScheduleChoice): Promise<Schedule> { return this.call('PUT', '/api/me/schedule', choice); }
  disconnect(eraseContacts: boolean): Promise<DisconnectResult> { return this.call('DELETE', '/api/me/connection', { eraseContacts }); }
  integration(): Promise<Integration> { return this.call('GET', '/api/org/integration'); }
  saveIntegration(value: Integration): Promise<Integration> { return this.call('PUT', '/api/org/integration', value); }
  policy(): Promise<Policy> { return this.call('GET', '/api/org/policy'); }
  savePolicy(value: Policy): Promise<Policy> { return this.call('PUT', '/api/org/policy', value); }
  health(continuationToken?: string): Promise<OrgHealth> {
    const query = new URLSearchParams({ top: '50', ...(continuationToken ? { continuationToken } : {}) });
    return this.call('GET', `/api/org/health?${query.toString()}`);
  }

  private async call<T>(method: string, path: string, body?: unknown): Promise<T> {
    const token = await this.token();
    let response: Response;
    try {
      response = await this.fetchFn(`${this.baseUrl}${path}`, {
        method,
        headers: { authorization: `Bearer ${token}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
    } catch {
      throw new ApiError(UNREACHABLE, 'The Outlook Contact Sync service could not be reached.', 0);
    }
    if (!response.ok) throw await errorOf(response);
    return await response.json() as T;
  }
}
