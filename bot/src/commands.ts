/** The bot's commands; the manifest's command list (appPackage/botCommands.json) lists the same, in this order. */
export const BOT_COMMANDS = [
  { title: 'sync contacts', description: 'Sync my Outlook contacts now' },
  { title: 'sync status', description: 'Show the running or last sync' },
  { title: 'help', description: 'What I can do' },
] as const;

/** A command the bot knows. */
export type BotCommand = (typeof BOT_COMMANDS)[number]['title'];

const TITLES: ReadonlySet<string> = new Set(BOT_COMMANDS.map((command) => command.title));

/**
 * The command a message names, or undefined. Case, extra spaces and the bot's @mention (`<at>…</at>`, which
 * Teams puts in the text of a channel or group message) do not matter; a trailing full stop neither.
 */
export function parseCommand(text: string | undefined): BotCommand | undefined {
  const normalized = (text ?? '')
    .replace(/<at>[^<]*<\/at>/gi, ' ')
    .replace(/&nbsp;|\u00a0/g, ' ')
    .replace(/[.!?]+\s*$/, '')
    .trim()
    .replace(/\s+/g, ' ')
    .toLowerCase();
  return TITLES.has(normalized) ? (normalized as BotCommand) : undefined;
}

/** The short help: what to type. */
export function helpText(): string {
  return ['I can sync your Outlook contacts into Contact Sync. Type:', ...BOT_COMMANDS.map((c) => `- **${c.title}**: ${c.description}`)].join('\n');
}
