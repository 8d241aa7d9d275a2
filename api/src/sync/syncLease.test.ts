import { SyncHarness, type TestMailbox } from '../../../tools/src/testing/syncHarness';

let harness: SyncHarness;
beforeAll(async () => { harness = await SyncHarness.start(); });
afterAll(async () => { await harness.stop(); });
afterEach(() => { harness.graph.sim.setKnobs({ latencyMs: 0 }); });

function mailboxWith(count: number, folders: number): TestMailbox {
  const mailbox = harness.mailbox();
  mailbox.source.seed({ contacts: count, folders, seed: 21 });
  return mailbox;
}

describe('the lease of a running sync', () => {
  it('is renewed by one writer while four folder rounds store pages side by side (short lease)', async () => {
    const mailbox = mailboxWith(1600, 8);
    mailbox.sim.setKnobs({ latencyMs: 40, maxPageSize: 20 });
    const summary = await mailbox.sync({ leaseMs: 1000 });
    expect(summary).toMatchObject({ new: 1600, updated: 0, deleted: 0 });
    expect(await mailbox.contacts()).toHaveLength(1600);
  });
});
