import { fileURLToPath } from 'node:url';
import { resolve } from 'node:path';

/** Repository root, found from this file so tests work from any cwd. */
export const ROOT = resolve(fileURLToPath(new URL('.', import.meta.url)), '../..');
/** The unpacked Chrome build that `npm run build` writes. */
export const EXTENSION_DIR = resolve(ROOT, '.output/chrome-mv3');
/** One folder per fixture: `<slug>/source.html` plus `expected.json`. */
export const FIXTURES_DIR = resolve(ROOT, 'tests/fixtures/pages');
/** Screenshots land here; `*.png` is gitignored. */
export const SCREENSHOTS_DIR = resolve(ROOT, 'tests/e2e/screenshots');
/** The unpacked Firefox build that `npm run build:firefox` writes. */
export const FIREFOX_EXTENSION_DIR = resolve(ROOT, '.output/firefox-mv3');
