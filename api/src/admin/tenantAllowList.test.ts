import { createTenantAllowList } from './tenantAllowList';

const A = '0b3b7f5e-8c1e-4a57-9a0e-3c2f1d4e5a6b';
const B = '8a4e1c2d-0000-4000-8000-000000000001';

describe('tenant allow-list', () => {
  it.each([
    ['any', A, true],
    [[A], A, true],
    [[A], A.toUpperCase(), true],
    [[A], B, false],
    [[A, B], B, true],
    [[], A, false],
  ] as const)('%p allows %s: %p', (allowed, tenantId, expected) => {
    expect(createTenantAllowList(allowed)(tenantId)).toBe(expected);
  });
});
