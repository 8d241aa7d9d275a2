import { SELECTED_CONTACT_FIELDS } from '../../../api/src/contacts/mapContact';
import { type BatchOutcome, getInBatches } from '../../../api/src/graph/graphBatch';
import { DELTA_PAGE_SIZE } from '../../../api/src/graph/graphContactSource';
import type { Gate } from './concurrency';

/** The engine's delta headers, byte for byte. */
const DELTA_PREFER = `odata.maxpagesize=${DELTA_PAGE_SIZE}, IdType="ImmutableId"`;

/** A Graph collection page as it comes off the wire. */
export interface GraphPage {
  value: Array<Record<string, unknown>>;
  '@odata.nextLink'?: string;
  '@odata.deltaLink'?: string;
}

/** A folder as the floor needs it. */
export interface FloorFolder {
  id: string;
  displayName: string;
}

/**
 * Raw Graph reads for the I/O floor: plain `fetch` (what the SDK uses underneath), the same URLs, `$select`,
 * `Prefer` headers and folder walk as the engine, behind the same 4-request gate. No retries, no mapping.
 */
export class FloorGraph {
  /** Requests sent so far. */
  requests = 0;

  constructor(private readonly baseUrl: string, private readonly token: string, private readonly gate: Gate) {}

  /** The default Contacts folder and every folder below it, walked like `GraphContactSource.listFolders`: level by level, 20 to a `$batch`. */
  async listFolders(): Promise<FloorFolder[]> {
    const root = await this.get<Record<string, unknown>>('/me/contactFolders/contacts');
    const folders: FloorFolder[] = [folderOf(root)];
    for (let urls = [childFoldersUrl(String(root.id))]; urls.length > 0;) {
      const pages = await this.getMany<GraphPage>(urls);
      urls = [];
      for (const page of pages) {
        folders.push(...page.value.map(folderOf));
        urls.push(...page.value.map((child) => childFoldersUrl(String(child.id))));
        if (page['@odata.nextLink']) urls.push(page['@odata.nextLink']);
      }
    }
    return folders;
  }

  /** A folder delta round to its delta link (a full one without `url`), as the engine reads it. */
  async folderDeltaRound(url = '/me/contactFolders/delta'): Promise<number> {
    let pages = 0;
    for (let next: string | undefined = url; next; pages += 1) next = (await this.get<GraphPage>(next, { Prefer: 'odata.maxpagesize=100' }))['@odata.nextLink'];
    return pages;
  }

  /** First pages of several delta rounds, 20 to a `$batch` (failures thrown: the floor has no fallback). */
  async deltaPages(urls: string[]): Promise<GraphPage[]> {
    if (urls.length < 2) return Promise.all(urls.map((url) => this.deltaPage(url)));
    return (await this.batch(urls, { Prefer: DELTA_PREFER })).map(bodyOf<GraphPage>);
  }

  private async getMany<T>(urls: string[]): Promise<T[]> {
    if (urls.length === 1) return [await this.get<T>(urls[0] ?? '')];
    return (await this.batch(urls, {})).map(bodyOf<T>);
  }

  private batch(urls: string[], headers: Record<string, string>): Promise<BatchOutcome[]> {
    const relative = urls.map((url) => (url.startsWith(this.baseUrl) ? url.slice(this.baseUrl.length) : url));
    return getInBatches(async (body) => {
      this.requests += body.requests.length - 1;
      return this.send('/$batch', {}, body);
    }, relative, headers, { sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)) });
  }

  /** The engine's first URL of a folder's full delta round. */
  initialDeltaUrl(folderId: string): string {
    return `/me/contactFolders/${encodeURIComponent(folderId)}/contacts/delta?$select=${SELECTED_CONTACT_FIELDS.join(',')}`;
  }

  deltaPage(url: string): Promise<GraphPage> {
    return this.get(url, { Prefer: DELTA_PREFER });
  }

  private get<T>(url: string, headers: Record<string, string> = {}): Promise<T> {
    return this.send(url, headers);
  }

  private send<T>(url: string, headers: Record<string, string>, body?: object): Promise<T> {
    const absolute = url.startsWith('http') ? url : `${this.baseUrl}${url}`;
    return this.gate.run(async () => {
      this.requests += 1;
      const response = await fetch(absolute, body === undefined
        ? { headers: { ...headers, Authorization: `Bearer ${this.token}` } }
        : { method: 'POST', body: JSON.stringify(body), headers: { ...headers, 'Content-Type': 'application/json', Authorization: `Bearer ${this.token}` } });
      if (!response.ok) throw new Error(`${body === undefined ? 'GET' : 'POST'} ${absolute} answered ${response.status}: ${await response.text()}`);
      return (await response.json()) as T;
    });
  }
}

function childFoldersUrl(id: string): string {
  return `/me/contactFolders/${encodeURIComponent(id)}/childFolders?$top=100`;
}

function folderOf(folder: Record<string, unknown>): FloorFolder {
  return { id: String(folder.id), displayName: typeof folder.displayName === 'string' ? folder.displayName : '' };
}

function bodyOf<T>(outcome: BatchOutcome): T {
  if ('error' in outcome) throw outcome.error;
  return outcome.body as T;
}
