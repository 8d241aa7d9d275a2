import { contactName, sourcesText } from './contactText';

const source = (folderId: string, contactId: string) => ({ folderId, contactId });

describe('contactText', () => {
  it.each([
    ['one contact', [source('f1', 'a')], undefined],
    ['no sources', [], undefined],
    ['two folders', [source('f1', 'a'), source('f2', 'b')], 'In 2 folders'],
    ['three contacts in two folders', [source('f1', 'a'), source('f2', 'b'), source('f1', 'c')], 'In 2 folders'],
    ['two contacts in one folder', [source('f1', 'a'), source('f1', 'b')], '2 copies in one folder'],
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
