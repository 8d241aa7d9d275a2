import type { Contact } from '@microsoft/microsoft-graph-types';
import { MalformedContactError, mapContact } from './mapContact';

const base: Contact = { id: 'AAMk1', givenName: ' Ada ', surname: 'Lovelace' };

describe('mapContact', () => {
  it.each<[string, Partial<Contact>, string]>([
    ['takes the mobile phone first', { mobilePhone: '+44 7700 900123', businessPhones: ['+44 20 7946 0000'], homePhones: ['+44 20 7946 0001'] }, '+44 7700 900123'],
    ['falls back to the first non-empty business phone', { mobilePhone: '', businessPhones: ['', ' ', '+44 20 7946 0000', '+44 20 7946 0002'], homePhones: ['+44 20 7946 0001'] }, '+44 20 7946 0000'],
    ['falls back to the first non-empty home phone', { mobilePhone: null, businessPhones: [''], homePhones: ['', '+44 20 7946 0001'] }, '+44 20 7946 0001'],
    ['has no phone when every list is empty', { businessPhones: [], homePhones: [''] }, ''],
    ['has no phone when the fields are absent', {}, ''],
  ])('%s', (_name, phones, expected) => {
    expect(mapContact({ ...base, ...phones }, 'F1').phone).toBe(expected);
  });

  it.each<[string, Partial<Contact>, Partial<ReturnType<typeof mapContact>>]>([
    ['a null email entry', { emailAddresses: [null, { address: 'ada@example.com' }] as Contact['emailAddresses'] }, { email: 'ada@example.com' }],
    ['a null email address', { emailAddresses: [{ name: 'Ada', address: null }, { address: 'a@example.com' }] }, { email: 'a@example.com' }],
    ['a null business phone', { businessPhones: [null, '+44 20 7946 0000'] as unknown as string[] }, { phone: '+44 20 7946 0000' }],
    ['a null home phone', { homePhones: [null] as unknown as string[] }, { phone: '' }],
    ['null lists', { emailAddresses: null, businessPhones: null, homePhones: null }, { phone: '', email: '' }],
  ])('skips %s and keeps the contact', (_name, fields, expected) => {
    expect(mapContact({ ...base, ...fields }, 'F1')).toMatchObject({ id: 'AAMk1', firstName: 'Ada', ...expected });
  });

  it('takes the first non-empty email address', () => {
    const contact: Contact = { ...base, emailAddresses: [{ name: 'x', address: '' }, { address: 'ada@example.com' }, { address: 'b@example.com' }] };
    expect(mapContact(contact, 'F1').email).toBe('ada@example.com');
  });

  it('maps names (trimmed), id and folder, and empty strings for what is missing', () => {
    expect(mapContact({ id: 'AAMk2' }, 'F9')).toEqual({
      id: 'AAMk2', folderId: 'F9', firstName: '', lastName: '', phone: '', phoneE164: '', phoneInvalid: false, email: '', companyName: '',
    });
    expect(mapContact(base, 'F1')).toMatchObject({ id: 'AAMk1', folderId: 'F1', firstName: 'Ada', lastName: 'Lovelace' });
  });

  it.each([
    ['+44 7700 900123', '+447700900123'],
    ['0044 7700 900123', '+447700900123'],
    ['+1 (415) 555-0132', '+14155550132'],
    ['call me maybe', ''],
  ])('normalises the phone %s to E.164 %s', (raw, e164) => {
    expect(mapContact({ ...base, mobilePhone: raw }, 'F1').phoneE164).toBe(e164);
  });

  it.each<[string, string | undefined, string, boolean]>([
    ['020 7946 0958', 'GB', '+442079460958', false],
    ['020 7946 0958', undefined, '', true],
    ['+44 20 7946 0958', 'US', '+442079460958', false],
    ['0044 20 7946 0958', 'DE', '+442079460958', false],
    ['(202) 555-0100', 'US', '+12025550100', false],
    ['030 901820', 'DE', '+4930901820', false],
    ['call me maybe', 'GB', '', true],
  ])('reads %s in region %s as %s (invalid: %s), keeping the text', (raw, region, e164, invalid) => {
    const mapped = mapContact({ ...base, mobilePhone: raw }, 'F1', region as never);
    expect(mapped).toMatchObject({ phone: raw, phoneE164: e164, phoneInvalid: invalid });
  });

  it('maps the company name (trimmed)', () => {
    expect(mapContact({ ...base, companyName: ' Contoso Ltd ' }, 'F1').companyName).toBe('Contoso Ltd');
  });

  it.each<[string, unknown]>([
    ['no id', { givenName: 'x' }],
    ['a name that is not text', { id: 'A', givenName: 42 }],
    ['phones that are not a list', { id: 'A', businessPhones: '+44 1' }],
    ['an email entry that is not an object', { id: 'A', emailAddresses: ['a@b.c'] }],
  ])('rejects a contact with %s as malformed', (_name, contact) => {
    expect(() => mapContact(contact as Contact, 'F1')).toThrow(MalformedContactError);
  });
});
