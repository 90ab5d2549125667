// Lint: typescript-eslint's strict type-checked rules for all the TypeScript (src, tests, bench, scripts), plus the
// project's two hard lines:
// the engine (src/core) never touches browser or Node APIs, and page data is never written as HTML.
import tseslint from 'typescript-eslint';

const STRICT_FILES = ['src/core/**/*.ts', 'src/cli/**/*.ts', 'src/lib/**/*.ts'];
// The extension's pages (panel, DevTools page, popup), its background and the protocol between them, and the browser
// tests: the same rules.
const PAGE_FILES = ['src/panel/**/*.{ts,tsx}', 'src/devtools/**/*.{ts,tsx}', 'src/popup/**/*.{ts,tsx}'];
const UI_FILES = [...PAGE_FILES, 'src/background/**/*.ts', 'src/shared/**/*.ts'];
const E2E_FILES = ['tests/e2e/*.test.ts', 'tests/e2e/helpers/**/*.ts'];
// The lab site, the unit tests outside src and their shared helper; the benches and the scripts (their .mjs files are
// outside the typed program); the world suites' converters and runners (their vendor/ copies are ignored).
const SUPPORT_FILES = [
  'tests/lab/**/*.ts',
  'tests/unit/**/*.ts',
  'tests/support/**/*.ts',
  'tests/world/**/*.ts',
  'bench/**/*.ts',
  'scripts/**/*.ts',
];
const TYPED_FILES = [...STRICT_FILES, ...UI_FILES, ...E2E_FILES, ...SUPPORT_FILES];
/** Page data is never written as HTML. */
const HTML_RULES = [
  { selector: "JSXAttribute[name.name='dangerouslySetInnerHTML']", message: 'Page data is rendered as text, never as HTML.' },
  {
    selector: 'AssignmentExpression[left.property.name=/^(innerHTML|outerHTML)$/]',
    message: 'Page data is rendered as text, never as HTML.',
  },
  { selector: "CallExpression[callee.property.name='insertAdjacentHTML']", message: 'Page data is rendered as text, never as HTML.' },
];

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', '.tmp/**', 'artifacts/**', '**/*.generated.*', 'tests/world/*/vendor/**'] },
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-explicit-any': 'off',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' }],
      '@typescript-eslint/no-non-null-assertion': 'off',
      'no-restricted-syntax': ['error', ...HTML_RULES],
    },
  },
  {
    files: ['src/core/**/*.ts'],
    rules: {
      'no-restricted-globals': ['error', 'chrome', 'browser', 'window', 'document', 'process', 'Buffer'],
      'no-restricted-imports': ['error', { patterns: ['node:*', 'webextension-polyfill', 'idb', 'preact', 'preact/*'] }],
    },
  },
  // typescript-eslint's strict type-checked rules, every one of them, for all the project's TypeScript (typed by
  // tsconfig.strict.json, which has noUncheckedIndexedAccess), with the project's own choices above kept: `any` is allowed where the config below does
  // not forbid it, and `!` where an invariant holds. Untyped input (HAR JSON, webRequest details, port messages,
  // DevTools' entries, test-suite files) enters as `unknown` or as the loose types of src/core/types.ts (LooseRecord,
  // LooseHeaderList) and is narrowed by small readers (src/core/loose.ts).
  // Among them (2026-11-26): no-unsafe-member-access, no-unsafe-assignment, no-unsafe-argument, no-unsafe-call,
  // no-unsafe-return, no-unnecessary-condition, no-unnecessary-type-conversion, no-base-to-string, no-misused-spread,
  // no-redundant-type-constituents, unbound-method, await-thenable, ban-ts-comment, no-array-constructor, no-array-delete,
  // no-confusing-void-expression, no-deprecated, no-duplicate-enum-values, no-duplicate-type-constituents,
  // no-dynamic-delete, no-empty-object-type, no-extra-non-null-assertion, no-extraneous-class, no-floating-promises,
  // no-for-in-array, no-generated-empty-object-type, no-implied-eval, no-invalid-void-type, no-meaningless-void-operator,
  // no-misused-new, no-misused-promises, no-mixed-enums, no-namespace, no-non-null-asserted-nullish-coalescing,
  // no-non-null-asserted-optional-chain, no-require-imports, no-this-alias, no-unnecessary-boolean-literal-compare,
  // no-unnecessary-template-expression, no-unnecessary-type-arguments, no-unnecessary-type-assertion,
  // no-unnecessary-type-constraint, no-unnecessary-type-parameters, no-unsafe-class-instance-assignment,
  // no-unsafe-declaration-merging, no-unsafe-enum-assignment, no-unsafe-enum-comparison, no-unsafe-function-type,
  // no-unsafe-unary-minus, no-unused-expressions, no-unused-vars, no-useless-constructor, no-useless-default-assignment,
  // no-wrapper-object-types, only-throw-error, prefer-as-const, prefer-literal-enum-member, prefer-namespace-keyword,
  // prefer-promise-reject-errors, prefer-reduce-type-parameter, prefer-return-this-type, related-getter-setter-pairs,
  // require-await, restrict-plus-operands, restrict-template-expressions (numbers allowed), return-await,
  // triple-slash-reference, unified-signatures, use-unknown-in-catch-callback-variable; and ESLint's no-var,
  // prefer-const, prefer-rest-params, prefer-spread.
  ...tseslint.configs.strictTypeChecked.map((c) => ({ ...c, files: TYPED_FILES })),
  {
    files: TYPED_FILES,
    languageOptions: { parserOptions: { project: './tsconfig.strict.json', tsconfigRootDir: import.meta.dirname } },
    rules: {
      '@typescript-eslint/no-explicit-any': 'off',
      '@typescript-eslint/no-non-null-assertion': 'off', // `!` where an invariant holds (see noUncheckedIndexedAccess)
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' }],
      '@typescript-eslint/restrict-template-expressions': ['error', { allowNumber: true }],
    },
  },
  {
    files: [...UI_FILES, ...E2E_FILES, ...SUPPORT_FILES],
    rules: {
      // `onClick={() => store.select(id)}`: an arrow's shorthand body may be a void call (a returned or assigned void
      // value is still an error).
      '@typescript-eslint/no-confusing-void-expression': ['error', { ignoreArrowShorthand: true }],
      // Preact's act() (preact/test-utils, re-exported by @testing-library/preact) flushes a synchronous callback before
      // it returns; its promise only matters for an async one.
      '@typescript-eslint/no-floating-promises': [
        'error',
        { allowForKnownSafeCalls: [{ from: 'package', name: 'act', package: 'preact' }] },
      ],
    },
  },
  {
    // The extension's pages: no `any`, and the extension API only through webextension-polyfill; chrome.devtools,
    // which the polyfill does not serve in Chromium's DevTools pages (../shared/notes/browser-testing.md), only
    // through the devtools-api.ts wrappers. The HTML rules are repeated: this option list replaces the one above.
    files: PAGE_FILES,
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      'no-restricted-syntax': [
        'error',
        ...HTML_RULES,
        {
          selector: "MemberExpression[object.name='chrome'][property.name!='devtools']",
          message: 'Use webextension-polyfill (chrome.devtools only through devtools-api.ts).',
        },
      ],
    },
  },
  {
    // The background: no `any` in its production code (its one chrome.* use, Chrome's EXTRA_HEADERS enum, is explained
    // where it is).
    files: ['src/background/**/*.ts'],
    ignores: ['src/background/**/*.test.ts'],
    rules: { '@typescript-eslint/no-explicit-any': 'error' },
  },
  {
    files: ['tests/lab/**', 'scripts/**', 'bench/**', 'tests/e2e/**'],
    rules: { 'no-restricted-syntax': 'off' },
  },
);
