import type { Contact, DuplicateGroup } from '../../api/apiTypes';
import { folderLabels } from './folderLabels';

function group(...folderIds: string[]): DuplicateGroup {
  return { kind: 'phone', value: '+1', contacts: folderIds.map((folderId) => ({ folderId } as Contact)) };
}

describe('folderLabels', () => {
  it.each([
    ['no groups', [], []],
    ['two folders', [group('inbox', 'work')], [['inbox', 'Folder A'], ['work', 'Folder B']]],
    ['the same folder in two groups keeps its label', [group('work', 'inbox'), group('inbox', 'home')], [['work', 'Folder A'], ['inbox', 'Folder B'], ['home', 'Folder C']]],
    ['two contacts of one folder', [group('work', 'work')], [['work', 'Folder A']]],
  ])('labels %s', (_case, groups, labels) => {
    expect([...folderLabels(groups).entries()]).toEqual(labels);
  });

  it('goes on after Z with two letters', () => {
    const ids = Array.from({ length: 28 }, (_v, i) => `f${i}`);
    const labels = folderLabels([group(...ids)]);
    expect([labels.get('f0'), labels.get('f25'), labels.get('f26'), labels.get('f27')]).toEqual(['Folder A', 'Folder Z', 'Folder AA', 'Folder AB']);
  });
});
