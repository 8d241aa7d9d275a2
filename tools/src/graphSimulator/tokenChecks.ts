import type { DeltaTokenState, FolderPageTokenState, FolderTreeDeltaState, FolderTreeSkipState, SkipTokenState, TokenState } from './deltaTokens';
import type { SimFolder } from './folderTree';
import { deltaUrl, type GraphRequestContext } from './graphContext';
import { badRequest, GraphHttpError } from './graphErrors';

type StateOf<K extends TokenState['kind']> = K extends 'skip' ? SkipTokenState : K extends 'delta' ? DeltaTokenState
  : K extends 'treeSkip' ? FolderTreeSkipState : K extends 'treeDelta' ? FolderTreeDeltaState : FolderPageTokenState;

/** The `folder` of tokens that belong to the whole folder tree (folder serials start at 1). */
export const TREE_SCOPE = 0;

/**
 * Reads a token for this folder of this mailbox. A token of another folder, mailbox or kind, or an
 * edited one, is a 400; one whose state is gone (another simulator run, a re-created mailbox) a 410.
 */
export function readToken<K extends TokenState['kind']>(
  ctx: GraphRequestContext, folder: SimFolder | 'tree', token: string, kind: K,
): StateOf<K> {
  const scoped = folder === 'tree' ? undefined : folder;
  const decoded = ctx.sim.tokens.decode(token);
  if (decoded.status === 'foreign') throw expiredTokenError(ctx, scoped);
  if (decoded.status === 'invalid') throw invalidToken('The token is malformed.');
  const { state } = decoded;
  if (state.kind !== kind) throw invalidToken(`A ${state.kind} token was given where a ${kind} token is expected.`);
  if (state.mailbox !== ctx.mailbox.tag) throw invalidToken('The token belongs to another mailbox.');
  if (state.incarnation !== ctx.mailbox.incarnation) throw expiredTokenError(ctx, scoped);
  if (state.folder !== (scoped?.serial ?? TREE_SCOPE)) throw invalidToken('The token belongs to another folder.');
  return state as StateOf<K>;
}

/** Graph's 410 for a delta token it no longer knows, with the restart URL in `Location` (knobs decide both). */
export function expiredTokenError(ctx: GraphRequestContext, folder?: SimFolder, select?: string[]): GraphHttpError {
  const { expiredTokenCode, expiredTokenLocation } = ctx.sim.knobs;
  const message = expiredTokenCode === 'resyncRequired'
    ? 'Resync required. The delta token is no longer valid; restart with a full synchronization.'
    : 'The sync state generation is not found. The delta token is expired and data must be synchronized again.';
  const headers: Record<string, string> = {};
  if (folder && expiredTokenLocation) {
    const restart = deltaUrl(ctx, folder);
    headers.Location = select ? `${restart}?$select=${select.join(',')}` : restart;
  }
  return new GraphHttpError(410, expiredTokenCode, message, headers);
}

function invalidToken(message: string): GraphHttpError {
  return badRequest(message, 'invalidRequest');
}
