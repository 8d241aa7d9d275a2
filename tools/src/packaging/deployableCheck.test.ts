import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { findImportViolations, loadInIsolation } from './deployableCheck';

/** A deployable package on disk: package.json with `dependencies`, and compiled files under dist/. */
function fakePackage(files: Record<string, string>, dependencies: Record<string, string> = {}): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'deployable-check-'));
  writeFileSync(path.join(dir, 'package.json'), JSON.stringify({ name: 'app', dependencies }));
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(dir, 'dist', name)), { recursive: true });
    writeFileSync(path.join(dir, 'dist', name), text);
  }
  return dir;
}

describe('the deployable-code check', () => {
  const made: string[] = [];
  afterAll(() => made.forEach((dir) => rmSync(dir, { recursive: true, force: true })));
  const pkg = (files: Record<string, string>, deps?: Record<string, string>): string => {
    const dir = fakePackage(files, deps);
    made.push(dir);
    return dir;
  };

  it('accepts built-ins, files of the package and declared production dependencies', () => {
    const dir = pkg({
      'functions/a.js': 'require("node:fs"); require("path"); require("../lib/b"); require("@azure/functions"); require("zod/v4");',
      'lib/b.js': '',
    }, { '@azure/functions': '4', zod: '4' });
    expect(findImportViolations(dir)).toEqual([]);
  });

  it.each([
    ['a path into the development tools', 'require("../../../tools/src/localStack")', 'reaches outside the deployable code'],
    ['a development-only package', 'require("azurite")', 'is not a production dependency of the package'],
    ['a scoped package the package does not declare', 'require("@jest/globals")', 'is not a production dependency of the package'],
    ['a missing file of its own', 'require("./gone")', 'is not in the package'],
  ])('refuses %s', (_what, code, reason) => {
    const dir = pkg({ 'functions/a.js': code });
    expect(findImportViolations(dir)).toEqual([{ file: path.join('dist', 'functions', 'a.js'), specifier: expect.any(String), reason }]);
  });

  it('loads the function modules from a copy outside the repository, where nothing else resolves', () => {
    const ok = pkg({ 'functions/a.js': 'require("@azure/functions-core").registerFunction({ name: "a" }, () => undefined);' });
    expect(loadInIsolation(ok, (dir) => [path.join(dir, 'dist', 'functions', 'a.js')])).toEqual(['a']);
    // `typescript` is installed in the workspace, but not in the package: the copy must not find it.
    const leaky = pkg({ 'functions/a.js': 'require("typescript");' });
    expect(() => loadInIsolation(leaky, (dir) => [path.join(dir, 'dist', 'functions', 'a.js')])).toThrow(/Cannot find module 'typescript'/);
  });
});
