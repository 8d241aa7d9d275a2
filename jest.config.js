/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/api/src', '<rootDir>/tools/src'],
  testMatch: ['**/*.test.ts'],
  // Type checking is `npm run typecheck`; jest only transpiles (isolatedModules in tsconfig), so runs stay fast.
  transform: { '^.+\\.ts$': ['ts-jest', { diagnostics: false }] },
  testTimeout: 60000,
  // Integration tests share one machine's Azurite/simulator ports and CPU; two workers is the machine.
  maxWorkers: 2,
};
