import { SELECTED_CONTACT_FIELDS } from '../../../api/src/contacts/mapContact';
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

  /** The default Contacts folder and every folder below it, walked like `GraphContactSource.listFolders`: level by level. */
  async listFolders(): Promise<FloorFolder[]> {
    const root = await this.get<Record<string, unknown>>('/me/contactFolders/contacts');
    const folders: FloorFolder[] = [];
    for (let level = [root]; level.length > 0;) {
      folders.push(...level.map((folder) => ({ id: String(folder.id), displayName: typeof folder.displayName === 'string' ? folder.displayName : '' })));
      level = (await Promise.all(level.map((folder) => this.childFolders(String(folder.id))))).flat();
    }
    return folders;
  }

  private async childFolders(id: string): Promise<Array<Record<string, unknown>>> {
    const children: Array<Record<string, unknown>> = [];
    let url: string | undefined = `/me/contactFolders/${encodeURIComponent(id)}/childFolders?$top=100`;
    while (url) {
      const page: GraphPage = await this.get(url);
      children.push(...page.value);
      url = page['@odata.nextLink'];
    }
    return children;
  }

  /** The engine's first URL of a folder's full delta round. */
  initialDeltaUrl(folderId: string): string {
    return `/me/contactFolders/${encodeURIComponent(folderId)}/contacts/delta?$select=${SELECTED_CONTACT_FIELDS.join(',')}`;
  }

  deltaPage(url: string): Promise<GraphPage> {
    return this.get(url, { Prefer: DELTA_PREFER });
  }

  private get<T>(url: string, headers: Record<string, string> = {}): Promise<T> {
    const absolute = url.startsWith('http') ? url : `${this.baseUrl}${url}`;
    return this.gate.run(async () => {
      this.requests += 1;
      const response = await fetch(absolute, { headers: { ...headers, Authorization: `Bearer ${this.token}` } });
      if (!response.ok) throw new Error(`GET ${absolute} answered ${response.status}: ${await response.text()}`);
      return (await response.json()) as T;
    });
  }
}
