import type { Mailbox } from './mailbox';
import { BEARER, type DeltaRound, deltaUrlOf, readRound, TENANT, USER } from './simTestClient';
import { type RunningGraphSimulator, startGraphSimulator } from './simulatorServer';

const PREFER_10 = 'odata.maxpagesize=10, IdType="ImmutableId"';
let server: RunningGraphSimulator;
let mailbox: Mailbox;
let ids: string[];

beforeAll(async () => {
  server = await startGraphSimulator();
});
afterAll(() => server.stop());
beforeEach(() => {
  server.sim.setKnobs({ replayRate: 0, shuffle: false, seed: 1 });
  mailbox = server.sim.createMailbox(TENANT, USER);
  ids = Array.from({ length: 100 }, (_, i) => mailbox.addContact(mailbox.defaultFolderId, { givenName: `G${i}` }).id);
});

function fullRound(): Promise<DeltaRound> {
  return readRound(deltaUrlOf(server.baseUrl, mailbox.defaultFolderId), BEARER, PREFER_10);
}

/** For each entry that was sent before, the page it was first sent on and the page it came again on. */
function replays(round: DeltaRound): Array<[number, number]> {
  const firstPage = new Map<string, number>();
  const found: Array<[number, number]> = [];
  round.pages.forEach((page, index) => {
    for (const entry of page) {
      const seen = firstPage.get(entry.id);
      if (seen === undefined) firstPage.set(entry.id, index);
      else found.push([seen, index]);
    }
  });
  return found;
}

describe('replay and shuffle knobs', () => {
  it('sends each contact exactly once, in change order, with both knobs off', async () => {
    const round = await fullRound();
    expect(round.entries.map((entry) => entry.id)).toEqual(ids);
  });

  it('re-sends entries already sent on earlier pages when replayRate is set, losing none', async () => {
    server.sim.setKnobs({ replayRate: 0.3 });
    const round = await fullRound();
    const again = replays(round);
    expect(again.length).toBeGreaterThan(5);
    for (const [first, later] of again) expect(later).toBeGreaterThan(first);
    expect(new Set(round.entries.map((entry) => entry.id))).toEqual(new Set(ids));
  });

  it('replays the same entries for the same seed', async () => {
    server.sim.setKnobs({ replayRate: 0.3, seed: 42 });
    const first = await fullRound();
    const second = await fullRound();
    server.sim.setKnobs({ seed: 43 });
    const otherSeed = await fullRound();
    expect(second.entries).toEqual(first.entries);
    expect(otherSeed.entries).not.toEqual(first.entries);
  });

  it('serves a round in a seeded permutation when shuffle is on, each contact once', async () => {
    server.sim.setKnobs({ shuffle: true, seed: 7 });
    const order = (await fullRound()).entries.map((entry) => entry.id);
    const again = (await fullRound()).entries.map((entry) => entry.id);
    server.sim.setKnobs({ seed: 8 });
    const otherSeed = (await fullRound()).entries.map((entry) => entry.id);
    expect(order).not.toEqual(ids);
    expect([...order].sort()).toEqual([...ids].sort());
    expect(again).toEqual(order);
    expect(otherSeed).not.toEqual(order);
  });

  it('shuffles incremental rounds too', async () => {
    const base = await fullRound();
    server.sim.setKnobs({ shuffle: true });
    const changed = ids.slice(0, 40);
    for (const id of changed) mailbox.updateContact(id, { surname: 'Changed' });
    const next = (await readRound(base.deltaLink, BEARER, PREFER_10)).entries.map((entry) => entry.id);
    expect(next).not.toEqual(changed);
    expect([...next].sort()).toEqual([...changed].sort());
  });

  it('keeps a round consistent when shuffle is switched mid-round', async () => {
    const { nextLink } = await firstPage();
    server.sim.setKnobs({ shuffle: true });
    const rest = await readRound(nextLink, BEARER, PREFER_10);
    expect(rest.entries.map((entry) => entry.id)).toEqual(ids.slice(10));
  });
});

async function firstPage(): Promise<{ nextLink: string }> {
  const response = await fetch(deltaUrlOf(server.baseUrl, mailbox.defaultFolderId), {
    headers: { Authorization: `Bearer ${BEARER}`, Prefer: PREFER_10 },
  });
  const body = (await response.json()) as { '@odata.nextLink': string };
  return { nextLink: body['@odata.nextLink'] };
}
