import { AppError } from '../errors/appError';
import type { MailboxRef } from '../contacts/contactModel';

/** Reads `--tenant T --user U [--flag]` style arguments; unknown ones are an error that names them. */
export function parseMailboxArgs(argv: string[], flags: string[] = []): MailboxRef & { flags: Set<string> } {
  const values = new Map<string, string>();
  const set = new Set<string>();
  for (let i = 0; i < argv.length; i += 1) {
    const arg = argv[i] ?? '';
    const name = arg.replace(/^--/, '');
    if (flags.includes(name)) set.add(name);
    else if ((name === 'tenant' || name === 'user') && arg.startsWith('--')) values.set(name, argv[(i += 1)] ?? '');
    else throw new AppError('invalid_request', `Unknown argument ${arg}. Usage: --tenant <tenant id> --user <user id>${flags.map((f) => ` [--${f}]`).join('')}`);
  }
  const tenantId = values.get('tenant') ?? '';
  const userId = values.get('user') ?? '';
  if (!tenantId) throw new AppError('invalid_request', 'Missing --tenant <tenant id>.');
  if (!userId) throw new AppError('invalid_request', 'Missing --user <user id (Entra object id)>.');
  return { tenantId, userId, flags: set };
}

/** Runs a CLI command: its result as one JSON line on stdout; an error as one line on stderr, exit 1. */
export async function runCli(main: () => Promise<unknown>): Promise<void> {
  try {
    process.stdout.write(`${JSON.stringify(await main())}\n`);
  } catch (error) {
    const code = error instanceof AppError ? error.code : 'internal';
    const message = error instanceof Error ? error.message : String(error);
    process.stderr.write(`${JSON.stringify({ error: code, message })}\n`);
    process.exitCode = 1;
  }
}
