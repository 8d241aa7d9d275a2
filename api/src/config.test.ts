import { SYNC_TIMING_DEFAULTS, loadSyncConfig } from './config';

const base = { AzureWebJobsStorage: 'UseDevelopmentStorage=true' };

describe('sync timing settings', () => {
  it('defaults the lease and the time budget', () => {
    expect(loadSyncConfig(base)).toMatchObject({ syncLeaseMs: SYNC_TIMING_DEFAULTS.leaseMs, syncTimeBudgetMs: SYNC_TIMING_DEFAULTS.timeBudgetMs });
  });

  it.each([
    ['SYNC_LEASE_MS', '30000', { syncLeaseMs: 30_000 }],
    ['SYNC_TIME_BUDGET_MS', '1500', { syncTimeBudgetMs: 1500 }],
  ])('reads %s=%s', (setting, value, expected) => {
    expect(loadSyncConfig({ ...base, [setting]: value })).toMatchObject(expected);
  });

  it.each([
    ['SYNC_LEASE_MS', 'soon'], ['SYNC_LEASE_MS', '999'], ['SYNC_LEASE_MS', '1.5'],
    ['SYNC_TIME_BUDGET_MS', '600000'], ['SYNC_TIME_BUDGET_MS', '-1'],
  ])('refuses %s=%s, naming the setting', (setting, value) => {
    let thrown: unknown;
    try {
      loadSyncConfig({ ...base, [setting]: value });
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toMatchObject({ code: 'configuration_invalid', details: { setting } });
    expect((thrown as Error).message).toContain(setting);
  });
});
