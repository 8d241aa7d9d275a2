import { parseArgs } from 'node:util';

/** What `npm run bench -- [options]` accepts. */
export interface BenchOptions {
  /** The two mailbox sizes: 10,000 and 100,000, or 1,000 and 10,000 with `--quick`. */
  sizes: [number, number];
  /** Changes for the incremental scenario (in the larger mailbox). */
  changes: number;
  /** Folders generated below the default Contacts folder. */
  folders: number;
  seed: number;
  /** Floor/sync pairs per scenario. */
  repeat: number;
  /** Write a CPU profile of every measured run and print where the time went. */
  profile: boolean;
  /** Where the JSON results go. */
  out: string;
  /** Which scenarios run: the contact-count ones, the folder-count ones (Graph requests by folders), or both. */
  only: 'all' | 'contacts' | 'folders' | 'schedule' | 'phonebook' | 'instant';
  /** `--only schedule`: users with a schedule (default 100; the full size is 1,000). */
  users: number;
  /** `--only schedule`: contacts in each user's mailbox (default 1,000). */
  userContacts: number;
  /** Contacts in the phonebook scenario's mailbox (default 10,000; 100,000 is the size). */
  phonebookSize: number;
}

/** Usage text. */
export const USAGE = `Usage: npm run bench -- [--quick] [--repeat n] [--folders n] [--seed n] [--profile] [--out file]
  --quick       1,000 and 10,000 contacts instead of 10,000 and 100,000 (a smoke run), one pair each
  --repeat n    floor/sync pairs per scenario (default 2; 1 with --quick); seconds are the best of them
  --folders n   folders below the default Contacts folder (default 8)
  --seed n      mailbox generator seed (default 1)
  --profile     --cpu-prof every measured run and print the hot spots
  --out file    JSON results (default bench-results.json in the repo root)
  --only which  contacts (the timed contact-count scenarios), folders (Graph requests and round trips for
                1, 8 and 50 folders, first and incremental sync), schedule (scheduled syncs of many users:
                planner, queue throughput, Graph requests per user, beside a floor) or phonebook (search and
                caller lookup latency beside a point read, and the import's table transactions per page);
                default contacts and folders (schedule and phonebook run only when asked); instant (Graph
                change notifications: 200 edits timed from Outlook to Table Storage, Graph requests against
                hourly polling, notifications per second)
  --users n          schedule: users (default 100; the full-size run is --users 1000)
  --user-contacts n  schedule: contacts per user (default 1000), 5 % of them changed before each round
  --phonebook-size n  contacts in the phonebook scenario (default 10000; 100000 takes ~10x longer to seed)`;

/** Parses and checks the options; a bad one throws a message that names it. */
export function parseBenchOptions(argv: string[]): BenchOptions | 'help' {
  const { values } = parseArgs({
    args: argv,
    options: {
      quick: { type: 'boolean', default: false }, repeat: { type: 'string' }, folders: { type: 'string', default: '8' },
      seed: { type: 'string', default: '1' }, profile: { type: 'boolean', default: false },
      out: { type: 'string', default: 'bench-results.json' }, help: { type: 'boolean', default: false },
      only: { type: 'string', default: 'all' }, 'phonebook-size': { type: 'string', default: '10000' },
      users: { type: 'string', default: '100' }, 'user-contacts': { type: 'string', default: '1000' },
    },
  });
  if (values.help) return 'help';
  return {
    sizes: values.quick ? [1_000, 10_000] : [10_000, 100_000],
    changes: 10,
    folders: whole(values.folders, '--folders', 0),
    seed: whole(values.seed, '--seed', 0),
    repeat: whole(values.repeat ?? (values.quick ? '1' : '2'), '--repeat', 1),
    profile: values.profile,
    out: values.out,
    only: oneOf(values.only, '--only', ['all', 'contacts', 'folders', 'schedule', 'phonebook', 'instant'] as const),
    users: whole(values.users, '--users', 1),
    userContacts: whole(values['user-contacts'], '--user-contacts', 20),
    phonebookSize: whole(values['phonebook-size'], '--phonebook-size', 100),
  };
}

function whole(value: string, name: string, min: number): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < min) throw new Error(`${name} must be a whole number ≥ ${min}, got ${JSON.stringify(value)}`);
  return n;
}

function oneOf<T extends string>(value: string, name: string, allowed: readonly T[]): T {
  const found = allowed.find((candidate) => candidate === value);
  if (!found) throw new Error(`${name} must be one of ${allowed.join(', ')}, got ${JSON.stringify(value)}`);
  return found;
}
