import tseslint from 'typescript-eslint';

/**
 * Folder rules (README, Architecture; tests/unit/architecture.test.ts checks the same on
 * resolved paths). An import names another folder by a path segment: '../browser/i18n.ts',
 * '@/utils/library/store'.
 */
const folder = (...names) => `(?:^|/)(?:${names.join('|')})(?:/|$)`;
const EXTENSION_APIS = { regex: '^(?:#imports|wxt(?:/.*)?)$', message: 'Extension APIs only in utils/browser and entrypoints.' };
const NOT_UI = { regex: folder('components', 'entrypoints'), message: 'utils never imports components or entrypoints.' };
const NOT_TOOLS = { regex: folder('scripts', 'tests'), message: 'Product code never imports scripts or tests.' };
const only = (area, others) => ({ regex: folder(...others), message: `${area} imports only utils/article (and itself).` });

const restrict = (patterns) => ({ '@typescript-eslint/no-restricted-imports': ['error', { patterns }] });

export default tseslint.config(
  { ignores: ['.output/**', '.wxt/**', 'node_modules/**', 'coverage/**', '.dbg/**'] },
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
    },
  },
  {
    // The core is pure: no extension APIs, no page globals, nothing else of the project.
    files: ['utils/article/**'],
    rules: {
      'no-restricted-globals': ['error', 'window', 'document', 'browser', 'chrome', 'navigator', 'location'],
      ...restrict([
        EXTENSION_APIS,
        NOT_UI,
        NOT_TOOLS,
        { regex: folder('browser', 'library', 'live', 'reader', 'sync'), message: 'The core imports nothing else of the project.' },
      ]),
    },
  },
  {
    // Pure: IndexedDB and fetch are passed in.
    files: ['utils/library/**'],
    rules: {
      'no-restricted-globals': ['error', 'window', 'document', 'browser', 'chrome', 'indexedDB', 'fetch'],
      ...restrict([EXTENSION_APIS, NOT_UI, NOT_TOOLS, only('utils/library', ['browser', 'live', 'reader', 'sync'])]),
    },
  },
  {
    // Pure as the library: fetch, the library and the clock are passed in.
    files: ['utils/sync/**'],
    rules: {
      'no-restricted-globals': ['error', 'window', 'document', 'browser', 'chrome', 'indexedDB', 'fetch'],
      ...restrict([
        EXTENSION_APIS,
        NOT_UI,
        NOT_TOOLS,
        { regex: folder('browser', 'live', 'reader'), message: 'utils/sync imports only utils/article, utils/library (and itself).' },
      ]),
    },
  },
  {
    files: ['utils/live/**'],
    rules: restrict([EXTENSION_APIS, NOT_UI, NOT_TOOLS, only('utils/live', ['browser', 'library', 'reader', 'sync'])]),
  },
  {
    files: ['utils/reader/**'],
    rules: restrict([EXTENSION_APIS, NOT_UI, NOT_TOOLS, only('utils/reader', ['browser', 'library', 'live', 'sync'])]),
  },
  { files: ['utils/browser/**'], rules: restrict([NOT_UI, NOT_TOOLS]) },
  {
    // Props in, callbacks out: components see data shapes and the UI model, never the browser.
    files: ['components/**'],
    rules: restrict([
      EXTENSION_APIS,
      NOT_TOOLS,
      { regex: folder('browser', 'live', 'entrypoints', 'sync'), message: 'Components get data and callbacks as props.' },
      { regex: '(?:^|/)library(?:/|$)', allowTypeImports: true, message: 'Components may import types of utils/library only.' },
      {
        regex: '(?:^|/)article/(?!types(?:\\.ts)?$|sanitize(?:\\.ts)?$)',
        allowTypeImports: true,
        message: 'Components may import types of utils/article (and ArticleBody the sanitiser) only.',
      },
    ]),
  },
  {
    files: ['scripts/**'],
    rules: restrict([{ regex: folder('tests'), message: 'Scripts never import tests (tests may import scripts).' }]),
  },
);
