import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import JSZip from 'jszip';
import { PNG } from 'pngjs';
import { buildAppPackage, type AppPackagePaths } from './appPackageBuilder';
import { parseEnvText } from './envFile';
import { iconLayers, renderIcon } from './iconArt';
import { newestManifestVersion } from './manifestSchema';

const ROOT = path.resolve(__dirname, '../../..');

/** A copy of appPackage/, env/ and aad.manifest.json in a temp folder, to break one thing at a time. */
function fixture(): AppPackagePaths & { root: string } {
  const root = mkdtempSync(path.join(tmpdir(), 'app-package-'));
  for (const file of ['manifest.json', 'color.png', 'outline.png', 'botCommands.json']) {
    cpSync(path.join(ROOT, 'appPackage', file), path.join(root, 'appPackage', file));
  }
  cpSync(path.join(ROOT, 'env', '.env.local'), path.join(root, 'env', '.env.local'));
  cpSync(path.join(ROOT, 'aad.manifest.json'), path.join(root, 'aad.manifest.json'));
  return { root, appPackageDir: path.join(root, 'appPackage'), envDir: path.join(root, 'env'), aadManifestFile: path.join(root, 'aad.manifest.json') };
}

function editJson(file: string, edit: (json: Record<string, unknown>) => void): void {
  const json = JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>;
  edit(json);
  writeFileSync(file, JSON.stringify(json));
}

function solidPng(size: number, rgba: [number, number, number, number]): Buffer {
  const png = new PNG({ width: size, height: size });
  for (let offset = 0; offset < png.data.length; offset += 4) rgba.forEach((value, c) => { png.data[offset + c] = value; });
  return PNG.sync.write(png);
}

type Manifest = { bots: Array<{ botId: string; commandLists: Array<{ commands: unknown[] }> }>; validDomains: string[]; [key: string]: unknown };

describe('npm run package -- --env local', () => {
  it('writes appPackage/build/appPackage.local.zip with the placeholders filled from env/.env.local', async () => {
    const zipPath = path.join(ROOT, 'appPackage', 'build', 'appPackage.local.zip');
    const run = spawnSync(process.execPath, [require.resolve('tsx/cli'), 'tools/src/appPackage/package.ts', '--env', 'local'], { cwd: ROOT, encoding: 'utf8' });
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    const zip = await JSZip.loadAsync(readFileSync(zipPath));
    expect(Object.keys(zip.files).sort()).toEqual(['color.png', 'manifest.json', 'outline.png']);
    const manifest = JSON.parse(await zip.file('manifest.json')!.async('string')) as Manifest & { webApplicationInfo: { id: string; resource: string } };
    const env = parseEnvText(readFileSync(path.join(ROOT, 'env', '.env.local'), 'utf8'));
    expect(manifest.bots[0]!.botId).toBe(env.get('BOT_ID'));
    expect(manifest.webApplicationInfo.id).toBe(env.get('M365_CLIENT_ID'));
    expect(manifest.webApplicationInfo.resource).toBe(`api://${env.get('TAB_DOMAIN')}/${env.get('M365_CLIENT_ID')}`);
    expect(manifest.manifestVersion).toBe(newestManifestVersion());
    expect(JSON.stringify(manifest)).not.toContain('${{');
  });

  it('refuses to run without --env, naming the usage', () => {
    const run = spawnSync(process.execPath, [require.resolve('tsx/cli'), 'tools/src/appPackage/package.ts'], { cwd: ROOT, encoding: 'utf8' });
    expect(run.status).toBe(2);
    expect(run.stderr).toContain('--env');
  });
});

describe('the package refuses a manifest that fails a check, and writes no zip', () => {
  const broken: Array<[string, (paths: AppPackagePaths) => void, RegExp]> = [
    ['a manifest the schema rejects (no developer)', (p) => editJson(path.join(p.appPackageDir, 'manifest.json'), (m) => { delete m.developer; }), /^schema: \/ must have required property 'developer'/],
    ['a version that is not semantic', (p) => editJson(path.join(p.appPackageDir, 'manifest.json'), (m) => { m.version = '1.0'; }), /not a semantic version/],
    ['an older manifest schema', (p) => editJson(path.join(p.appPackageDir, 'manifest.json'), (m) => { m.manifestVersion = '1.29'; m.$schema = ''; }), /not the newest schema shipped/],
    ['a bot id that is not BOT_ID', (p) => editJson(path.join(p.appPackageDir, 'manifest.json'), (m) => { (m as Manifest).bots[0]!.botId = '00000000-0000-4000-8000-000000000001'; }), /bot id .* is not BOT_ID/],
    ['an SSO resource that is not the Entra app on the tab domain', (p) => editJson(path.join(p.appPackageDir, 'manifest.json'), (m) => {
      m.webApplicationInfo = { id: '${{M365_CLIENT_ID}}', resource: 'api://${{M365_CLIENT_ID}}' };
    }), /webApplicationInfo.resource .* is not api:\/\/localhost:53000\//],
    ['an Entra app whose identifier URI is not the SSO resource', (p) => editJson(p.aadManifestFile, (m) => { m.identifierUris = ['api://${{M365_CLIENT_ID}}']; }), /identifierUris lack api:\/\/localhost:53000\//],
    ['a valid domain nothing loads from', (p) => editJson(path.join(p.appPackageDir, 'manifest.json'), (m) => { (m as Manifest).validDomains.push('contoso.example'); }), /valid domain contoso.example is not used/],
    ['bot commands other than botCommands.json', (p) => editJson(path.join(p.appPackageDir, 'manifest.json'), (m) => { (m as Manifest).bots[0]!.commandLists[0]!.commands.pop(); }), /differ from appPackage\/botCommands.json/],
    ['a placeholder env/.env.local does not define', (p) => editJson(path.join(p.appPackageDir, 'manifest.json'), (m) => { m.accentColor = '${{ACCENT}}'; }), /uses \$\{\{ACCENT\}\}, which env\/.env.local does not define/],
    ['a placeholder provision has yet to fill', (p) => writeFileSync(path.join(p.envDir, '.env.local'), readFileSync(path.join(p.envDir, '.env.local'), 'utf8').replace(/^BOT_ID=.*$/m, 'BOT_ID=')), /\$\{\{BOT_ID\}\}, which is empty in env\/.env.local/],
    ['a colour icon of the wrong size', (p) => writeFileSync(path.join(p.appPackageDir, 'color.png'), solidPng(96, [15, 108, 189, 255])), /color.png is 96×96, must be 192×192/],
    ['an outline icon with no transparent background', (p) => writeFileSync(path.join(p.appPackageDir, 'outline.png'), solidPng(32, [255, 255, 255, 255])), /no transparent pixel/],
    ['an outline icon that is not white', (p) => {
      const png = PNG.sync.read(readFileSync(path.join(p.appPackageDir, 'outline.png')));
      for (let offset = 0; offset < png.data.length; offset += 4) if (png.data[offset + 3]) png.data[offset + 1] = 0;
      writeFileSync(path.join(p.appPackageDir, 'outline.png'), PNG.sync.write(png));
    }, /visible pixels that are not white/],
    ['an icon that is not a PNG', (p) => writeFileSync(path.join(p.appPackageDir, 'color.png'), 'not a png'), /color.png is not a readable PNG/],
  ];

  it.each(broken)('%s', async (_name, breakIt, problem) => {
    const paths = fixture();
    try {
      const good = await buildAppPackage('local', paths);
      expect(good).toMatchObject({ ok: true });
      breakIt(paths);
      const result = await buildAppPackage('local', paths);
      expect(result.ok).toBe(false);
      expect(result.ok ? [] : result.problems).toEqual(expect.arrayContaining([expect.stringMatching(problem)]));
      // The zip of the good build before is gone too: nobody uploads a stale package by mistake.
      expect(existsSync(path.join(paths.appPackageDir, 'build', 'appPackage.local.zip'))).toBe(false);
    } finally {
      rmSync(paths.root, { recursive: true, force: true });
    }
  });
});

describe('the committed icons', () => {
  it.each([['color.png', 192, false], ['outline.png', 32, true]] as const)('%s is what iconArt.ts draws (re-run drawIcons.ts after a change)', (file, size, outline) => {
    const committed = PNG.sync.read(readFileSync(path.join(ROOT, 'appPackage', file)));
    expect(committed.data.equals(renderIcon(size, iconLayers(outline)))).toBe(true);
  });
});
