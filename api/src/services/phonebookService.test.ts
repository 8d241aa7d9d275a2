import type { PhonebookMatch } from '../phonebook/phonebookSearch';
import { withFolderNames } from './phonebookService';

/** A match in `folderId` with one more source per extra folder (only the fields the naming reads matter). */
function match(folderId: string, ...others: string[]): PhonebookMatch {
  const sources = [folderId, ...others].map((folder, i) => ({ folderId: folder, contactId: `c${i}` }));
  return { id: 'c0', folderId, sources } as PhonebookMatch;
}

const NAMES = new Map([['inbox', 'Contacts'], ['work', 'Work'], ['blank', '']]);

describe('withFolderNames', () => {
  it.each([
    ['a known folder', match('inbox'), 'Contacts', ['Contacts']],
    ['each source by its own folder', match('work', 'inbox', 'work'), 'Work', ['Work', 'Contacts', 'Work']],
    ['a folder the last sync did not store as empty', match('gone', 'inbox'), '', ['', 'Contacts']],
    ['a folder stored without a name as empty', match('blank'), '', ['']],
  ])('names %s', (_case, item, folderName, sourceNames) => {
    const named = withFolderNames(item, NAMES);
    expect(named.folderName).toBe(folderName);
    expect(named.sources.map((source) => source.folderName)).toEqual(sourceNames);
    expect(named.sources.map(({ folderId, contactId }) => ({ folderId, contactId }))).toEqual(item.sources);
  });
});
