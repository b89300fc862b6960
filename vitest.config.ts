import { defineConfig } from 'vitest/config';

/** The suites that run a second time against the sandbox answering in the connector's forms (docs/sandbox.md). */
const CONNECTOR_SHAPE_SUITES = ['test/bot/**/*.test.ts', 'test/addin/api.test.ts'];

export default defineConfig({
  test: {
    testTimeout: 30_000,
    hookTimeout: 120_000,
    pool: 'forks',
    // Per-turn and per-request info lines would drown the test output; tests that read logs raise the level.
    env: { LOG_LEVEL: 'warn' },
    reporters: process.env.CI ? ['default'] : ['default'],
    projects: [
      { extends: true, test: { name: 'odata', include: ['test/**/*.test.ts'] } },
      {
        extends: true,
        test: { name: 'connector', include: CONNECTOR_SHAPE_SUITES, env: { SANDBOX_SHAPE: 'connector' } },
      },
    ],
  },
});
