import { classifyImported, classifyRemoved, newStoredContact } from './classifyContact';
import type { ImportedContact, StoredContact } from './contactModel';

const NOW = '2026-11-24T10:00:00.000Z';
const BEFORE = '2026-11-01T10:00:00.000Z';
const imported: ImportedContact = {
  id: 'A1', folderId: 'F1', firstName: 'Ada', lastName: 'Lovelace',
  phone: '+44 7700 900123', phoneE164: '+447700900123', email: 'ada@example.com',
};
const stored: StoredContact = newStoredContact(imported, BEFORE);

describe('classifyImported', () => {
  it('classifies a contact not stored before as New', () => {
    const result = classifyImported(undefined, imported, NOW);
    expect(result.outcome).toBe('new');
    expect(result.contact).toMatchObject({ ...imported, deletedAtSource: false, lastChangedAt: NOW });
  });

  it('classifies the same imported fields as Unchanged and keeps the stored contact', () => {
    const result = classifyImported(stored, { ...imported }, NOW);
    expect(result).toEqual({ outcome: 'unchanged', contact: stored, kept: [] });
  });

  it.each<[string, Partial<ImportedContact>]>([
    ['first name', { firstName: 'Augusta' }],
    ['last name', { lastName: 'King' }],
    ['phone', { phone: '+44 7700 900999', phoneE164: '+447700900999' }],
    ['email', { email: 'ada@analytical.example' }],
    ['folder (a move)', { folderId: 'F2' }],
    ['first name emptied', { firstName: '' }],
  ])('classifies a changed %s as Updated and stores it', (_name, change) => {
    const result = classifyImported(stored, { ...imported, ...change }, NOW);
    expect(result.outcome).toBe('updated');
    expect(result.contact).toMatchObject({ ...change, lastChangedAt: NOW });
  });

  it.each<[string, Partial<ImportedContact>, Partial<StoredContact>, string[], 'updated' | 'unchanged']>([
    ['an emptied phone', { phone: '', phoneE164: '' }, { phone: imported.phone }, ['phone_empty'], 'unchanged'],
    ['an emptied email', { email: '' }, { email: imported.email }, ['email_empty'], 'unchanged'],
    ['an emptied phone beside a new name', { phone: '', phoneE164: '', firstName: 'Augusta' }, { phone: imported.phone, firstName: 'Augusta' }, ['phone_empty'], 'updated'],
  ])('keeps the stored value instead of %s', (_name, change, expected, kept, outcome) => {
    const result = classifyImported(stored, { ...imported, ...change }, NOW);
    expect(result.outcome).toBe(outcome);
    expect(result.kept).toEqual(kept);
    expect(result.contact).toMatchObject(expected);
  });

  it.each([
    ['phone', { phoneChannelBound: true }, { phone: '+44 7700 900999', phoneE164: '+447700900999' }, 'phone_channel_bound'],
    ['email', { emailChannelBound: true }, { email: 'new@example.com' }, 'email_channel_bound'],
  ] as const)('never overwrites a %s that a messaging channel uses', (field, binding, change, reason) => {
    const result = classifyImported({ ...stored, ...binding }, { ...imported, ...change }, NOW);
    expect(result.outcome).toBe('unchanged');
    expect(result.kept).toEqual([reason]);
    expect(result.contact[field]).toBe(stored[field]);
  });

  it('fills an empty channel-bound value (nothing is overwritten)', () => {
    const result = classifyImported({ ...stored, phone: '', phoneE164: '', phoneChannelBound: true }, imported, NOW);
    expect(result.outcome).toBe('updated');
    expect(result.contact.phone).toBe(imported.phone);
  });

  it('clears the deleted-at-source mark when a contact comes back, as Updated', () => {
    const deleted = { ...stored, deletedAtSource: true, deletedAtSourceAt: BEFORE };
    const result = classifyImported(deleted, imported, NOW);
    expect(result.outcome).toBe('updated');
    expect(result.contact).toMatchObject({ deletedAtSource: false, deletedAtSourceAt: '' });
  });

  it('keeps channel bindings across an update', () => {
    const result = classifyImported({ ...stored, emailChannelBound: true }, { ...imported, firstName: 'A' }, NOW);
    expect(result.contact.emailChannelBound).toBe(true);
  });
});

describe('classifyRemoved', () => {
  it('marks a removed contact deleted at the source and keeps its data', () => {
    const result = classifyRemoved(stored, NOW);
    expect(result.outcome).toBe('deleted');
    expect(result.contact).toEqual({ ...stored, deletedAtSource: true, deletedAtSourceAt: NOW, lastChangedAt: NOW });
  });

  it('leaves a contact already marked deleted Unchanged', () => {
    const deleted = { ...stored, deletedAtSource: true, deletedAtSourceAt: BEFORE };
    expect(classifyRemoved(deleted, NOW)).toEqual({ outcome: 'unchanged', contact: deleted, kept: [] });
  });
});
