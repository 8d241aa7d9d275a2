import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import JSZip from 'jszip';
import { addFolder } from './zipFolder';

describe('zipping build/api for Flex Consumption', () => {
  it('puts host.json at the root and nested files under "/"-separated paths with their content', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'zip-api-'));
    try {
      mkdirSync(path.join(dir, 'dist', 'functions'), { recursive: true });
      writeFileSync(path.join(dir, 'host.json'), '{"version":"2.0"}');
      writeFileSync(path.join(dir, 'dist', 'functions', 'startSync.js'), 'module.exports = 1;');
      const zip = new JSZip();
      addFolder(zip, dir);
      const files = Object.values(zip.files).filter((file) => !file.dir).map((file) => file.name).sort();
      expect(files).toEqual(['dist/functions/startSync.js', 'host.json']);
      expect(await zip.file('host.json')!.async('string')).toBe('{"version":"2.0"}');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
