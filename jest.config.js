// Five levels, each its own project (STYLE.md rule 11): unit tests need no I/O; int and e2e tests
// talk to the real PostgreSQL, RabbitMQ and Elasticsearch that test/setup finds or starts; fault
// tests run the built service as child processes and break them (README, "The fault suite"); browser
// tests drive the page in a real Chromium.
// Transpile only: `make test` type-checks the whole tree once with tsc before jest runs. ts-jest
// rather than a native transpiler because the registry serves no prebuilt binaries for some
// platforms, which breaks `npm ci` on a fresh clone.
const typescript = ['ts-jest', { diagnostics: false }];

const project = (level, extra = {}) => ({
  displayName: level,
  testEnvironment: 'node',
  transform: { '^.+\\.ts$': typescript },
  // web/src: the dashboard page's pure modules (formatting, routes, the live state machine).
  testMatch: [`<rootDir>/src/**/*.${level}.spec.ts`, `<rootDir>/test/**/*.${level}.spec.ts`, `<rootDir>/web/src/**/*.${level}.spec.ts`],
  // web/ has a node_modules of its own (the page's toolchain), with nothing to test in it.
  modulePathIgnorePatterns: ['<rootDir>/web/node_modules/', '<rootDir>/web/dist/'],
  ...extra,
});

module.exports = {
  // Integration tests wait on real brokers and clusters; a hung one should fail, not stall CI.
  testTimeout: 60_000,
  projects: [
    project('unit'),
    project('int', { globalSetup: '<rootDir>/test/support/global-setup.ts' }),
    project('e2e', { globalSetup: '<rootDir>/test/support/global-setup.ts' }),
    // The fault suite: the built service as child processes, broken while it takes writes (README).
    project('faults', {
      globalSetup: '<rootDir>/test/support/faults-global-setup.ts',
      globalTeardown: '<rootDir>/test/support/faults-global-teardown.ts',
    }),
    // The page in Debian's Chromium against the built service with a seeded sample (README, "Browser tests").
    project('browser', {
      globalSetup: '<rootDir>/test/support/browser-global-setup.ts',
      globalTeardown: '<rootDir>/test/support/browser-global-teardown.ts',
    }),
  ],
};
