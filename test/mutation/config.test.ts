/** The mutation run covers the core modules; a narrowed list would quietly stop measuring them. */
import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import strykerConfig, { MUTATED_MODULES } from '../../stryker.config.mjs';
import mutationVitest from '../../vitest.mutation.config';
import packageJson from '../../package.json' with { type: 'json' };

const CORE_MODULES = [
  'shared/inloox/query.ts',
  'shared/inloox/limiter.ts',
  'shared/sanitize/allow-list.ts',
  'shared/sanitize/policy.ts',
  'shared/sanitize/images-and-hidden.ts',
  'shared/keystore/crypto.ts',
  'shared/keystore/codec.ts',
  'shared/domain/limits.ts',
  'shared/domain/rules.ts',
  'shared/domain/schemas.ts',
  'shared/domain/guid.ts',
  'shared/domain/codes.ts',
  'bot/validation.ts',
  'shared/cards/verbs.ts',
  'bot/registry.ts',
];

describe('mutation testing configuration', () => {
  it('mutates every core module, and each pattern names files that exist', () => {
    expect(strykerConfig.mutate).toEqual(MUTATED_MODULES);
    expect([...MUTATED_MODULES].sort()).toEqual([...CORE_MODULES].sort());
    for (const module of MUTATED_MODULES) expect(existsSync(module), `${module} exists`).toBe(true);
  });

  it('runs incrementally with the vitest runner and per-test coverage, one process at a time', () => {
    expect(strykerConfig).toMatchObject({
      testRunner: 'vitest',
      coverageAnalysis: 'perTest',
      incremental: true,
      concurrency: 1,
      vitest: { configFile: 'vitest.mutation.config.ts' },
    });
    expect(packageJson.scripts.mutation).toBe('stryker run');
    expect(packageJson.scripts.test).not.toMatch(/stryker/);
  });

  it('the tests of the mutation run exist and include these mutation tests', () => {
    const include = mutationVitest.test?.include ?? [];
    for (const file of include.filter((pattern) => !pattern.includes('*'))) {
      expect(existsSync(file), `${file} exists`).toBe(true);
    }
    expect(include).toContain('test/mutation/**/*.test.ts');
  });
});
