// Mutation testing of the core modules (docs/testing.md). Not part of `npm test`: a full run takes long.
// `npm run mutation` is incremental: results are kept in reports/mutation/ (gitignored), so a second run only
// re-tests mutants whose code or covering tests changed. Narrow a run with `npm run mutation -- --mutate <file>`.

/** The modules whose mutation score we hold at 80% or more; test/mutation/config.test.ts keeps this list whole. */
export const MUTATED_MODULES = [
  'shared/inloox/query.ts',
  'shared/inloox/limiter.ts',
  'shared/sanitize/allow-list.ts',
  'shared/sanitize/policy.ts',
  'shared/sanitize/images-and-hidden.ts',
  'shared/keystore/crypto.ts',
  'shared/keystore/codec.ts',
  'shared/domain/codes.ts',
  'shared/domain/guid.ts',
  'shared/domain/limits.ts',
  'shared/domain/rules.ts',
  'shared/domain/schemas.ts',
  'bot/validation.ts',
  'shared/cards/verbs.ts',
  'bot/registry.ts',
];

/** @type {import('@stryker-mutator/api/core').PartialStrykerOptions} */
export default {
  testRunner: 'vitest',
  vitest: { configFile: 'vitest.mutation.config.ts', related: true },
  // Each mutant runs only the tests that covered its code in the first (dry) run.
  coverageAnalysis: 'perTest',
  mutate: MUTATED_MODULES,
  // The machine is shared; one test process keeps a run from starving everyone else.
  concurrency: 1,
  incremental: true,
  incrementalFile: 'reports/mutation/stryker-incremental.json',
  reporters: ['clear-text', 'progress', 'html', 'json'],
  htmlReporter: { fileName: 'reports/mutation/index.html' },
  jsonReporter: { fileName: 'reports/mutation/mutation.json' },
  tempDirName: '.tmp/stryker',
  cleanTempDir: 'always',
  timeoutMS: 5_000,
  thresholds: { high: 90, low: 80, break: null },
  ignoreStatic: true,
};
