import { defineConfig } from 'vitest/config';

/**
 * The unit tests that pin the mutated core modules (stryker.config.mjs). The browser, sandbox-harness and
 * connector-shape suites stay out: they cover the same code far slower and would make every mutant cost minutes.
 */
export default defineConfig({
  test: {
    testTimeout: 30_000,
    hookTimeout: 120_000,
    env: { LOG_LEVEL: 'warn' },
    include: [
      'test/inloox/query.test.ts',
      'test/inloox/limiter.test.ts',
      'test/sanitize/email-description.test.ts',
      'test/sanitize/style.test.ts',
      'test/sanitize/teams-and-text.test.ts',
      'test/sanitize/xss.test.ts',
      'test/keystore/crypto.test.ts',
      'test/bot/registry.test.ts',
      'test/mutation/**/*.test.ts',
    ],
  },
});
