import { folderShape, type SimFolder } from './folderTree';
import { type GraphRequestContext, queryParam, type SimResponse } from './graphContext';
import { badRequest, itemNotFound } from './graphErrors';
import { readToken } from './tokenChecks';

/** Page size of folder listings without `$top`. */
export const DEFAULT_FOLDER_PAGE_SIZE = 10;
const MAX_TOP = 1000;

/** `GET /me/contactFolders/{id}`: one folder, by id or the well-known name `contacts`. */
export function handleGetFolder(ctx: GraphRequestContext, folderId: string): SimResponse {
  const folder = requireFolder(ctx, folderId);
  return { status: 200, body: { '@odata.context': `${ctx.baseUrl}/$metadata#contactFolders/$entity`, ...folderShape(folder) } };
}

/**
 * `GET /me/contactFolders` (the folders under the default Contacts folder) and
 * `GET /me/contactFolders/{id}/childFolders`: paged by `$top` (default 10) with an opaque `$skiptoken`.
 */
export function handleListFolders(ctx: GraphRequestContext, parentId?: string): SimResponse {
  const parent = requireFolder(ctx, parentId ?? 'contacts');
  const skipToken = queryParam(ctx.url, '$skiptoken');
  const { offset, top } = skipToken === undefined
    ? { offset: 0, top: parseTop(queryParam(ctx.url, '$top')) }
    : readToken(ctx, parent, skipToken, 'folders');
  const children = ctx.mailbox.childFolders(parent.id);
  const end = offset + top;
  const body: Record<string, unknown> = {
    '@odata.context': `${ctx.baseUrl}/$metadata#Collection(contactFolder)`,
    value: children.slice(offset, end).map(folderShape),
  };
  if (end < children.length) {
    const token = ctx.sim.tokens.encode({
      kind: 'folders', mailbox: ctx.mailbox.tag, incarnation: ctx.mailbox.incarnation, folder: parent.serial, offset: end, top,
    });
    const path = parentId === undefined ? '/me/contactFolders' : `/me/contactFolders/${encodeURIComponent(parent.id)}/childFolders`;
    body['@odata.nextLink'] = `${ctx.baseUrl}${path}?$skiptoken=${encodeURIComponent(token)}`;
  }
  return { status: 200, body };
}

function requireFolder(ctx: GraphRequestContext, folderId: string): SimFolder {
  const folder = ctx.mailbox.findFolder(folderId);
  if (!folder) throw itemNotFound();
  return folder;
}

function parseTop(raw: string | undefined): number {
  if (raw === undefined) return DEFAULT_FOLDER_PAGE_SIZE;
  const top = Number(raw);
  if (!/^\d+$/.test(raw) || top < 1 || top > MAX_TOP) throw badRequest(`Invalid value '${raw}' for $top: a whole number between 1 and ${MAX_TOP} is expected.`);
  return top;
}
