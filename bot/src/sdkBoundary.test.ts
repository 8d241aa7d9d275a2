import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

/** Only the adapter module may import botbuilder: a successor SDK then replaces one file. */
describe('the SDK boundary', () => {
  const dirs = [path.resolve(__dirname), path.resolve(__dirname, '../../api/src'), path.resolve(__dirname, '../../tools/src')];
  const walk = (dir: string): string[] => readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === 'node_modules' ? [] : walk(full);
    return /\.tsx?$/.test(entry.name) && !entry.name.endsWith('.test.ts') ? [full] : [];
  });
  const files = dirs.flatMap(walk);
  const importsBotbuilder = (file: string) => /(?:from\s+|require\(\s*|import\(\s*)['"](botbuilder|botframework-[a-z-]+)(?:\/[^'"]*)?['"]/.test(readFileSync(file, 'utf8'));

  it('finds the adapter importing botbuilder (the check is not blind)', () => {
    expect(importsBotbuilder(path.join(__dirname, 'botFrameworkAdapter.ts'))).toBe(true);
  });

  it('no other source file imports botbuilder or a botframework-* package', () => {
    expect(files.filter(importsBotbuilder).map((file) => path.relative(path.resolve(__dirname, '../..'), file))).toEqual(['bot/src/botFrameworkAdapter.ts']);
  });
});
