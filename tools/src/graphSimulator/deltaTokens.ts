import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

/** Where a token belongs: one folder of one incarnation of one mailbox. */
export interface TokenScope {
  /** The mailbox's tag (a hash of tenant and user). */
  mailbox: string;
  /** Changes when the mailbox is re-created, which makes its old tokens unknown (410). */
  incarnation: number;
  /** The folder's serial within the mailbox. */
  folder: number;
}

/** A `$skiptoken` of a delta round: the round's window of versions and how far it has been read. */
export interface SkipTokenState extends TokenScope {
  kind: 'skip';
  /** The version the round continues from; -1 for a full (initial) round. */
  from: number;
  /** The snapshot version: the mailbox version when the round's first page was asked. */
  to: number;
  /** How many positions of the round have been read. */
  cursor: number;
  select?: string[];
  /** Shuffle permutation `(a·k + b) mod n`, fixed at the round's start. */
  perm?: [number, number];
}

/** A `$deltatoken`: where the next round starts. */
export interface DeltaTokenState extends TokenScope {
  kind: 'delta';
  version: number;
  select?: string[];
  /** Issue serial, compared with the simulator's expiry mark. */
  issued: number;
}

/** A `$skiptoken` of a folder listing. */
export interface FolderPageTokenState extends TokenScope {
  kind: 'folders';
  offset: number;
  top: number;
}

/** A `$skiptoken` of a `contactFolders/delta` round (scope folder 0: the tree, not one folder). */
export interface FolderTreeSkipState extends TokenScope {
  kind: 'treeSkip';
  /** The version the round continues from; -1 for a full round. */
  from: number;
  to: number;
  cursor: number;
}

/** A `$deltatoken` of `contactFolders/delta`. */
export interface FolderTreeDeltaState extends TokenScope {
  kind: 'treeDelta';
  version: number;
  issued: number;
}

export type TokenState = SkipTokenState | DeltaTokenState | FolderPageTokenState | FolderTreeSkipState | FolderTreeDeltaState;

/** `foreign`: a well-formed token of another simulator run, whose state is gone (Graph's 410). */
export type DecodedToken = { status: 'ok'; state: TokenState } | { status: 'foreign' } | { status: 'invalid' };

/** Makes tokens opaque to clients: base64url JSON plus an HMAC, so edited tokens are refused. */
export class TokenCodec {
  private readonly instance = randomBytes(6).toString('base64url');

  constructor(private readonly secret: Buffer = randomBytes(32)) {}

  encode(state: TokenState): string {
    const body = Buffer.from(JSON.stringify({ ...state, run: this.instance })).toString('base64url');
    return `${body}.${this.mac(body)}`;
  }

  decode(token: string): DecodedToken {
    const [body, mac, extra] = token.split('.');
    if (!body || !mac || extra !== undefined) return { status: 'invalid' };
    let parsed: unknown;
    try {
      parsed = JSON.parse(Buffer.from(body, 'base64url').toString('utf8'));
    } catch {
      return { status: 'invalid' };
    }
    if (!isRecord(parsed) || typeof parsed.run !== 'string') return { status: 'invalid' };
    if (parsed.run !== this.instance) return { status: 'foreign' };
    if (!safeEqual(mac, this.mac(body)) || !hasScope(parsed)) return { status: 'invalid' };
    const { run: _run, ...state } = parsed;
    return { status: 'ok', state: state as unknown as TokenState };
  }

  private mac(body: string): string {
    return createHmac('sha256', this.secret).update(body).digest('base64url').slice(0, 22);
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

function hasScope(value: Record<string, unknown>): boolean {
  return typeof value.mailbox === 'string' && typeof value.incarnation === 'number' && typeof value.folder === 'number'
    && ['skip', 'delta', 'folders', 'treeSkip', 'treeDelta'].includes(value.kind as string);
}

function safeEqual(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}
