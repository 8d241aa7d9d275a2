import type { ContactFolderInfo } from '../graph/contactSource';
import { applyFolderChanges, deltaCoversTree } from './folderTree';

const f = (id: string, parentFolderId: string, displayName = id): ContactFolderInfo => ({ id, displayName, parentFolderId });
const ROOT = f('root', 'hidden', 'Contacts');
const TREE = [ROOT, f('a', 'root'), f('b', 'root'), f('a1', 'a'), f('a1x', 'a1')];
const ids = (folders: ContactFolderInfo[]): string[] => folders.map((folder) => folder.id);

describe('applyFolderChanges', () => {
  it.each<[string, ContactFolderInfo[], string[], string[]]>([
    ['nothing changed', [], [], ['root', 'a', 'b', 'a1', 'a1x']],
    ['a folder added below a nested one', [f('n', 'a1x')], [], ['root', 'a', 'b', 'a1', 'a1x', 'n']],
    ['a child reported before its new parent', [f('c', 'p'), f('p', 'b')], [], ['root', 'a', 'b', 'a1', 'p', 'a1x', 'c']],
    ['a folder removed with its subtree (only the folder reported)', [], ['a'], ['root', 'b']],
    ['a subtree moved', [f('a1', 'b')], [], ['root', 'a', 'b', 'a1', 'a1x']],
    ['a folder moved out of the tree', [f('b', 'elsewhere')], [], ['root', 'a', 'a1', 'a1x']],
    ['the default folder reported removed (kept)', [], ['root'], ['root', 'a', 'b', 'a1', 'a1x']],
    ['an unknown id removed', [], ['zzz'], ['root', 'a', 'b', 'a1', 'a1x']],
  ])('%s', (_name, changed, removedIds, expected) => {
    expect(ids(applyFolderChanges(TREE, { changed, removedIds }))).toEqual(expected);
  });

  it('keeps the new name of a renamed folder and parents before children', () => {
    const after = applyFolderChanges(TREE, { changed: [f('a1', 'a', 'Renamed')], removedIds: [] });
    expect(after.find((folder) => folder.id === 'a1')?.displayName).toBe('Renamed');
  });

  it('returns nothing for an empty list', () => {
    expect(applyFolderChanges([], { changed: [f('a', 'root')], removedIds: [] })).toEqual([]);
  });
});

describe('deltaCoversTree', () => {
  it.each<[string, ContactFolderInfo[], boolean]>([
    ['every folder below the default one', TREE.slice(1), true],
    ['also the default folder itself', TREE, true],
    ['only the top level', [f('a', 'root'), f('b', 'root')], false],
    ['nothing, below a tree with folders', [], false],
  ])('%s', (_name, reported, covers) => {
    expect(deltaCoversTree(TREE, { changed: reported })).toBe(covers);
  });

  it('holds for a mailbox with only the default folder', () => {
    expect(deltaCoversTree([ROOT], { changed: [] })).toBe(true);
  });
});
