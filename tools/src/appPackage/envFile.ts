/**
 * The Agents Toolkit's environment files (`env/.env.<name>`, dotenv syntax) and its `${{NAME}}` placeholders,
 * read the way the toolkit reads them, so the package script and the drift check see what provision sees.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';

/**
 * The names and values of one environment file. `NAME=` (nothing after it) is `undefined`: declared, waiting
 * for provision or the admin to fill it. `NAME=""` is a value that is meant to be empty.
 */
export type EnvValues = ReadonlyMap<string, string | undefined>;

const PLACEHOLDER = /\$\{\{\s*([A-Za-z_][A-Za-z0-9_]*)\s*\}\}/g;

/** Parses dotenv text: `NAME=value` lines, `#` comments, optional quotes around a value. */
export function parseEnvText(text: string): Map<string, string | undefined> {
  const values = new Map<string, string | undefined>();
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.trim();
    if (!line || line.startsWith('#')) continue;
    const match = /^(?:export\s+)?([A-Za-z_][A-Za-z0-9_]*)\s*=\s*(.*)$/.exec(line);
    if (!match) continue;
    const value = match[2]!.trim();
    const quoted = /^(["'])(.*)\1$/.exec(value);
    const unquoted = value.replace(/\s+#.*$/, '');
    values.set(match[1]!, quoted ? quoted[2]! : unquoted || undefined);
  }
  return values;
}

/** `env/.env.<name>`; a missing file is an error that names it. */
export function readEnvFile(envDir: string, envName: string): Map<string, string | undefined> {
  const file = path.join(envDir, `.env.${envName}`);
  if (!existsSync(file)) throw new Error(`No environment file ${file}: create it from env/.env.dev (see README, Admin guide).`);
  return parseEnvText(readFileSync(file, 'utf8'));
}

/** Every `${{NAME}}` in a text, each name once, in order of first use. */
export function placeholdersIn(text: string): string[] {
  return [...new Set([...text.matchAll(PLACEHOLDER)].map((match) => match[1]!))];
}

/** Replaces every placeholder; names the file lacks (`missing`) or has yet to fill (`pending`) are returned, not guessed. */
export function resolvePlaceholders(text: string, values: EnvValues): { text: string; missing: string[]; pending: string[] } {
  const missing = new Set<string>(), pending = new Set<string>();
  const resolved = text.replace(PLACEHOLDER, (whole, name: string) => {
    const value = values.get(name);
    if (value !== undefined) return value;
    (values.has(name) ? pending : missing).add(name);
    return whole;
  });
  return { text: resolved, missing: [...missing], pending: [...pending] };
}
