import { simToken } from './authentication';
import type { GraphSimulator } from './graphSimulator';
import type { Mailbox } from './mailbox';
import { type RunningGraphSimulator, startGraphSimulator } from './simulatorServer';

/** A delta entry (or a folder) as Graph sends it. */
export interface DeltaEntry {
  id: string;
  '@removed'?: { reason: string };
  [property: string]: unknown;
}

/** A Graph JSON body as the tests read it: a collection page, an entity or an error (loosely typed). */
export interface GraphBody {
  value: DeltaEntry[];
  '@odata.nextLink'?: string;
  '@odata.deltaLink'?: string;
  error: { code: string; message: string; innerError?: Record<string, unknown> };
  [property: string]: unknown;
}

/** One Graph answer as the tests look at it. */
export interface GraphAnswer {
  status: number;
  headers: Headers;
  body: GraphBody;
}

/** A delta round read to its end. */
export interface DeltaRound {
  pages: DeltaEntry[][];
  entries: DeltaEntry[];
  deltaLink: string;
}

/** The Prefer header the sync engine sends. */
export const ENGINE_PREFER = 'odata.maxpagesize=200, IdType="ImmutableId"';

/** Test helper: GET a simulator URL with a bearer (`null` sends none) and parse the JSON answer. */
export async function graphGet(url: string, bearer: string | null, headers: Record<string, string> = {}): Promise<GraphAnswer> {
  const response = await fetch(url, { headers: { ...(bearer === null ? {} : { Authorization: `Bearer ${bearer}` }), ...headers } });
  const text = await response.text();
  return { status: response.status, headers: response.headers, body: (text ? JSON.parse(text) : {}) as GraphBody };
}

/** Test helper: follows nextLinks from `url` to the deltaLink, failing on any non-200. */
export async function readRound(url: string, bearer: string, prefer = ENGINE_PREFER, maxPages = 100_000): Promise<DeltaRound> {
  const pages: DeltaEntry[][] = [];
  let next: string | undefined = url;
  while (next) {
    if (pages.length >= maxPages) throw new Error(`more than ${maxPages} pages`);
    const answer = await graphGet(next, bearer, { Prefer: prefer });
    if (answer.status !== 200) throw new Error(`${next} answered ${answer.status}: ${JSON.stringify(answer.body)}`);
    pages.push(answer.body.value);
    const deltaLink = answer.body['@odata.deltaLink'];
    if (deltaLink) return { pages, entries: pages.flat(), deltaLink };
    next = answer.body['@odata.nextLink'];
  }
  throw new Error('a page had neither a nextLink nor a deltaLink');
}

/** The URL of a full delta round of a folder. */
export function deltaUrlOf(baseUrl: string, folderId: string, query = ''): string {
  return `${baseUrl}/me/contactFolders/${encodeURIComponent(folderId)}/contacts/delta${query}`;
}

export const TENANT = 'tenant-1';
export const USER = 'user-1';
export const BEARER = simToken(TENANT, USER);

/** The simulator of one test file and the mailbox of the current test (see {@link useSimulator}). */
export interface SimulatorFixture {
  readonly server: RunningGraphSimulator;
  readonly mailbox: Mailbox;
}

/**
 * Starts a Graph simulator for the test file (stopped after it) and gives each test a fresh, empty
 * mailbox of {@link TENANT}/{@link USER}, after `prepare` has set the simulator up (knobs, faults, counts).
 */
export function useSimulator(prepare: (sim: GraphSimulator) => void = () => undefined): SimulatorFixture {
  let server: RunningGraphSimulator | undefined;
  let mailbox: Mailbox | undefined;
  beforeAll(async () => { server = await startGraphSimulator(); });
  afterAll(() => server?.stop());
  beforeEach(() => {
    const sim = started(server).sim;
    prepare(sim);
    mailbox = sim.createMailbox(TENANT, USER);
  });
  return { get server() { return started(server); }, get mailbox() { return started(mailbox); } };
}

function started<T>(value: T | undefined): T {
  if (value === undefined) throw new Error('the simulator fixture is used outside a test');
  return value;
}
