import { classifyImported, classifyRemoved, newStoredContact } from './classifyContact';
import type { ImportedContact, KeptValue, MergeStrategy, StoredContact } from './contactModel';

const NOW = '2026-11-24T10:00:00.000Z';
const BEFORE = '2026-11-01T10:00:00.000Z';
const imported: ImportedContact = {
  id: 'A1', folderId: 'F1', firstName: 'Ada', lastName: 'Lovelace',
  phone: '+44 7700 900123', phoneE164: '+447700900123', phoneInvalid: false, email: 'ada@example.com', companyName: 'Analytical Engines',
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

  const keptAs = (field: KeptValue['field'], reason: KeptValue['reason'], offered: string): KeptValue => ({ field, reason, stored: stored[field], offered });

  it.each<[string, Partial<ImportedContact>, Partial<StoredContact>, KeptValue[], 'updated' | 'unchanged']>([
    ['an emptied phone', { phone: '', phoneE164: '' }, { phone: imported.phone }, [keptAs('phone', 'empty_value', '')], 'unchanged'],
    ['an emptied email', { email: '' }, { email: imported.email }, [keptAs('email', 'empty_value', '')], 'unchanged'],
    ['an emptied company', { companyName: '' }, { companyName: imported.companyName }, [keptAs('companyName', 'empty_value', '')], 'unchanged'],
    ['an emptied phone beside a new name', { phone: '', phoneE164: '', firstName: 'Augusta' }, { phone: imported.phone, firstName: 'Augusta' }, [keptAs('phone', 'empty_value', '')], 'updated'],
  ])('keeps the stored value instead of %s', (_name, change, expected, kept, outcome) => {
    const result = classifyImported(stored, { ...imported, ...change }, NOW);
    expect(result.outcome).toBe(outcome);
    expect(result.kept).toEqual(kept);
    expect(result.contact).toMatchObject(expected);
  });

  it.each([
    ['phone', { phoneChannelBound: true }, { phone: '+44 7700 900999', phoneE164: '+447700900999' }, '+44 7700 900999'],
    ['email', { emailChannelBound: true }, { email: 'new@example.com' }, 'new@example.com'],
  ] as const)('never overwrites a %s that a messaging channel uses', (field, binding, change, offered) => {
    const result = classifyImported({ ...stored, ...binding }, { ...imported, ...change }, NOW);
    expect(result.outcome).toBe('unchanged');
    expect(result.kept).toEqual([keptAs(field, 'channel_bound', offered)]);
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

describe('classifyImported with a merge strategy', () => {
  const changed: Partial<ImportedContact> = { lastName: 'King', email: 'ada@analytical.example', folderId: 'F2' };
  const sparse: StoredContact = { ...stored, companyName: '', phone: '', phoneE164: '' };
  const mergeCases: Array<[MergeStrategy, StoredContact, Partial<ImportedContact>, Partial<StoredContact>, Array<[KeptValue['field'], KeptValue['reason']]>]> = [
    ['outlookWins', stored, changed, { lastName: 'King', email: 'ada@analytical.example', folderId: 'F2' }, []],
    ['keepStored', stored, changed, { lastName: 'Lovelace', email: 'ada@example.com', folderId: 'F2' }, [['lastName', 'merge_strategy'], ['email', 'merge_strategy']]],
    ['keepStored', sparse, changed, { companyName: imported.companyName, phone: imported.phone, phoneE164: imported.phoneE164, lastName: 'Lovelace' }, [['lastName', 'merge_strategy'], ['email', 'merge_strategy']]],
    ['keepStored', { ...stored, phoneChannelBound: true }, { phone: '+1 202 555 0100' }, { phone: imported.phone }, [['phone', 'channel_bound']]],
    ['keepStored', stored, { email: '' }, { email: imported.email }, [['email', 'empty_value']]],
    ['newOnly', stored, changed, { lastName: 'Lovelace', email: 'ada@example.com', folderId: 'F2' }, [['lastName', 'merge_strategy'], ['email', 'merge_strategy']]],
    ['newOnly', sparse, {}, { companyName: '', phone: '' }, [['phone', 'merge_strategy'], ['companyName', 'merge_strategy']]],
  ];
  it.each(mergeCases)('%s: stores the expected values and says which rule kept each one', (strategy, before, change, expected, kept) => {
    const result = classifyImported(before, { ...imported, ...change }, NOW, strategy);
    expect(result.contact).toMatchObject(expected);
    expect(result.kept.map((k) => [k.field, k.reason])).toEqual(kept);
  });

  it.each(['outlookWins', 'keepStored', 'newOnly'] as const)('%s imports a new contact whole', (strategy) => {
    expect(classifyImported(undefined, imported, NOW, strategy)).toMatchObject({ outcome: 'new', contact: imported, kept: [] });
  });

  it('newOnly still follows a move (removals are decided on the folder) and counts it as Updated', () => {
    expect(classifyImported(stored, { ...imported, folderId: 'F2' }, NOW, 'newOnly').outcome).toBe('updated');
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
