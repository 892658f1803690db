// One lint config for the whole tree (DESIGN.md, convention 10).
import js from '@eslint/js';
import globals from 'globals';
import tseslint from 'typescript-eslint';

const impure = [
  {
    selector: "CallExpression[callee.object.name='Date'][callee.property.name='now']",
    message: 'Protocol and REMS rules are pure: time arrives as asOf (DESIGN.md convention 1).',
  },
  {
    selector: "NewExpression[callee.name='Date']",
    message: 'Protocol and REMS rules are pure: time arrives as asOf (DESIGN.md convention 1).',
  },
  {
    selector: "CallExpression[callee.object.name='Math'][callee.property.name='random']",
    message: 'Protocol and REMS rules are deterministic: no randomness.',
  },
  {
    selector: "MemberExpression[object.name='process'][property.name='env']",
    message: 'Config is parsed once in src/config.ts (DESIGN.md convention 14).',
  },
  {
    selector: "MemberExpression[object.name='Temporal'][property.name='Now']",
    message: 'Protocol and REMS rules are pure: time arrives as asOf.',
  },
];

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'data/**', 'web/dist/**', 'coverage/**', 'e2e/screenshots/**'] },
  js.configs.recommended,
  ...tseslint.configs.strictTypeChecked,
  {
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/switch-exhaustiveness-check': 'error',
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/restrict-template-expressions': ['error', { allowNumber: true }],
      curly: 'error',
      eqeqeq: 'error',
    },
  },
  {
    files: ['src/protocol/**/*.ts', 'src/rems/**/*.ts'],
    ignores: ['**/*.test.ts'],
    rules: {
      'no-restricted-syntax': ['error', ...impure],
      'no-console': 'error',
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: [
                '**/store/**',
                '**/server/**',
                '**/cli/**',
                '**/jobs/**',
                '**/interop/**',
                '**/contracts/**',
              ],
              message: 'protocol and rems import nothing from the outer layers (DESIGN.md).',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['src/**/*.ts'],
    ignores: ['src/config.ts', '**/*.test.ts', 'src/test/**'],
    rules: {
      'no-restricted-syntax': [
        'error',
        {
          selector: "MemberExpression[object.name='process'][property.name='env']",
          message: 'Config is parsed once in src/config.ts (DESIGN.md convention 14).',
        },
      ],
    },
  },
  {
    files: ['src/protocol/**/*.ts', 'src/rems/**/*.ts'],
    ignores: ['**/*.test.ts'],
    rules: { 'no-restricted-syntax': ['error', ...impure] },
  },
  {
    // The web app runs in the browser (issue #6).
    files: ['web/src/**/*.{ts,tsx}'],
    languageOptions: { globals: globals.browser },
  },
  {
    // Tests may assert presence with `!` after an expect has checked it.
    files: ['**/*.test.ts'],
    rules: { '@typescript-eslint/no-non-null-assertion': 'off' },
  },
  {
    files: ['**/*.js', '**/*.mjs'],
    ...tseslint.configs.disableTypeChecked,
  },
);
