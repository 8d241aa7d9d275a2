import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { load } from 'js-yaml';
import { loadSyncConfig } from '../../../api/src/config';
import { APP_ROLES } from '../../../api/src/services/permissions';
import { parseEnvText, placeholdersIn } from '../appPackage/envFile';
import { AWAITING_READER, connectionName, NOT_SET_IN_AZURE, PLATFORM_SETTINGS, readBicepFacts } from './bicepFacts';
import { namesUsed, undeclaredNames, unsuppliedNames, type Lifecycle } from './lifecycleDrift';
import { settingsReadByCode, settingsReadIn } from './settingsInCode';

const ROOT = path.resolve(__dirname, '../../..');
const read = (relative: string) => readFileSync(path.join(ROOT, relative), 'utf8');
const bicep = readBicepFacts(read('infra/azure.bicep'));
// The support command line (api/src/cli) runs on a workstation, never in the Function App.
const codeSettings = settingsReadByCode(ROOT, ['api/src', 'bot'], ['api/src/cli']);
const isPlatform = (name: string) => PLATFORM_SETTINGS.some((pattern) => pattern.test(name));
const bicepConnections = new Set([...bicep.appSettings].map(connectionName));

/** Each environment file, with the lifecycle file the toolkit runs it with. */
const environments = readdirSync(path.join(ROOT, 'env'))
  .map((file) => /^\.env\.([a-z0-9-]+)$/.exec(file)?.[1])
  .filter((name): name is string => name !== undefined)
  .map((name) => {
    const exampleFile = path.join(ROOT, 'env', `.env.${name}.user.example`);
    const secrets = existsSync(exampleFile) ? [...parseEnvText(readFileSync(exampleFile, 'utf8')).keys()] : [];
    return {
      name, ymlFile: name === 'local' ? 'teamsapp.local.yml' : 'teamsapp.yml',
      env: parseEnvText(read(`env/.env.${name}`)), documentedSecrets: new Set(secrets.filter((key) => key.startsWith('SECRET_'))),
    };
  });

describe('settings read by the code, found by parsing it', () => {
  it.each([
    ['const a = env.GRAPH_BASE_URL ?? "x";', ['GRAPH_BASE_URL']],
    ['const a = process.env.SYNC_LEASE_MS;', ['SYNC_LEASE_MS']],
    ["const a = env['RATE_X'];", ['RATE_X']],
    ["readCount(env, 'RATE_LIMIT_USER_PER_MINUTE', 10);", ['RATE_LIMIT_USER_PER_MINUTE']],
    ['const s = env.AzureWebJobsStorage;', ['AzureWebJobsStorage']],
    ["fail('TABLE_PREFIX', 'may hold only letters');", []],
    ['const a = options.GRAPH_BASE_URL; readCount(other, "X_Y", 1);', []],
  ])('%s reads %j', (source, expected) => {
    expect(settingsReadIn(source).sort()).toEqual([...expected].sort());
  });
});

describe('app settings: the code and the Bicep agree', () => {
  it('finds the settings config.ts reads (the parse is not blind)', () => {
    expect(codeSettings.map((setting) => setting.name)).toEqual(expect.arrayContaining(['M365_CLIENT_ID', 'TOKEN_CACHE_KEY', 'AzureWebJobsStorage']));
  });

  it('every setting the code reads is set by the Bicep (or is listed as never set in Azure, with why)', () => {
    const unset = codeSettings.filter(({ name }) => !NOT_SET_IN_AZURE.has(name) && !bicep.appSettings.has(name) && !bicepConnections.has(name));
    expect(unset.map(({ name, file }) => `${name} (read in ${file}) is not set in infra/azure.bicep`)).toEqual([]);
  });

  it('nothing the Bicep sets goes unread, beyond the platform\'s own settings and those awaiting the bot', () => {
    const read = new Set(codeSettings.map((setting) => setting.name));
    const unread = [...bicep.appSettings].filter((name) => !read.has(name) && !isPlatform(name) && !AWAITING_READER.has(name));
    expect(unread).toEqual([]);
  });

  it('the lists of exceptions stay true: never-set settings are still read and not set; awaited ones are set and not yet read', () => {
    const read = new Set(codeSettings.map((setting) => setting.name));
    expect([...NOT_SET_IN_AZURE.keys()].filter((name) => !read.has(name) || bicep.appSettings.has(name))).toEqual([]);
    expect([...AWAITING_READER.keys()].filter((name) => !bicep.appSettings.has(name))).toEqual([]);
    // Once the bot's code reads one, it leaves AWAITING_READER (tools/src/drift/bicepFacts.ts) and the strict rule applies.
    expect([...AWAITING_READER.keys()].filter((name) => read.has(name))).toEqual([]);
  });

  it('secrets reach the app as Key Vault references, never as values', () => {
    const bicepText = read('infra/azure.bicep');
    for (const name of ['M365_CLIENT_SECRET', 'TOKEN_CACHE_KEY', 'BOT_PASSWORD']) {
      expect(bicepText).toMatch(new RegExp(`\\{ name: '${name}', value: '@Microsoft\\.KeyVault\\(SecretUri=`));
    }
  });

  // The Bicep gives the runtime's identity-based settings, the only kind that works with allowSharedKeyAccess:
  // false; the API must start on exactly those (api/src/storage/storageAccount.ts).
  test('the API starts with the storage settings the Bicep gives (identity-based, no account key)', () => {
    const settings = Object.fromEntries([...bicep.appSettings].filter((name) => name.startsWith('AzureWebJobsStorage__'))
      .map((name) => [name, `https://contactsyncabc.${name.split('__')[1]!.replace('ServiceUri', '')}.core.windows.net/`]));
    expect(() => loadSyncConfig(settings)).not.toThrow();
  });
});

describe.each(environments)('environment $name with $ymlFile', ({ name, ymlFile, env, documentedSecrets }) => {
  const lifecycle = load(read(ymlFile)) as Lifecycle;

  it('is on the current Agents Toolkit yml schema (v1.11), with its $schema line', () => {
    expect(read(ymlFile).split('\n')[0]).toBe('# yaml-language-server: $schema=https://aka.ms/m365-agents-toolkits/v1.11/yaml.schema.json');
    expect(lifecycle.version).toBe('v1.11');
  });

  it('declares every ${{NAME}} the lifecycle, the manifests and the Bicep parameters use', () => {
    const used = new Set([...namesUsed(lifecycle, read), ...placeholdersIn(read('appPackage/manifest.json')), ...placeholdersIn(read('aad.manifest.json'))]);
    expect(undeclaredNames(used, { env, documentedSecrets })).toEqual([]);
  });

  it('has every name filled before a step needs it (by env/, an earlier action, or a Bicep output after arm/deploy)', () => {
    expect(unsuppliedNames(lifecycle, { envName: name, env, documentedSecrets, bicepOutputs: bicep.outputs, readFile: read })).toEqual([]);
  });
});

describe('infra: parameters and outputs', () => {
  it('every Bicep output is declared in env/.env.dev, where arm/deploy writes it', () => {
    const dev = parseEnvText(read('env/.env.dev'));
    expect([...bicep.outputs].filter((output) => !dev.has(output))).toEqual([]);
  });

  it('azure.parameters.json gives only Bicep parameters, and every one without a default', () => {
    const given = Object.keys((JSON.parse(read('infra/azure.parameters.json')) as { parameters: object }).parameters);
    expect(given.filter((param) => !bicep.params.has(param))).toEqual([]);
    expect([...bicep.params].filter(([param, { hasDefault }]) => !hasDefault && !given.includes(param)).map(([param]) => param)).toEqual([]);
  });
});

describe('the Entra app manifest', () => {
  const aad = JSON.parse(read('aad.manifest.json')) as {
    appRoles: Array<{ value: string }>; preAuthorizedApplications: Array<{ appId: string }>;
    requiredResourceAccess: Array<{ resourceAccess: Array<{ id: string }> }>; replyUrlsWithType: Array<{ url: string; type: string }>;
  };

  it('defines the app roles the API checks', () => {
    expect(aad.appRoles.map((role) => role.value).sort()).toEqual(Object.values(APP_ROLES).sort());
  });

  it('pre-authorises the Teams, Microsoft 365 and Outlook hosts and asks Graph for Contacts.Read, offline_access, openid, profile', () => {
    expect(aad.preAuthorizedApplications.map((app) => app.appId).sort()).toEqual([
      '1fec8e78-bce4-4aaf-ab1b-5451cc387264', '5e3ce6c0-2b1f-4285-8d4b-75ee78787346', '4765445b-32c6-49b0-83e6-1d93765276ca',
      '0ec893e0-5785-4de6-99da-4ed124e5296c', 'd3590ed6-52b3-4102-aeff-aad2292ab01c', 'bc59ab01-8403-45c6-8796-ac3ef710b3e3',
      '27922004-5251-4030-b22d-91ecd9a37ea4',
    ].sort());
    expect(aad.requiredResourceAccess.flatMap((resource) => resource.resourceAccess.map((access) => access.id)).sort())
      .toEqual(['Contacts.Read', 'offline_access', 'openid', 'profile']);
    expect(aad.replyUrlsWithType).toEqual([
      { url: '${{TAB_ENDPOINT}}/teams-outlook-login', type: 'Spa' }, { url: 'brk-multihub://${{TAB_DOMAIN}}', type: 'Spa' },
    ]);
  });
});

/** A Bicep compiler on PATH (`bicep`), or the Azure CLI's (`az bicep`); none can be installed offline here. */
function bicepCompiler(): string[] | undefined {
  if (spawnSync('bicep', ['--version']).status === 0) return ['bicep'];
  if (spawnSync('az', ['bicep', 'version']).status === 0) return ['az', 'bicep'];
  return undefined;
}

describe('infra/azure.bicep compiles', () => {
  const compiler = bicepCompiler();
  if (!compiler) {
    console.warn('SKIPPED infra/azure.bicep compile: no Bicep compiler on this machine (neither `bicep` nor `az bicep`; the official '
      + 'binary is downloaded from GitHub, which this machine cannot reach, and no npm or Debian package ships it). See README, Admin guide.');
  }
  (compiler ? it : it.skip)(compiler ? 'with the Bicep compiler' : 'SKIPPED: no Bicep compiler on this machine (see README)', () => {
    const out = mkdtempSync(path.join(tmpdir(), 'bicep-'));
    try {
      const [command, ...args] = compiler!;
      const run = spawnSync(command!, [...args, 'build', path.join(ROOT, 'infra/azure.bicep'), '--outdir', out], { encoding: 'utf8' });
      expect(run.stderr).not.toMatch(/error/i);
      expect(run.status).toBe(0);
    } finally {
      rmSync(out, { recursive: true, force: true });
    }
  });
});
