import { settingRefused } from '../../../tools/src/testing/settingRefused';
import { loadBotConfig, readSyncResultsQueueName } from '../config';
import { contactsTabUrl } from './botServices';

const APP = '6a1f3c2e-0b4d-4e5f-8a9b-0c1d2e3f4a5b';
const TENANT = '0b3b7f5e-8c1e-4a57-9a0e-3c2f1d4e5a6b';
const TEAMS_APP = '2f6d3c1e-8a4b-4c7d-9e0f-1a2b3c4d5e60';
const single = { BOT_ID: APP, BOT_APP_TYPE: 'SingleTenant', BOT_TENANT_ID: TENANT, BOT_PASSWORD: 'secret', TEAMS_APP_ID: TEAMS_APP };


describe('bot settings', () => {
  it.each<[string, Record<string, string>, string | undefined]>([
    ['a single-tenant bot with its secret', single, undefined],
    ['a managed identity without a secret', { ...single, BOT_APP_TYPE: 'UserAssignedMSI', BOT_PASSWORD: '' }, undefined],
    ['local mode: no BOT_ID on a local run', { TEAMS_APP_ID: TEAMS_APP, BOT_ID: '', CONTACT_SYNC_LOCAL: '1' }, undefined],
    ['no BOT_ID outside a local run', { ...single, BOT_ID: '' }, 'BOT_ID'],
    ['a BOT_ID that is no GUID', { ...single, BOT_ID: 'bot' }, 'BOT_ID'],
    ['the retired multi-tenant type', { ...single, BOT_APP_TYPE: 'MultiTenant' }, 'BOT_APP_TYPE'],
    ['no BOT_TENANT_ID', { ...single, BOT_TENANT_ID: '' }, 'BOT_TENANT_ID'],
    ['a single-tenant bot without its secret', { ...single, BOT_PASSWORD: '' }, 'BOT_PASSWORD'],
    ['no TEAMS_APP_ID', { ...single, TEAMS_APP_ID: '' }, 'TEAMS_APP_ID'],
  ])('%s → refused setting: %j', (_what, env, refused) => {
    expect(settingRefused(() => loadBotConfig(env))).toBe(refused);
  });

  it('turns authentication off only in local mode (empty app id)', () => {
    expect(loadBotConfig({ TEAMS_APP_ID: TEAMS_APP, CONTACT_SYNC_LOCAL: '1' }).appId).toBe('');
    expect(loadBotConfig(single)).toMatchObject({ appId: APP, appType: 'SingleTenant', tenantId: TENANT, password: 'secret' });
  });

  it.each([[undefined, 'sync-results'], ['bot-results', 'bot-results']])('SYNC_RESULTS_QUEUE_NAME %j → %s', (value, expected) => {
    expect(readSyncResultsQueueName({ SYNC_RESULTS_QUEUE_NAME: value })).toBe(expected);
  });

  it('refuses a queue name Azure Storage would refuse', () => {
    expect(settingRefused(() => readSyncResultsQueueName({ SYNC_RESULTS_QUEUE_NAME: 'Sync_Results' }))).toBe('SYNC_RESULTS_QUEUE_NAME');
  });

  it('links the Contacts tab of the Teams app', () => {
    expect(contactsTabUrl(TEAMS_APP)).toBe(`https://teams.microsoft.com/l/entity/${TEAMS_APP}/contacts`);
  });
});
