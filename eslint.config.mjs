// Type-aware lint: floating or misused promises are bugs in Forge handlers (a dropped
// promise is work the platform may freeze mid-flight), so they fail the build.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import globals from 'globals';

const srcNeverImportsTest = {
  group: ['**/test/**', '../../test/*'],
  message: 'src never imports from test/.',
};

export default tseslint.config(
  { ignores: ['node_modules/**', 'static/ui/dist/**', 'coverage/**', '**/*.js', '**/*.mjs', '**/*.cjs'] },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      globals: { ...globals.node },
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
    },
  },
  // Room rules (DESIGN: arrows point down). A later block replaces an earlier block's
  // no-restricted-imports for the files it matches, so each block lists every pattern it needs.
  {
    files: ['src/**/*.ts', 'src/**/*.tsx'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [srcNeverImportsTest] }],
    },
  },
  {
    files: ['src/core/**/*.ts', 'src/app/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            srcNeverImportsTest,
            {
              group: ['@forge/*'],
              message: 'src/core and src/app are platform-free: @forge/* belongs in src/infra or src/entry.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['test/**/*.ts', 'test/**/*.tsx', 'static/ui/src/**/*.test.tsx'],
    rules: {
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-argument': 'off',
      '@typescript-eslint/no-unsafe-call': 'off',
      '@typescript-eslint/unbound-method': 'off',
    },
  },
);
