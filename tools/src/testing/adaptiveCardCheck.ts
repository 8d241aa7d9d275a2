/**
 * Checks an Adaptive Card the way Teams will render it in a bot message: schema version 1.5 at most, no
 * element or action the 1.5 schema does not know, and the fields the schema requires. The `adaptivecards`
 * library parses the card (reports unknown types and properties it cannot read) but accepts any version and
 * missing required fields, so those are checked here.
 */
// The UMD bundle runs in Node without a DOM; the package's ESM entry does not resolve there.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const AC = require('adaptivecards/dist/adaptivecards.js') as typeof import('adaptivecards');

type Json = Record<string, unknown>;

/** Required properties of the elements and actions the 1.5 schema defines that our cards may use. */
const REQUIRED: Record<string, string[]> = {
  TextBlock: ['text'], FactSet: ['facts'], Container: ['items'], ColumnSet: [], Image: ['url'],
  'Action.OpenUrl': ['url'], 'Action.Submit': [], 'Action.Execute': [], 'Action.ShowCard': ['card'],
};

function requiredProblems(node: unknown, where: string): string[] {
  if (Array.isArray(node)) return node.flatMap((item, index) => requiredProblems(item, `${where}[${index}]`));
  if (!node || typeof node !== 'object') return [];
  const object = node as Json;
  const problems: string[] = [];
  if (typeof object.type === 'string' && object.type !== 'AdaptiveCard') {
    const required = REQUIRED[object.type];
    if (!required) problems.push(`${where}: ${object.type} is not an element of this check's 1.5 subset`);
    for (const field of required ?? []) {
      const value = object[field];
      if (value === undefined || value === '' || (Array.isArray(value) && value.length === 0)) problems.push(`${where}: ${object.type} needs ${field}`);
    }
    if (object.type === 'Action.OpenUrl' && typeof object.url === 'string' && !/^https:\/\//.test(object.url)) problems.push(`${where}: url must be https`);
  }
  if (object.type === 'FactSet') {
    for (const [index, fact] of ((object.facts as unknown[]) ?? []).entries()) {
      const f = fact as Json;
      if (typeof f.title !== 'string' || typeof f.value !== 'string') problems.push(`${where}.facts[${index}]: needs title and value strings`);
    }
  }
  for (const [key, value] of Object.entries(object)) if (typeof value === 'object') problems.push(...requiredProblems(value, `${where}.${key}`));
  return problems;
}

/** Every problem of the card; an empty list means Teams can render it. */
export function adaptiveCardProblems(card: unknown): string[] {
  const json = card as Json;
  const problems: string[] = [];
  if (json?.type !== 'AdaptiveCard') problems.push('type must be AdaptiveCard');
  if (json?.version !== '1.5' && !/^1\.[0-4]$/.test(String(json?.version))) problems.push(`version ${String(json?.version)} is not 1.0–1.5`);
  const parsed = new AC.AdaptiveCard();
  const context = new AC.SerializationContext();
  parsed.parse(json, context);
  for (let i = 0; i < context.eventCount; i++) problems.push(`adaptivecards: ${context.getEventAt(i).message}`);
  problems.push(...requiredProblems(json?.body, 'body'), ...requiredProblems(json?.actions, 'actions'));
  return problems;
}
