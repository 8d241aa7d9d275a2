/**
 * The app settings the deployed code reads, found in the code itself (TypeScript's parser), so a setting
 * someone adds tomorrow shows up in the drift test without anyone updating a list:
 *   `env.X`, `env['X']`, `process.env.X`  — direct reads;
 *   `readCount(env, 'X', …)`               — a helper handed the environment and the setting's name.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import ts from 'typescript';

/** A setting read, and the first file that reads it (for the message when it is missing from the Bicep). */
export interface SettingRead {
  name: string;
  file: string;
}

const SETTING_NAME = /^(?:[A-Z][A-Z0-9_]*|AzureWebJobs[A-Za-z0-9_]*)$/;

/** Is this expression the environment: `env`, `process.env`, or `something.env`? */
function isEnv(node: ts.Expression): boolean {
  return (ts.isIdentifier(node) && node.text === 'env') || (ts.isPropertyAccessExpression(node) && node.name.text === 'env');
}

/** The setting names one source text reads. */
export function settingsReadIn(source: string, fileName = 'file.ts'): string[] {
  const file = ts.createSourceFile(fileName, source, ts.ScriptTarget.ES2022, false, ts.ScriptKind.TS);
  const names = new Set<string>();
  const visit = (node: ts.Node): void => {
    if (ts.isPropertyAccessExpression(node) && isEnv(node.expression) && SETTING_NAME.test(node.name.text)) names.add(node.name.text);
    if (ts.isElementAccessExpression(node) && isEnv(node.expression) && ts.isStringLiteralLike(node.argumentExpression)) {
      names.add(node.argumentExpression.text);
    }
    if (ts.isCallExpression(node) && node.arguments.some((arg) => isEnv(arg))) {
      for (const arg of node.arguments) if (ts.isStringLiteralLike(arg) && SETTING_NAME.test(arg.text)) names.add(arg.text);
    }
    ts.forEachChild(node, visit);
  };
  visit(file);
  return [...names];
}

/** Every setting read by the non-test TypeScript under `dirs`, skipping `excluded` folders (relative to root). */
export function settingsReadByCode(root: string, dirs: readonly string[], excluded: readonly string[] = []): SettingRead[] {
  const found = new Map<string, string>();
  const walk = (dir: string): void => {
    for (const name of readdirSync(dir)) {
      const full = path.join(dir, name);
      const relative = path.relative(root, full).split(path.sep).join('/');
      if (excluded.includes(relative) || name === 'node_modules') continue;
      if (statSync(full).isDirectory()) walk(full);
      else if (/\.tsx?$/.test(name) && !/\.test\.tsx?$/.test(name)) {
        for (const setting of settingsReadIn(readFileSync(full, 'utf8'), name)) if (!found.has(setting)) found.set(setting, relative);
      }
    }
  };
  for (const dir of dirs) if (statSync(path.join(root, dir), { throwIfNoEntry: false })?.isDirectory()) walk(path.join(root, dir));
  return [...found].map(([name, file]) => ({ name, file })).sort((a, b) => a.name.localeCompare(b.name));
}
