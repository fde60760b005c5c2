// Browser tests (`npm run test:e2e`): kept out of the default `npm test` projects because they
// need Chromium and start the sandbox as a child process. One file at a time (2 shared cores).
/** @type {import('jest').Config} */
const base = require('../../jest.config.js').projects[0];
module.exports = {
  rootDir: '../..',
  displayName: 'e2e',
  testEnvironment: 'node',
  transform: base.transform,
  transformIgnorePatterns: base.transformIgnorePatterns,
  moduleFileExtensions: base.moduleFileExtensions,
  testMatch: ['<rootDir>/test/e2e/**/*.e2e.ts'],
  // Builds the Custom UI and the UI Kit bundles once, outside every test's timeout.
  globalSetup: '<rootDir>/test/e2e/e2e-global-setup.ts',
  testTimeout: 120_000,
  maxWorkers: 1,
  verbose: true,
};
