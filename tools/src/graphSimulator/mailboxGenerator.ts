import { generateContact } from './contactGenerator';
import { FOLDER_NAMES } from './generatorCultures';
import { oddContactId } from './graphIds';
import type { ContactInput, Mailbox } from './mailbox';
import { mixSeed, SeededRandom } from './seededRandom';

/** What {@link seedMailbox} generates. The same options (and seed) give the same mailbox. */
export interface SeedOptions {
  /** How many contacts, spread over the default folder (about 40%) and the generated folders. */
  contacts: number;
  /** How many folders, nested several levels deep under the default Contacts folder. Default 0. */
  folders?: number;
  /** Default 1. */
  seed?: number;
  /** Give every contact an id that Azure Table keys forbid (`/ \ # ?`, control characters, > 1 KiB). */
  oddIds?: boolean;
  /** How many contacts get one field longer than 40,000 characters. Default 0. */
  oversized?: number;
}

/** What a seed made. */
export interface SeedSummary {
  folderIds: string[];
  contacts: number;
  version: number;
}

/** The parts of a mailbox the generator writes through. */
export type SeedTarget = Pick<Mailbox, 'addFolder' | 'addContact' | 'newContactId' | 'defaultFolderId' | 'version'>;

const OVERSIZED_FIELDS = ['givenName', 'surname', 'emailName', 'businessPhone'] as const;
const OVERSIZED_MIN_LENGTH = 40_001;

/** Fills a mailbox with deterministic, varied folders and contacts. */
export function seedMailbox(target: SeedTarget, options: SeedOptions): SeedSummary {
  const { contacts, folders = 0, seed = 1, oddIds = false, oversized = 0 } = options;
  checkCount('contacts', contacts);
  checkCount('folders', folders);
  checkCount('oversized', oversized);
  if (oversized > contacts) throw new RangeError('seed option "oversized" cannot exceed "contacts"');
  const rng = new SeededRandom(mixSeed('mailbox', seed));
  const folderIds = createFolders(target, rng, folders);
  const targets = [target.defaultFolderId, ...folderIds];
  // Spread evenly: ordinal k of the oversized contacts sits at index ⌊k·contacts/oversized⌋.
  const oversizedAt = new Map(Array.from({ length: oversized }, (_, k) => [Math.floor((k * contacts) / oversized), k]));
  for (let index = 0; index < contacts; index += 1) {
    const folderId = rng.chance(0.4) ? target.defaultFolderId : rng.pick(targets);
    let input = generateContact(rng, index);
    const ordinal = oversizedAt.get(index);
    if (ordinal !== undefined) input = makeOversized(input, rng, ordinal);
    if (oddIds) input.id = oddContactId(target.newContactId(), index);
    target.addContact(folderId, input);
  }
  return { folderIds, contacts, version: target.version };
}

function createFolders(target: SeedTarget, rng: SeededRandom, count: number): string[] {
  const ids: string[] = [];
  for (let i = 0; i < count; i += 1) {
    // The first three form a chain, so there are always several levels; the rest hang anywhere.
    const parent = i === 0 ? target.defaultFolderId : i < 3 ? ids[i - 1] : rng.chance(0.35) ? target.defaultFolderId : rng.pick(ids);
    const round = Math.floor(i / FOLDER_NAMES.length);
    const name = `${FOLDER_NAMES[i % FOLDER_NAMES.length] ?? 'Folder'}${round > 0 ? ` ${round + 1}` : ''}`;
    ids.push(target.addFolder(name, parent).id);
  }
  return ids;
}

/** Puts a > 40,000-character value into one field the sync reads (rotating over the fields). */
function makeOversized(input: ContactInput, rng: SeededRandom, ordinal: number): ContactInput {
  const huge = longText(OVERSIZED_MIN_LENGTH + rng.int(5000));
  const field = OVERSIZED_FIELDS[ordinal % OVERSIZED_FIELDS.length];
  switch (field) {
    case 'givenName': return { ...input, givenName: huge };
    case 'surname': return { ...input, surname: huge };
    case 'emailName': return { ...input, emailAddresses: [{ name: huge, address: 'oversized@example.com' }, ...(input.emailAddresses ?? [])] };
    default: return { ...input, businessPhones: [`+1 425 555 0100 ${huge}`, ...(input.businessPhones ?? [])] };
  }
}

function longText(length: number): string {
  const phrase = 'Lorem ipsum Ωμέγα Привет 你好 مرحبا नमस्ते ';
  return phrase.repeat(Math.ceil(length / phrase.length)).slice(0, length);
}

function checkCount(name: string, value: number): void {
  if (!Number.isInteger(value) || value < 0) throw new RangeError(`seed option "${name}" must be a whole number ≥ 0`);
}
