import { contactName, sourcesText } from './contactText';

const NAMES: Record<string, string> = { f1: 'Contacts', f2: 'Work', f3: 'Home', f4: 'Clients', f5: 'Old' };
const source = (folderId: string, contactId: string) => ({ folderId, folderName: NAMES[folderId] ?? '', contactId });

describe('contactText', () => {
  it.each([
    ['one contact', [source('f1', 'a')], undefined],
    ['no sources', [], undefined],
    ['two folders', [source('f1', 'a'), source('f2', 'b')], 'In Contacts and Work'],
    ['three contacts in two folders', [source('f1', 'a'), source('f2', 'b'), source('f1', 'c')], 'In Contacts and Work'],
    ['three folders', [source('f2', 'a'), source('f1', 'b'), source('f3', 'c')], 'In Work, Contacts and Home'],
    ['four folders', [source('f1', 'a'), source('f2', 'b'), source('f3', 'c'), source('f4', 'd')], 'In Contacts, Work, Home and 1 more folder'],
    ['five folders', [source('f1', 'a'), source('f2', 'b'), source('f3', 'c'), source('f4', 'd'), source('f5', 'e')], 'In Contacts, Work, Home and 2 more folders'],
    ['two contacts in one folder', [source('f1', 'a'), source('f1', 'b')], '2 copies in Contacts'],
    ['two folders, one without a name', [source('f1', 'a'), source('unknown', 'b')], 'In 2 folders'],
    ['two contacts in one folder without a name', [source('unknown', 'a'), source('unknown', 'b')], '2 copies in one folder'],
  ])('says where %s comes from', (_case, sources, text) => {
    expect(sourcesText({ sources })).toBe(text);
  });

  it.each([
    [{ firstName: 'Ada', lastName: 'Lovelace', email: 'a@x', phone: '1' }, 'Ada Lovelace'],
    [{ firstName: '', lastName: 'Stone', email: 'a@x', phone: '1' }, 'Stone'],
    [{ firstName: '', lastName: '', email: 'a@x', phone: '1' }, 'a@x'],
    [{ firstName: '', lastName: '', email: '', phone: '+1 555' }, '+1 555'],
    [{ firstName: '', lastName: '', email: '', phone: '' }, '(no name)'],
  ])('names %o as %s', (contact, name) => {
    expect(contactName(contact)).toBe(name);
  });
});
