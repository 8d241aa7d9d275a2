import { BEARER, deltaUrlOf, ENGINE_PREFER, graphGet, TENANT, USER } from './simTestClient';
import { type RunningGraphSimulator, startGraphSimulator } from './simulatorServer';

let server: RunningGraphSimulator;

beforeAll(async () => {
  server = await startGraphSimulator();
});
afterAll(() => server.stop());

describe('delta at benchmark scale', () => {
  it('pages 100,000 contacts at 200 a page, each once, with late pages as quick as early ones', async () => {
    const mailbox = server.sim.createMailbox(TENANT, USER);
    mailbox.seed({ contacts: 100_000, seed: 11 });
    mailbox.addFolder('Empty');
    const all = mailbox.listContacts(mailbox.defaultFolderId).length;
    const seen = new Set<string>();
    const pageMs: number[] = [];
    let url: string | undefined = deltaUrlOf(server.baseUrl, mailbox.defaultFolderId, '?$select=givenName,surname');
    while (url) {
      const started = performance.now();
      const answer = await graphGet(url, BEARER, { Prefer: ENGINE_PREFER });
      pageMs.push(performance.now() - started);
      for (const entry of answer.body.value as Array<{ id: string }>) seen.add(entry.id);
      url = answer.body['@odata.nextLink'];
    }
    expect(seen.size).toBe(all);
    const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? 0;
    expect(median(pageMs.slice(-20))).toBeLessThan(median(pageMs.slice(5, 25)) * 3 + 5);
  });
});
