import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, normalize, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

/**
 * The folders say what code may touch (README, Architecture). This test resolves every import
 * of every source file to the file it names and checks it against the rules; ESLint's
 * no-restricted-imports says the same in the editor (eslint.config.js).
 */

const ROOT = join(import.meta.dirname, '..', '..');

function sources(dir: string): string[] {
  if (!existsSync(join(ROOT, dir))) return [];
  const out: string[] = [];
  for (const name of readdirSync(join(ROOT, dir))) {
    const path = join(ROOT, dir, name);
    if (statSync(path).isDirectory()) out.push(...sources(relative(ROOT, path)));
    else if (/\.(ts|tsx)$/.test(name)) out.push(relative(ROOT, path));
  }
  return out;
}

const code = (file: string): string =>
  readFileSync(join(ROOT, file), 'utf8')
    .replace(/\/\*[\s\S]*?\*\//g, '')
    .replace(/(^|[^:'"`])\/\/.*$/gm, '$1');

export interface Import {
  /** As written: './store.ts', '@/utils/article/types', '#imports', 'preact'. */
  spec: string;
  /** The project file it names (repo-relative), or undefined for a package. */
  file?: string;
  typeOnly: boolean;
}

/** Every static import and re-export of a file, resolved. */
export function importsOf(file: string, text = code(file)): Import[] {
  const out: Import[] = [];
  for (const m of text.matchAll(/(?:^|[;\n])\s*(import|export)\s+(type\s+)?(?:[^'";]*?\sfrom\s+)?['"]([^'"]+)['"]/g)) {
    const spec = m[3] ?? '';
    const typeOnly = !!m[2];
    let base: string | undefined;
    if (spec.startsWith('@/')) base = spec.slice(2);
    else if (spec.startsWith('.')) base = normalize(join(dirname(file), spec));
    const resolved =
      base === undefined
        ? undefined
        : ['', '.ts', '.tsx', '/index.ts'].map((e) => base + e).find((p) => existsSync(join(ROOT, p)) && statSync(join(ROOT, p)).isFile());
    out.push({ spec, typeOnly, ...(resolved ? { file: resolved } : base !== undefined ? { file: base } : {}) });
  }
  return out;
}

/** The folder rule a project file falls under. */
const area = (file: string): string => {
  const m = /^(utils\/(?:article|library|live|reader|browser|sync)|components|entrypoints|scripts|tests)\//.exec(file);
  return m?.[1] ?? file;
};

/** What each area may import from the project, by area: values, and types only. */
const RULES: Record<string, { values: readonly string[]; types: readonly string[] }> = {
  'utils/article': { values: ['utils/article'], types: [] },
  'utils/library': { values: ['utils/article', 'utils/library'], types: [] },
  'utils/live': { values: ['utils/article', 'utils/live'], types: [] },
  'utils/reader': { values: ['utils/article', 'utils/reader'], types: [] },
  'utils/sync': { values: ['utils/article', 'utils/library', 'utils/sync'], types: [] },
  'utils/browser': { values: ['utils/article', 'utils/library', 'utils/live', 'utils/reader', 'utils/sync', 'utils/browser'], types: [] },
  components: { values: ['utils/reader', 'components'], types: ['utils/article', 'utils/library'] },
};
/** The one sanitised sink may call the sanitiser. */
const SINK = { file: 'components/ArticleBody.tsx', may: 'utils/article/sanitize.ts' };
/** Only these may reach the extension APIs (WXT's #imports, wxt/*). */
const BROWSER_AREAS = new Set(['utils/browser', 'entrypoints']);

/** Each import that breaks the folder rules, as 'file → import'. */
export function violations(files: readonly string[], read: (file: string) => string = code): string[] {
  const out: string[] = [];
  for (const file of files) {
    const from = area(file);
    for (const imp of importsOf(file, read(file))) {
      let reported = false;
      const bad = (why: string): void => {
        if (!reported) out.push(`${file} → ${imp.spec} (${why})`);
        reported = true;
      };
      if ((imp.spec === '#imports' || imp.spec === 'wxt' || imp.spec.startsWith('wxt/')) && !BROWSER_AREAS.has(from) && !imp.typeOnly)
        bad('extension APIs only in utils/browser and entrypoints');
      if (!imp.file || imp.file.startsWith('public/')) continue;
      const to = area(imp.file);
      if (from.startsWith('utils/') && (to === 'components' || to === 'entrypoints')) bad('utils never imports components or entrypoints');
      if ((from.startsWith('utils/') || from === 'components' || from === 'entrypoints') && (to === 'tests' || to === 'scripts'))
        bad('product code never imports tests or scripts');
      if (from === 'scripts' && to === 'tests') bad('scripts never import tests');
      const rule = RULES[from];
      if (!rule || to === from || reported) continue;
      if (file === SINK.file && imp.file === SINK.may) continue;
      const allowed = rule.values.includes(to) || (imp.typeOnly && rule.types.includes(to));
      if (!allowed) bad(`${from} may import ${[...rule.values, ...rule.types.map((t) => `types of ${t}`)].join(', ')}`);
    }
  }
  return out;
}

const PRODUCT = ['utils', 'components', 'entrypoints', 'scripts'].flatMap(sources);

describe('architecture', () => {
  it('keeps every folder to what it may import', () => {
    expect(violations(PRODUCT)).toEqual([]);
  });

  it('catches a violation of each rule (the check itself works)', () => {
    const fake: Record<string, string> = {
      'utils/article/extract.ts': "import { t } from '../browser/i18n.ts';",
      'utils/library/store.ts': "import { browser } from '#imports';",
      'utils/reader/locale.ts': "import { ReadingView } from '../../components/ReadingView.tsx';",
      'utils/live/cleanup.ts': "import { openLibrary } from '../library/store.ts';",
      'utils/sync/engine.ts': "import { withLibrary } from '../browser/library.ts';",
      'components/ReadingView.tsx':
        "import { sanitizeHtml } from '../utils/article/sanitize.ts';\nimport { withLibrary } from '../utils/browser/library.ts';",
      'components/LibraryList.tsx': "import type { LibraryEntry } from '../utils/library/store.ts';",
      'scripts/bench.ts': "import { FIXTURES_DIR } from '../tests/e2e/harness/paths.ts';",
    };
    const found = violations(Object.keys(fake), (f) => fake[f] ?? '');
    expect(found.map((v) => v.split(' (')[0])).toEqual([
      'utils/article/extract.ts → ../browser/i18n.ts',
      'utils/library/store.ts → #imports',
      'utils/reader/locale.ts → ../../components/ReadingView.tsx',
      'utils/live/cleanup.ts → ../library/store.ts',
      'utils/sync/engine.ts → ../browser/library.ts',
      'components/ReadingView.tsx → ../utils/article/sanitize.ts',
      'components/ReadingView.tsx → ../utils/browser/library.ts',
      'scripts/bench.ts → ../tests/e2e/harness/paths.ts',
    ]);
  });

  it('keeps the core pure: no extension API, no page globals, no timers', () => {
    const offenders = sources('utils/article').flatMap((file) => {
      const text = code(file);
      return [
        /\bbrowser\./,
        /\bchrome\./,
        /#imports/,
        /from 'wxt/,
        /\bwindow\./,
        /(?<![.\w])document\./,
        /(?<![.\w])location\./,
        /\bsetTimeout\b/,
      ]
        .filter((re) => re.test(text))
        .map((re) => `${file}: ${re}`);
    });
    expect(offenders).toEqual([]);
  });

  it('keeps the library and sync pure: no extension API, no global IndexedDB or fetch', () => {
    const offenders = ['utils/library', 'utils/sync'].flatMap(sources).flatMap((file) => {
      const text = code(file);
      return [/\bbrowser\./, /\bchrome\./, /(?<![.\w])indexedDB\b/, /(?<![.\w])fetch\(/, /\bwindow\./, /(?<![.\w])document\./]
        .filter((re) => re.test(text))
        .map((re) => `${file}: ${re}`);
    });
    expect(offenders).toEqual([]);
  });

  it('renders page HTML through one sanitised sink only', () => {
    const files = ['entrypoints', 'components', 'utils'].flatMap(sources);
    const sinks = files.filter((f) =>
      /\.innerHTML\s*=|outerHTML\s*=|insertAdjacentHTML|dangerouslySetInnerHTML|document\.write/.test(code(f)),
    );
    expect(sinks.filter((f) => f !== 'components/ArticleBody.tsx')).toEqual([]);
  });

  it('mirrors the source folders in the unit tests: each test sits in the folder of what it tests', () => {
    const unit = join(ROOT, 'tests', 'unit');
    const folders = readdirSync(unit).filter((name) => statSync(join(unit, name)).isDirectory() && name !== 'helpers');
    const source = (folder: string): string => (folder === 'components' || folder === 'scripts' ? folder : `utils/${folder}`);
    expect(folders.filter((folder) => !existsSync(join(ROOT, source(folder))))).toEqual([]);
    // At the top, only the tests of the whole tree.
    expect(readdirSync(unit).filter((name) => /\.test\.tsx?$/.test(name))).toEqual(['architecture.test.ts']);
  });
});
