import js from '@eslint/js';
import vitest from '@vitest/eslint-plugin';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  {
    ignores: [
      'node_modules/',
      'dist/',
      'build/',
      'data/',
      'coverage/',
      'reports/',
      '.tmp/',
      '**/*.bundle.js',
      'addin/public/',
      'tab/public/',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { ecmaVersion: 2023, sourceType: 'module' },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-console': 'off',
    },
  },
  {
    // A test that forgets an await or an expect passes whatever the code does.
    files: ['test/**/*.ts'],
    plugins: { vitest },
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      'vitest/valid-expect': ['error', { alwaysAwait: true, maxArgs: 2 }],
      'vitest/expect-expect': [
        'error',
        {
          // The project's own assertion helpers: each throws or records a failing expect.
          assertFunctionNames: ['expect', 'expect*', 'assert*', 'verify*', 'sameShape', 'rejects'],
        },
      ],
    },
  },
  {
    files: ['shared/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              // The import directions between the project's folders are checked by dependency-cruiser.
              group: ['botbuilder*'],
              message: 'shared/ is pure domain code; the Bot Framework SDK stays in bot/.',
            },
          ],
        },
      ],
    },
  },
);
