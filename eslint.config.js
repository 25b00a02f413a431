import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['dist/', 'node_modules/', 'coverage/', 'data/', '.test-build-*/'] },
  js.configs.recommended,
  // Type-aware rules (no-floating-promises, no-misused-promises, unsafe any...) over every TypeScript file,
  // with the type information of tsconfig.check.json (src, test, bench, scripts).
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: { project: './tsconfig.check.json', tsconfigRootDir: import.meta.dirname },
    },
  },
  // Plain JavaScript (this file, scripts/*.mjs, .ci/*.mjs) has no types to check.
  { files: ['**/*.{js,mjs,cjs}'], ...tseslint.configs.disableTypeChecked },
  {
    languageOptions: {
      globals: {
        process: 'readonly',
        console: 'readonly',
        setTimeout: 'readonly',
        clearTimeout: 'readonly',
        setInterval: 'readonly',
        clearInterval: 'readonly',
        Buffer: 'readonly',
        URL: 'readonly',
      },
    },
    rules: {
      // Ports are Promise-returning interfaces; an implementation over a synchronous library (better-sqlite3,
      // the fakes) stays `async` so a throw becomes a rejection, as callers of a Promise expect.
      '@typescript-eslint/require-await': 'off',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
    },
  },
  {
    // Tests read the JSON the fakes receive on the wire (Discord REST bodies, Slack Web API calls) and
    // assert on it; typing every payload would restate the platforms' schemas. The promise rules stay on.
    files: ['test/**/*.ts'],
    rules: {
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-argument': 'off',
      '@typescript-eslint/no-unsafe-call': 'off',
      '@typescript-eslint/no-unsafe-return': 'off',
    },
  },
  {
    files: ['src/core/**/*.ts'],
    rules: {
      // The core is platform-neutral: adapters import it, never the reverse.
      'no-restricted-imports': ['error', { patterns: ['discord.js', '@slack/*', '**/adapters/**'] }],
    },
  },
  {
    files: ['src/adapters/**/*.ts'],
    rules: {
      // Adapters parse events and render: what they need from the core is the Termbot API and src/core/chat.
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['**/core/matcher/**', '**/core/knowledge/**'],
              message: 'Adapters use the Termbot API and src/core/chat, not the matcher or the knowledge base.',
            },
          ],
        },
      ],
      'no-restricted-syntax': [
        'error',
        {
          selector: 'MemberExpression[property.name=/^(kb|matcher)$/]',
          message: 'Adapters use the Termbot API (explain, answerForSlugs, ref, title, browse...), not bot.kb or bot.matcher.',
        },
      ],
    },
  },
  {
    files: ['src/cli/**/*.ts'],
    rules: {
      // The CLI is another front end: it asks the Termbot API, never the matcher or the raw knowledge base
      // (it may load and lint knowledge folders, so core/knowledge stays importable here).
      'no-restricted-imports': [
        'error',
        { patterns: [{ group: ['**/core/matcher/**'], message: 'The CLI uses the Termbot API, not the matcher.' }] },
      ],
      'no-restricted-syntax': [
        'error',
        {
          selector: 'MemberExpression[property.name=/^(kb|matcher)$/]',
          message: 'The CLI uses the Termbot API (match, entry, list, stats...), not bot.kb or bot.matcher.',
        },
      ],
    },
  },
);
