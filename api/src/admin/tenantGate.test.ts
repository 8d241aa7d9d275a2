import { createTenantGate } from './tenantGate';
import { MemoryTenantSettingsStore } from './memoryTenantSettingsStore';
import type { StoredIntegration } from './tenantSettings';

const TENANT = '6f1d2c3b-0000-4000-8000-000000000001';

function integration(enabled: boolean, tenantId = TENANT): StoredIntegration {
  return { name: 'Outlook', clientId: '6f1d2c3b-0000-4000-8000-0000000000aa', tenantId, enabled, updatedAt: '', updatedBy: '' };
}

describe('tenant gate', () => {
  let clock = 0;
  const now = () => clock;
  beforeEach(() => { clock = 1_000; });

  it.each([
    ['no integration', undefined, false],
    ['a disabled integration', integration(false), false],
    ['an enabled integration', integration(true), true],
    ['an enabled integration naming another tenant', integration(true, '6f1d2c3b-0000-4000-8000-000000000002'), false],
  ])('answers %s with %s', async (_name, stored, expected) => {
    const store = new MemoryTenantSettingsStore();
    if (stored) await store.saveIntegration(TENANT, stored);
    await expect(createTenantGate(store, { now }).isTenantEnabled(TENANT)).resolves.toBe(expected);
  });

  it('never enables a tenant the operator does not allow, and reads nothing for it', async () => {
    const store = new MemoryTenantSettingsStore();
    await store.saveIntegration(TENANT, integration(true));
    const reads: string[] = [];
    const counting = { getIntegration: (tenantId: string) => { reads.push(tenantId); return store.getIntegration(tenantId); } };
    await expect(createTenantGate(counting, { now, isAllowed: () => false }).isTenantEnabled(TENANT)).resolves.toBe(false);
    await expect(createTenantGate(counting, { now, isAllowed: () => true }).isTenantEnabled(TENANT)).resolves.toBe(true);
    expect(reads).toEqual([TENANT]);
  });

  it('reuses an answer for the ttl, case-insensitively, then asks the store again', async () => {
    const store = new MemoryTenantSettingsStore();
    const gate = createTenantGate(store, { ttlMs: 100, now });
    await expect(gate.isTenantEnabled(TENANT)).resolves.toBe(false);
    await store.saveIntegration(TENANT, integration(true));
    await expect(gate.isTenantEnabled(TENANT.toUpperCase())).resolves.toBe(false);
    expect(store.integrationReads).toBe(1);
    clock += 101;
    await expect(gate.isTenantEnabled(TENANT)).resolves.toBe(true);
    expect(store.integrationReads).toBe(2);
  });

  it('asks the store again at once after forget()', async () => {
    const store = new MemoryTenantSettingsStore();
    const gate = createTenantGate(store, { now });
    await gate.isTenantEnabled(TENANT);
    await store.saveIntegration(TENANT, integration(true));
    gate.forget(TENANT);
    await expect(gate.isTenantEnabled(TENANT)).resolves.toBe(true);
  });

  it('keeps at most maxEntries answers', async () => {
    const store = new MemoryTenantSettingsStore();
    const gate = createTenantGate(store, { maxEntries: 2, now });
    for (const suffix of ['1', '2', '3']) await gate.isTenantEnabled(`6f1d2c3b-0000-4000-8000-00000000000${suffix}`);
    await gate.isTenantEnabled('6f1d2c3b-0000-4000-8000-000000000001');
    expect(store.integrationReads).toBe(4);
  });
});
