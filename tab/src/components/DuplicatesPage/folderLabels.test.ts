import type { Contact, DuplicateGroup } from '../../api/apiTypes';
import { folderLabels } from './folderLabels';

/** A group of contacts in these folders; a folder id `name:id` has that display name, a plain id none. */
function group(...folders: string[]): DuplicateGroup {
  const contact = (folder: string) => {
    const [name, folderId] = folder.includes(':') ? folder.split(':') : ['', folder];
    return { folderId, folderName: name } as Contact;
  };
  return { kind: 'phone', value: '+1', contacts: folders.map(contact), total: folders.length };
}

describe('folderLabels', () => {
  it.each([
    ['no groups', [], []],
    ['two folders', [group('inbox', 'work')], [['inbox', 'Folder A'], ['work', 'Folder B']]],
    ['the same folder in two groups keeps its label', [group('work', 'inbox'), group('inbox', 'home')], [['work', 'Folder A'], ['inbox', 'Folder B'], ['home', 'Folder C']]],
    ['two contacts of one folder', [group('work', 'work')], [['work', 'Folder A']]],
    ['named folders by their names', [group('Contacts:inbox', 'Work:work')], [['inbox', 'Contacts'], ['work', 'Work']]],
    ['only the folders without a name by letter', [group('Contacts:inbox', 'work'), group('home', 'Contacts:inbox')], [['inbox', 'Contacts'], ['work', 'Folder A'], ['home', 'Folder B']]],
    ['two folders of one name by number', [group('Work:w1', 'Contacts:inbox'), group('Work:w2', 'Work:w1')], [['w1', 'Work (1)'], ['inbox', 'Contacts'], ['w2', 'Work (2)']]],
  ])('labels %s', (_case, groups, labels) => {
    expect([...folderLabels(groups).entries()]).toEqual(labels);
  });

  it('goes on after Z with two letters', () => {
    const ids = Array.from({ length: 28 }, (_v, i) => `f${i}`);
    const labels = folderLabels([group(...ids)]);
    expect([labels.get('f0'), labels.get('f25'), labels.get('f26'), labels.get('f27')]).toEqual(['Folder A', 'Folder Z', 'Folder AA', 'Folder AB']);
  });
});
