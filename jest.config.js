// Three projects so a developer can run one slice (`jest --selectProjects unit`).
// @swc/jest only strips types; `npm run typecheck` is what checks them.
/** @type {import('jest').Config} */
const swc = [
  '@swc/jest',
  {
    jsc: {
      parser: { syntax: 'typescript', tsx: true },
      transform: { react: { runtime: 'automatic' } },
      target: 'es2022',
    },
    module: { type: 'commonjs' },
  },
];
// ESM-only packages that must be transformed to run under Jest's CommonJS loader.
const esmPackages = ['marklassian', 'marked', 'p-limit', 'yocto-queue', 'jira.js', '@secretlint'];
const shared = {
  transform: { '^.+\\.(t|j)sx?$': swc, '^.+\\.mjs$': swc },
  transformIgnorePatterns: [`node_modules/(?!(${esmPackages.join('|')})/)`],
  moduleFileExtensions: ['ts', 'tsx', 'js', 'mjs', 'cjs', 'json'],
  // jira.js (the simulator's contract client) exports only an `import` condition; point Jest's
  // CommonJS resolver at its ESM entry, which the transform above turns into CommonJS.
  moduleNameMapper: {
    '^jira\\.js$': '<rootDir>/node_modules/jira.js/dist/index.js',
    '^jira\\.js/core$': '<rootDir>/node_modules/jira.js/dist/core/index.js',
    // One response schema by file: the models barrel has import cycles CommonJS cannot untangle.
    '^jira\\.js/cloud/models/(\\w+)$': '<rootDir>/node_modules/jira.js/dist/cloud/models/$1.js',
  },
};
module.exports = {
  // Integration tests run real HTTP simulators and the Forge runtime (some over 10,000 findings);
  // on a shared 2-core machine Jest's 5 s default fails them for being slow, not wrong. (A global
  // option: Jest does not read testTimeout from a project.)
  testTimeout: 60_000,
  projects: [
    {
      ...shared,
      displayName: 'unit',
      testEnvironment: 'node',
      testMatch: ['<rootDir>/test/unit/**/*.test.ts?(x)'],
    },
    {
      ...shared,
      displayName: 'integration',
      testEnvironment: 'node',
      testMatch: [
        '<rootDir>/test/integration/**/*.test.ts',
        '<rootDir>/test/forge-runtime/**/*.test.ts',
        '<rootDir>/test/sim/**/*.test.ts',
        '<rootDir>/test/manifest/**/*.test.ts',
        '<rootDir>/test/deploy/**/*.test.ts',
      ],
    },
    {
      ...shared,
      displayName: 'ui',
      testEnvironment: 'jsdom',
      testMatch: ['<rootDir>/static/ui/src/**/*.test.tsx'],
      setupFilesAfterEnv: ['<rootDir>/static/ui/src/test/setup-tests.ts'],
      // Atlaskit ships compiled CSS next to its JS; jsdom does not need it.
      // @forge/bridge throws at import outside Jira; see static/ui/src/test/forge-bridge-stub.ts.
      moduleNameMapper: {
        '\\.css$': '<rootDir>/static/ui/src/test/style-stub.js',
        '^@forge/bridge$': '<rootDir>/static/ui/src/test/forge-bridge-stub.ts',
      },
    },
  ],
};
