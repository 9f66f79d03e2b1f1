/**
 * Jest runs TypeScript through SWC (fast, no type check); `npm test` runs `tsc --noEmit` first,
 * so types are still checked on every run.
 * globalSetup starts the real services the tests need (Temporal dev server, a fresh database).
 */
/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: 'node',
  transform: { '^.+\\.(t|j)sx?$': ['@swc/jest', { jsc: { target: 'es2022' } }] },
  // jose 6 ships only ES modules; Jest on Node 20 cannot require them, so SWC compiles it too.
  transformIgnorePatterns: ['/node_modules/(?!jose/)'],
  testMatch: ['<rootDir>/**/*.test.ts'],
  testPathIgnorePatterns: ['/node_modules/', '/dist/', '/.data/'],
  globalSetup: '<rootDir>/test/global-setup.ts',
  globalTeardown: '<rootDir>/test/global-teardown.ts',
  // Two cores here: two workers keep the machine responsive for the Temporal server.
  maxWorkers: 2,
  testTimeout: 60000,
  reporters: ['default', '<rootDir>/test/summary-reporter.js'],
};
