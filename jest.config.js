/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/bot/src', '<rootDir>/api/src', '<rootDir>/tools/src', '<rootDir>/tab/src'],
  testMatch: ['**/*.test.ts', '**/*.test.tsx'],
  // Type checking is `npm run typecheck`; jest only transpiles (isolatedModules in tsconfig), so runs stay fast.
  // The tab's files compile with its own JSX setting; its component tests pick jsdom with a `@jest-environment` docblock.
  transform: {
    '^.+/tab/src/.+\\.tsx?$': ['ts-jest', { diagnostics: false, tsconfig: { jsx: 'react-jsx', module: 'commonjs', esModuleInterop: true, isolatedModules: true } }],
    '^.+\\.ts$': ['ts-jest', { diagnostics: false }],
  },
  setupFiles: ['<rootDir>/tab/src/testing/jsdomSetup.ts'],
  // The API imports the bot workspace from its sources (as tsconfig.json's paths do), never a stale dist/.
  moduleNameMapper: { '^@contact-sync/bot$': '<rootDir>/bot/src/index.ts' },
  testTimeout: 60000,
  // Integration tests share one machine's Azurite/simulator ports and CPU; two workers is the machine.
  maxWorkers: 2,
};
