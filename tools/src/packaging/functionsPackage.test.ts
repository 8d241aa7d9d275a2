import { lstatSync, mkdirSync, mkdtempSync, readdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { loadInIsolation } from './deployableCheck';
import { writeFunctionsPackage } from './functionsPackage';

function write(file: string, text: string): void {
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, text);
}

/** An npm workspace: `app` (the Functions app) depends on the workspace package `@x/lib`, linked by npm. */
function workspace(): string {
  const root = mkdtempSync(path.join(os.tmpdir(), 'functions-workspace-'));
  write(path.join(root, 'package.json'), JSON.stringify({ name: 'root', workspaces: ['lib', 'app'] }));
  write(path.join(root, 'lib/package.json'), JSON.stringify({ name: '@x/lib', version: '1.0.0', main: 'dist/index.js', dependencies: {} }));
  write(path.join(root, 'lib/dist/index.js'), 'exports.name = "lib";');
  write(path.join(root, 'lib/dist/index.test.js'), '');
  write(path.join(root, 'lib/src/index.ts'), 'export const name = "lib";');
  write(path.join(root, 'app/package.json'), JSON.stringify({ name: 'app', version: '1.0.0', dependencies: { '@x/lib': '*' } }));
  write(path.join(root, 'app/host.json'), '{}');
  write(path.join(root, 'app/dist/functions/a.js'), 'require("@azure/functions-core").registerFunction({ name: require("@x/lib").name }, () => undefined);');
  mkdirSync(path.join(root, 'node_modules/@x'), { recursive: true });
  symlinkSync('../../lib', path.join(root, 'node_modules/@x/lib'));
  return root;
}

describe('the Functions package with a workspace package', () => {
  const roots: string[] = [];
  afterAll(() => roots.forEach((root) => rmSync(root, { recursive: true, force: true })));

  it('copies the linked package as real files: its package.json and dist/ only, and loads from a copy elsewhere', () => {
    const root = workspace();
    roots.push(root);
    const outDir = path.join(root, 'out');
    writeFunctionsPackage({ rootDir: root, appDir: path.join(root, 'app'), compiledDir: path.join(root, 'app/dist'), outDir });
    const lib = path.join(outDir, 'node_modules/@x/lib');
    expect(lstatSync(lib).isSymbolicLink()).toBe(false);
    expect(readdirSync(lib).sort()).toEqual(['dist', 'package.json']);
    expect(readdirSync(path.join(lib, 'dist'))).toEqual(['index.js']);
    // The sources are gone: only what the package carries can load.
    rmSync(path.join(root, 'lib'), { recursive: true });
    expect(loadInIsolation(outDir, (dir) => [path.join(dir, 'dist/functions/a.js')])).toEqual(['lib']);
  });
});
