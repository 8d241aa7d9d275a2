/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/bot/src', '<rootDir>/api/src', '<rootDir>/tools/src'],
  testMatch: ['**/*.test.ts'],
  // Type checking is `npm run typecheck`; jest only transpiles (isolatedModules in tsconfig), so runs stay fast.
  transform: { '^.+\\.ts$': ['ts-jest', { diagnostics: false }] },
  // The API imports the bot workspace from its sources (as tsconfig.json's paths do), never a stale dist/.
  moduleNameMapper: { '^@contact-sync/bot$': '<rootDir>/bot/src/index.ts' },
  testTimeout: 60000,
  // Integration tests share one machine's Azurite/simulator ports and CPU; two workers is the machine.
  maxWorkers: 2,
};
