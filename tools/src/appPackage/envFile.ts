/**
 * The Agents Toolkit's environment files (`env/.env.<name>`, dotenv syntax) and its `${{NAME}}` placeholders,
 * read the way the toolkit reads them, so the package script and the drift check see what provision sees.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';

/** The names and values of one environment file; an empty value is a name provision has yet to fill. */
export type EnvValues = ReadonlyMap<string, string>;

const PLACEHOLDER = /\$\{\{\s*([A-Za-z_][A-Za-z0-9_]*)\s*\}\}/g;

/** Parses dotenv text: `NAME=value` lines, `#` comments, optional quotes around a value. */
export function parseEnvText(text: string): Map<string, string> {
  const values = new Map<string, string>();
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.trim();
    if (!line || line.startsWith('#')) continue;
    const match = /^(?:export\s+)?([A-Za-z_][A-Za-z0-9_]*)\s*=\s*(.*)$/.exec(line);
    if (!match) continue;
    const value = match[2]!.trim();
    const quoted = /^(["'])(.*)\1$/.exec(value);
    values.set(match[1]!, quoted ? quoted[2]! : value.replace(/\s+#.*$/, ''));
  }
  return values;
}

/** `env/.env.<name>`; a missing file is an error that names it. */
export function readEnvFile(envDir: string, envName: string): Map<string, string> {
  const file = path.join(envDir, `.env.${envName}`);
  if (!existsSync(file)) throw new Error(`No environment file ${file}: create it from env/.env.dev (see README, Admin guide).`);
  return parseEnvText(readFileSync(file, 'utf8'));
}

/** Every `${{NAME}}` in a text, each name once, in order of first use. */
export function placeholdersIn(text: string): string[] {
  return [...new Set([...text.matchAll(PLACEHOLDER)].map((match) => match[1]!))];
}

/** Replaces every placeholder; names that are missing or empty are returned, not guessed. */
export function resolvePlaceholders(text: string, values: EnvValues): { text: string; missing: string[] } {
  const missing = new Set<string>();
  const resolved = text.replace(PLACEHOLDER, (whole, name: string) => {
    const value = values.get(name);
    if (value === undefined || value === '') {
      missing.add(name);
      return whole;
    }
    return value;
  });
  return { text: resolved, missing: [...missing] };
}
