import { AppError } from '../errors/appError';
import { contactsQuery, disconnectBody, healthQuery, historyQuery, integrationBody, policyBody, startSyncBody } from './requestSchemas';
import { parseJsonBody, parseQuery, parseWith } from './requestValidation';

const GUID = '0b3b7f5e-8c1e-4a57-9a0e-3c2f1d4e5a6b';

function rejection(run: () => unknown): AppError {
  try {
    run();
  } catch (error) {
    if (error instanceof AppError) return error;
    throw error;
  }
  throw new Error('expected a rejection');
}

describe('request validation', () => {
  it.each([
    ['a wrong type', startSyncBody, { full: 'yes' }, 'full'],
    ['an unknown body field', startSyncBody, { userId: 'someone-else' }, 'userId'],
    ['a malformed client id', integrationBody, { name: 'O', clientId: 'nope', tenantId: GUID, enabled: true }, 'clientId'],
    ['a missing name', integrationBody, { clientId: GUID, tenantId: GUID, enabled: true }, 'name'],
    ['a blank name', integrationBody, { name: '   ', clientId: GUID, tenantId: GUID, enabled: true }, 'name'],
    ['a name over 100 characters', integrationBody, { name: 'O'.repeat(101), clientId: GUID, tenantId: GUID, enabled: true }, 'name'],
    ['an unknown schedule', policyBody, { whoMaySync: 'everyone', allowedSchedules: ['daily', 'monthly'] }, 'allowedSchedules.1'],
    ['an unknown audience', policyBody, { whoMaySync: 'some', allowedSchedules: [] }, 'whoMaySync'],
    ['a body that is not an object', policyBody, [], 'body'],
  ])('answers 400 naming the field for %s', (_name, schema, value, field) => {
    const error = rejection(() => parseWith(schema, value));
    expect(error).toMatchObject({ code: 'invalid_request', status: 400, details: { field } });
    expect(error.message.startsWith(`${field}: `)).toBe(true);
  });

  describe.each(['clientId', 'tenantId'])('the integration\'s %s (a GUID)', (field) => {
    const body = (value: unknown) => ({ name: 'Outlook', clientId: GUID, tenantId: GUID, enabled: true, [field]: value });
    it.each([
      ['not a GUID', 'not-a-guid'], ['empty', ''], ['without dashes', GUID.replace(/-/g, '')], ['in braces', `{${GUID}}`],
      ['one digit short', GUID.slice(1)], ['with a non-hex digit', `g${GUID.slice(1)}`], ['with spaces around', ` ${GUID} `],
      ['a URN', `urn:uuid:${GUID}`], ['a number', 42], ['missing', undefined],
    ])('is refused when %s, naming the field', (_name, value) => {
      const error = rejection(() => parseWith(integrationBody, body(value)));
      expect(error).toMatchObject({ code: 'invalid_request', status: 400, details: { field } });
      expect(error.message.startsWith(`${field}: `)).toBe(true);
    });

    it.each([['lower case', GUID], ['upper case', GUID.toUpperCase()]])('is accepted in %s', (_name, value) => {
      expect(parseWith(integrationBody, body(value))[field as 'clientId' | 'tenantId']).toBe(value);
    });
  });

  it.each([
    ['a missing choice', {}, 'eraseContacts'], ['a string', { eraseContacts: 'true' }, 'eraseContacts'], ['an unknown field', { eraseContacts: true, userId: 'x' }, 'userId'],
  ])('DELETE /api/me/connection refuses %s', (_name, value, field) => {
    expect(rejection(() => parseWith(disconnectBody, value)).details).toMatchObject({ field });
  });

  it.each([
    ['top=0', historyQuery, 'top'],
    ['top=101', historyQuery, 'top'],
    ['top=ten', historyQuery, 'top'],
    ['top=501', contactsQuery, 'top'],
    ['skip=-1', contactsQuery, 'skip'],
    ['top=2.5', contactsQuery, 'top'],
    ['top=101', healthQuery, 'top'],
    [`continuationToken=${'a'.repeat(2049)}`, healthQuery, 'continuationToken'],
  ])('refuses the query %s', (query, schema, field) => {
    const error = rejection(() => parseQuery(schema, { query: new URLSearchParams(query) }));
    expect(error.details).toMatchObject({ field });
  });

  it.each(['\u0000', '\n', '\t', '\u001b[31m', '\u007f', '\u0085', '\u2028', '\u2029', '\u202e', '\u202d', '\u2066', '\u2069', '\u200f', '\u061c'])(
    'refuses a name with %j inside, naming the field', (char) => {
      const error = rejection(() => parseWith(integrationBody, { name: `Outlook${char}(Contoso)`, clientId: GUID, tenantId: GUID, enabled: true }));
      expect(error).toMatchObject({ code: 'invalid_request', status: 400, details: { field: 'name' } });
    },
  );

  it.each(['Outlook (Contoso)', 'Outlook – Zürich 東京', 'Outlook 👩‍💻', 'Outlook\u200d(ZWJ and ZWNJ\u200c in scripts that need them)'])('accepts the name %p', (name) => {
    expect(parseWith(integrationBody, { name, clientId: GUID, tenantId: GUID, enabled: true }).name).toBe(name);
  });

  it('gives defaults and ignores unknown query parameters', () => {
    expect(parseQuery(contactsQuery, { query: new URLSearchParams('userId=b&search= ada ') })).toEqual({ search: 'ada', top: 50, skip: 0 });
    expect(parseQuery(historyQuery, { query: new URLSearchParams('') })).toEqual({ top: 20 });
  });

  it('reads an empty body as {} and refuses a body that is not JSON', async () => {
    await expect(parseJsonBody(startSyncBody, { text: () => Promise.resolve('') })).resolves.toEqual({ full: false });
    await expect(parseJsonBody(startSyncBody, { text: () => Promise.resolve('{full') })).rejects.toMatchObject({
      code: 'invalid_request', details: { field: 'body' },
    });
  });
});
