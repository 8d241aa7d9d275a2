import { FolderLog } from './folderLog';
import { GraphIdFactory } from './graphIds';

/** A contact folder as Graph lists it. */
export interface ContactFolderShape {
  id: string;
  displayName: string;
  parentFolderId: string;
}

/** A folder of the simulated mailbox with its contents and history. */
export interface SimFolder {
  /** Small number naming the folder inside tokens. */
  readonly serial: number;
  readonly id: string;
  displayName: string;
  parentFolderId: string;
  /** Child folder ids in creation order. */
  readonly childIds: string[];
  /** Ids of the contacts in the folder now. */
  readonly memberIds: Set<string>;
  readonly log: FolderLog;
}

/** The folder tree of one mailbox: the default Contacts folder (under a hidden root) and its descendants. */
export class FolderTree {
  readonly rootFolderId: string;
  readonly defaultFolder: SimFolder;
  private readonly byId = new Map<string, SimFolder>();
  private serials = 0;

  constructor(private readonly ids: GraphIdFactory) {
    this.rootFolderId = ids.next('folder');
    this.defaultFolder = this.create('Contacts', this.rootFolderId);
  }

  /** A folder by id, or the default folder by its well-known name `contacts`. */
  find(idOrWellKnownName: string): SimFolder | undefined {
    if (idOrWellKnownName.toLowerCase() === 'contacts') return this.defaultFolder;
    return this.byId.get(idOrWellKnownName);
  }

  require(id: string): SimFolder {
    const folder = this.find(id);
    if (!folder) throw new RangeError(`no contact folder ${JSON.stringify(id)}`);
    return folder;
  }

  add(displayName: string, parentId: string): SimFolder {
    const parent = this.require(parentId);
    const folder = this.create(displayName, parent.id);
    parent.childIds.push(folder.id);
    return folder;
  }

  /** Unlinks a folder and returns it with all its descendants (deepest last); the default folder stays. */
  remove(id: string): SimFolder[] {
    const folder = this.require(id);
    if (folder === this.defaultFolder) throw new RangeError('the default Contacts folder cannot be deleted');
    const parent = this.require(folder.parentFolderId);
    parent.childIds.splice(parent.childIds.indexOf(folder.id), 1);
    const removed = this.descendantsOf(folder);
    for (const gone of removed) this.byId.delete(gone.id);
    return removed;
  }

  rename(id: string, displayName: string): SimFolder {
    const folder = this.require(id);
    folder.displayName = displayName;
    return folder;
  }

  /** Moves a folder (with its subtree) under another folder; not into itself or below itself. */
  move(id: string, toParentId: string): SimFolder {
    const folder = this.require(id);
    const to = this.require(toParentId);
    if (folder === this.defaultFolder) throw new RangeError('the default Contacts folder cannot be moved');
    if (this.descendantsOf(folder).includes(to)) throw new RangeError('a folder cannot move below itself');
    const from = this.require(folder.parentFolderId);
    from.childIds.splice(from.childIds.indexOf(folder.id), 1);
    to.childIds.push(folder.id);
    folder.parentFolderId = to.id;
    return folder;
  }

  /** Whether `id` is `ancestorId` or below it. */
  isWithin(id: string, ancestorId: string): boolean {
    for (let folder = this.byId.get(id); folder; folder = this.byId.get(folder.parentFolderId)) {
      if (folder.id === ancestorId) return true;
    }
    return false;
  }

  children(id: string): SimFolder[] {
    return this.require(id).childIds.map((childId) => this.require(childId));
  }

  /** Every folder, the default one first, parents before children. */
  all(): SimFolder[] {
    return this.descendantsOf(this.defaultFolder);
  }

  private descendantsOf(start: SimFolder): SimFolder[] {
    const out = [start];
    for (let i = 0; i < out.length; i += 1) out.push(...this.children(out[i]?.id ?? ''));
    return out;
  }

  private create(displayName: string, parentFolderId: string): SimFolder {
    this.serials += 1;
    const folder: SimFolder = {
      serial: this.serials, id: this.ids.next('folder'), displayName, parentFolderId,
      childIds: [], memberIds: new Set(), log: new FolderLog(),
    };
    this.byId.set(folder.id, folder);
    return folder;
  }
}

export function folderShape(folder: SimFolder): ContactFolderShape {
  return { id: folder.id, displayName: folder.displayName, parentFolderId: folder.parentFolderId };
}
