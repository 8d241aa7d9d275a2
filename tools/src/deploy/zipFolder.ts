/**
 * `npm run zip-api`: zips build/api (what `npm run build` writes) into build/api.zip for Flex Consumption's
 * one-deploy endpoint, which takes a zip whose root is the Functions app (host.json at the top).
 */
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import JSZip from 'jszip';

/** Adds every file under `dir` to `zip`, paths relative to `dir`, '/'-separated as zip readers expect. */
export function addFolder(zip: JSZip, dir: string, prefix = ''): void {
  for (const name of readdirSync(dir)) {
    const full = path.join(dir, name);
    const entry = prefix ? `${prefix}/${name}` : name;
    if (statSync(full).isDirectory()) addFolder(zip, full, entry);
    else zip.file(entry, readFileSync(full), { unixPermissions: statSync(full).mode });
  }
}

/** What is zipped and where the zip goes, relative to the repository (teamsapp.yml's deploy step names the zip). */
export const API_ZIP = { source: 'build/api', target: 'build/api.zip' } as const;

async function main(): Promise<void> {
  const root = path.resolve(__dirname, '../../..');
  const source = path.join(root, API_ZIP.source);
  if (!statSync(source, { throwIfNoEntry: false })?.isDirectory()) throw new Error('build/api is missing: run `npm run build` first.');
  const zip = new JSZip();
  addFolder(zip, source);
  const target = path.join(root, API_ZIP.target);
  writeFileSync(target, await zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE', platform: 'UNIX' }));
  console.log(`Wrote ${path.relative(root, target)}`);
}

if (require.main === module) {
  main().catch((error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  });
}
