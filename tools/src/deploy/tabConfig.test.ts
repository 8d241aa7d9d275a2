import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { tabConfigFrom } from './tabConfig';

const ROOT = path.resolve(__dirname, '../../..');
const CLIENT = '11111111-2222-4333-8444-555555555555';
const TENANT = '66666666-7777-4888-9999-000000000000';
const API = 'https://func-contactsync-dev.azurewebsites.net';

/** What the tab reads (tab/src/app/readTabConfig.ts). */
interface TabConfig { apiBaseUrl: string; localMode: boolean; clientId: string; authority: string }

describe('tabConfigFrom (the deploy stage\'s values → tab-config.json)', () => {
  it.each([
    ['single tenant', { signInAudience: 'AzureADMyOrg', tenantId: TENANT }, `https://login.microsoftonline.com/${TENANT}`],
    ['multi-tenant', { signInAudience: 'AzureADMultipleOrgs', tenantId: '' }, 'https://login.microsoftonline.com/organizations'],
  ])('%s: the authority users consent at', (_case, audience, authority) => {
    expect(tabConfigFrom({ clientId: CLIENT, apiEndpoint: `${API}/`, ...audience })).toEqual({ apiBaseUrl: API, localMode: false, clientId: CLIENT, authority });
  });

  it.each([
    ['an empty client ID (the app registration step did not run)', { clientId: '' }, /--client-id/],
    ['an empty tenant ID for a single-tenant app', { tenantId: '' }, /--tenant-id/],
    ['an http API URL', { apiEndpoint: 'http://func.example' }, /--api/],
    ['no API URL (the Bicep outputs are missing)', { apiEndpoint: '' }, /--api/],
  ])('refuses %s', (_case, override, problem) => {
    const result = tabConfigFrom({ clientId: CLIENT, tenantId: TENANT, signInAudience: 'AzureADMyOrg', apiEndpoint: API, ...override });
    expect('problems' in result && result.problems.join('\n')).toMatch(problem);
  });
});

describe('npm run tab-config writes what the tab reads', () => {
  let dir: string;
  let server: Server;
  let baseUrl: string;

  beforeAll(async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'tab-config-'));
    // The files a Static Web App serves: here, plain HTTP from the folder.
    server = createServer((req, res) => {
      try {
        res.writeHead(200, { 'Content-Type': 'application/json' }).end(readFileSync(path.join(dir, path.basename(req.url ?? ''))));
      } catch {
        res.writeHead(404).end();
      }
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const address = server.address();
    baseUrl = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
  });
  afterAll(async () => {
    await new Promise((resolve) => server.close(resolve));
    rmSync(dir, { recursive: true, force: true });
  });

  // The tab is an ES module package: loaded the way it allows from this CommonJS test.
  // (a path in a variable: tsc leaves the ES module alone, jest loads it transformed).
  const readerPath = '../../../tab/src/app/readTabConfig';
  const tabReader = (): Promise<{ readTabConfig: (defaults: TabConfig, fetchFn: typeof fetch) => Promise<TabConfig> }> => import(readerPath);
  const defaults: TabConfig = { apiBaseUrl: '', localMode: true, clientId: '', authority: 'https://login.microsoftonline.com/organizations' };
  const fetchFromServer: typeof fetch = (input, init) => fetch(`${baseUrl}${input as string}`, init);

  it('the tab reads the written file over HTTP (client ID, authority, API URL, not local mode)', async () => {
    execFileSync('npx', ['tsx', 'tools/src/deploy/tabConfig.ts', '--out', dir, '--client-id', CLIENT, '--tenant-id', TENANT,
      '--sign-in-audience', 'AzureADMyOrg', '--api', API], { cwd: ROOT, stdio: 'pipe' });
    const { readTabConfig } = await tabReader();
    expect(await readTabConfig(defaults, fetchFromServer)).toEqual({
      apiBaseUrl: API, localMode: false, clientId: CLIENT, authority: `https://login.microsoftonline.com/${TENANT}`,
    });
  });

  it('fails the deploy, writing nothing, when a value is missing', () => {
    const empty = mkdtempSync(path.join(tmpdir(), 'tab-config-empty-'));
    expect(() => execFileSync('npx', ['tsx', 'tools/src/deploy/tabConfig.ts', '--out', empty, '--client-id', '', '--tenant-id', TENANT,
      '--sign-in-audience', 'AzureADMyOrg', '--api', API], { cwd: ROOT, stdio: 'pipe' })).toThrow(/--client-id/);
    expect(() => readFileSync(path.join(empty, 'tab-config.json'))).toThrow();
    rmSync(empty, { recursive: true, force: true });
  });
});
