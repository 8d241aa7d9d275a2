"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.FolderTree = void 0;
exports.folderShape = folderShape;
const folderLog_1 = require("./folderLog");
/** The folder tree of one mailbox: the default Contacts folder (under a hidden root) and its descendants. */
class FolderTree {
    ids;
    rootFolderId;
    defaultFolder;
    byId = new Map();
    serials = 0;
    constructor(ids) {
        this.ids = ids;
        this.rootFolderId = ids.next('folder');
        this.defaultFolder = this.create('Contacts', this.rootFolderId);
    }
    /** A folder by id, or the default folder by its well-known name `contacts`. */
    find(idOrWellKnownName) {
        if (idOrWellKnownName.toLowerCase() === 'contacts')
            return this.defaultFolder;
        return this.byId.get(idOrWellKnownName);
    }
    require(id) {
        const folder = this.find(id);
        if (!folder)
            throw new RangeError(`no contact folder ${JSON.stringify(id)}`);
        return folder;
    }
    add(displayName, parentId) {
        const parent = this.require(parentId);
        const folder = this.create(displayName, parent.id);
        parent.childIds.push(folder.id);
        return folder;
    }
    /** Unlinks a folder and returns it with all its descendants (deepest last); the default folder stays. */
    remove(id) {
        const folder = this.require(id);
        if (folder === this.defaultFolder)
            throw new RangeError('the default Contacts folder cannot be deleted');
        const parent = this.require(folder.parentFolderId);
        parent.childIds.splice(parent.childIds.indexOf(folder.id), 1);
        const removed = this.descendantsOf(folder);
        for (const gone of removed)
            this.byId.delete(gone.id);
        return removed;
    }
    children(id) {
        return this.require(id).childIds.map((childId) => this.require(childId));
    }
    /** Every folder, the default one first, parents before children. */
    all() {
        return this.descendantsOf(this.defaultFolder);
    }
    descendantsOf(start) {
        const out = [start];
        for (let i = 0; i < out.length; i += 1)
            out.push(...this.children(out[i]?.id ?? ''));
        return out;
    }
    create(displayName, parentFolderId) {
        this.serials += 1;
        const folder = {
            serial: this.serials, id: this.ids.next('folder'), displayName, parentFolderId,
            childIds: [], memberIds: new Set(), log: new folderLog_1.FolderLog(),
        };
        this.byId.set(folder.id, folder);
        return folder;
    }
}
exports.FolderTree = FolderTree;
function folderShape(folder) {
    return { id: folder.id, displayName: folder.displayName, parentFolderId: folder.parentFolderId };
}
//# sourceMappingURL=folderTree.js.map