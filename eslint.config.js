// Lint: typescript-eslint's recommended rules, plus the project's two hard lines:
// the engine (src/core) never touches browser or Node APIs, and page data is never written as HTML.
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', '.tmp/**', 'artifacts/**', '**/*.generated.*', 'tests/world/*/vendor/**'] },
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-explicit-any': 'off',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' }],
      '@typescript-eslint/no-non-null-assertion': 'off',
      'no-restricted-syntax': [
        'error',
        { selector: "JSXAttribute[name.name='dangerouslySetInnerHTML']", message: 'Page data is rendered as text, never as HTML.' },
        { selector: "AssignmentExpression[left.property.name=/^(innerHTML|outerHTML)$/]", message: 'Page data is rendered as text, never as HTML.' },
        { selector: "CallExpression[callee.property.name='insertAdjacentHTML']", message: 'Page data is rendered as text, never as HTML.' },
      ],
    },
  },
  {
    files: ['src/core/**/*.ts'],
    rules: {
      'no-restricted-globals': ['error', 'chrome', 'browser', 'window', 'document', 'process', 'Buffer'],
      'no-restricted-imports': ['error', { patterns: ['node:*', 'webextension-polyfill', 'idb', 'preact', 'preact/*'] }],
    },
  },
  {
    files: ['tests/lab/**', 'scripts/**', 'bench/**', 'tests/e2e/**'],
    rules: { 'no-restricted-syntax': 'off' },
  },
);
