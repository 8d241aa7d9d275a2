import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';

/** Debian's Chromium, driven by playwright-core (no browser download). */
export const CHROMIUM = '/usr/bin/chromium';

/** The flags that work on these machines (see shared TOOLCHAIN.md). */
export const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync'];

/**
 * Makes sure Chromium is installed: on a fresh machine as root, `apt-get install chromium` (~15 s). Returns
 * why browser tests cannot run, or undefined when they can.
 */
export function ensureChromium(): string | undefined {
  if (existsSync(CHROMIUM)) return undefined;
  if (process.getuid?.() !== 0) return `${CHROMIUM} is missing and this user is not root: run "apt-get install -y --no-install-recommends chromium" as root`;
  try {
    console.log('tab e2e: installing Chromium (apt-get install chromium)…');
    execFileSync('apt-get', ['install', '-y', '--no-install-recommends', 'chromium'], { stdio: 'inherit', timeout: 300_000 });
  } catch (error) {
    return `apt-get install chromium failed: ${error instanceof Error ? error.message : String(error)}`;
  }
  return existsSync(CHROMIUM) ? undefined : `${CHROMIUM} still missing after apt-get install`;
}
