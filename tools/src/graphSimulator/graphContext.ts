import type { IncomingHttpHeaders } from 'node:http';
import type { GraphSimulator } from './graphSimulator';
import type { SimFolder } from './folderTree';
import type { Mailbox } from './mailbox';

/** What a Graph endpoint needs to answer one authenticated request. */
export interface GraphRequestContext {
  sim: Pick<GraphSimulator, 'knobs' | 'tokens' | 'issueTokenSerial' | 'isExpired'>;
  mailbox: Mailbox;
  url: URL;
  headers: IncomingHttpHeaders;
  /** `http://host:port/v1.0` as the client addressed the simulator; links are built on it. */
  baseUrl: string;
}

/** An answer before it is written. */
export interface SimResponse {
  status: number;
  headers?: Record<string, string>;
  body: unknown;
}

/** A query parameter by case-insensitive name (`$skipToken` = `$skiptoken`); `undefined` when absent. */
export function queryParam(url: URL, name: string): string | undefined {
  const wanted = name.toLowerCase();
  for (const [key, value] of url.searchParams) if (key.toLowerCase() === wanted) return value;
  return undefined;
}

/** A delta URL of the folder; with no token parameter, the URL of a fresh full round. */
export function deltaUrl(ctx: Pick<GraphRequestContext, 'baseUrl'>, folder: SimFolder, param?: string, value?: string): string {
  const base = `${ctx.baseUrl}/me/contactFolders/${encodeURIComponent(folder.id)}/contacts/delta`;
  return param && value !== undefined ? `${base}?${param}=${encodeURIComponent(value)}` : base;
}
