import { existsSync, readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { API_ZIP } from '../deploy/zipFolder';

const ROOT = path.resolve(__dirname, '../../..');
const teamsapp = readFileSync(path.join(ROOT, 'teamsapp.yml'), 'utf8');
const deploy = teamsapp.slice(teamsapp.indexOf('\ndeploy:'));

/** `key: value` lines of the deploy stage (the file is flat enough that a YAML parser adds nothing). */
function values(key: string): string[] {
  return [...deploy.matchAll(new RegExp(`^\\s*${key}:\\s*(.+?)\\s*$`, 'gm'))].map((m) => m[1] ?? '');
}

describe('teamsapp.yml deploy stage (npm test runs `npm run build` before jest)', () => {
  it('builds with the root build script, then zips the API, before it deploys', () => {
    const args = values('args');
    expect(args.slice(0, 2)).toEqual(['ci', 'run build']);
    expect(args.indexOf('run --silent zip-api')).toBeGreaterThan(args.indexOf('run build'));
  });

  // Flex Consumption takes the zip `npm run zip-api` makes of build/api (tools/src/deploy/zipFolder.ts).
  it.each([API_ZIP.source])('zip-deploys %s, a Functions package the build wrote', (folder) => {
    const dir = path.join(ROOT, folder);
    expect(existsSync(path.join(dir, 'host.json'))).toBe(true);
    const manifest = JSON.parse(readFileSync(path.join(dir, 'package.json'), 'utf8')) as { main: string; dependencies: object };
    // The Functions runtime loads the modules `main` names: they must exist, and nothing else is shipped as source.
    expect(manifest.main).toBe('dist/functions/*.js');
    const modules = readdirSync(path.join(dir, 'dist', 'functions')).filter((f) => f.endsWith('.js'));
    expect(modules).toContain('syncWorker.js');
    expect(readdirSync(dir).sort()).toEqual(['dist', 'host.json', 'node_modules', 'package.json']);
    expect(existsSync(path.join(dir, 'node_modules', '@azure', 'functions', 'package.json'))).toBe(true);
    expect(existsSync(path.join(dir, 'node_modules', 'azurite'))).toBe(false);
  });

  it('writes build/tab/tab-config.json from the environment after the build and before uploading build/tab', () => {
    const args = values('args');
    const tabConfig = args.findIndex((a) => a.startsWith('run --silent tab-config -- '));
    const upload = args.findIndex((a) => a.includes('static-web-apps-cli deploy ./build/tab'));
    expect(tabConfig).toBeGreaterThan(args.indexOf('run build'));
    expect(upload).toBeGreaterThan(tabConfig);
    expect(args[tabConfig]).toBe('run --silent tab-config -- --client-id ${{M365_CLIENT_ID}} --tenant-id ${{AAD_APP_TENANT_ID}}'
      + ' --sign-in-audience ${{AAD_APP_SIGN_IN_AUDIENCE}} --api ${{API_FUNCTION_ENDPOINT}}');
    const scripts = (JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { scripts: Record<string, string> }).scripts;
    expect(scripts['tab-config']).toBe('tsx tools/src/deploy/tabConfig.ts');
  });

  it('uploads a Static Web App config that serves /teams-outlook-login (the consent redirect URI) and the SPA', () => {
    const config = JSON.parse(readFileSync(path.join(ROOT, 'build/tab/staticwebapp.config.json'), 'utf8')) as {
      routes: Array<{ route: string; rewrite?: string }>; navigationFallback: { rewrite: string; exclude: string[] };
    };
    const login = config.routes.find((r) => r.route === '/teams-outlook-login');
    expect(login?.rewrite).toBe('/teams-outlook-login/index.html');
    expect(existsSync(path.join(ROOT, 'build/tab', login?.rewrite ?? ''))).toBe(true);
    expect(config.navigationFallback.exclude).toEqual(expect.arrayContaining(['/teams-outlook-login/*', '/tab-config.json']));
  });

  it('names no ignore file that does not exist, and deploys the zip zip-api writes', () => {
    for (const file of values('ignoreFile')) expect(existsSync(path.join(ROOT, file))).toBe(true);
    expect(values('run').some((command) => command.includes(`--src ${API_ZIP.target}`))).toBe(true);
  });
});
