/**
 * The robustness run of the bench: the CLI core (load → parse → detect → extract) over every
 * page it is given, Naqi and bare Readability side by side; reports crashes, the slowest page
 * and the pages over a time budget. The parts here are pure of printing and of process exit.
 */
import { readFile, readdir, stat } from 'node:fs/promises';
import { basename, dirname, join, relative } from 'node:path';
import { pathToFileURL } from 'node:url';
import { Readability } from '@mozilla/readability';
import { PageTooLargeError, detectArticle, extractArticle } from '../../utils/article/index.ts';
import { PageError, errorText, loadPage, parsePage } from './load-page.ts';
import { formatTable, median, ms, percentile } from './report.ts';

/**
 * Time budget per page for the core's own work (detect + extract, the jsdom parse excluded).
 * A reader who clicks the toolbar icon should see the article within about a second, the limit
 * for keeping one's train of thought (Nielsen, "Response times: the 3 important limits", 1993).
 * jsdom in node is several times slower than a browser at the same DOM work, so a page within
 * the budget here is well within it in the reading view. The fixture and AEB p95 are about
 * 0.3–0.4 s, so only genuinely heavy pages cross it.
 */
export const PAGE_BUDGET_MS = 1000;

const PAGE_FILE = /\.html?(?:\.gz)?$/i;

export interface PageInput {
  /** Path of the page file. */
  path: string;
  /** The URL to read the page as, when a sidecar names it (fixture expected.json, AEB ground truth). */
  url?: string;
  /** The page already in memory (the generated huge page), instead of a file. */
  html?: string;
}

/** Outcomes; all but `crash` are clean answers a reader gets a clear message for. */
export type Outcome = 'article' | 'not-article' | 'no-text' | 'too-large' | 'unreadable' | 'crash';

export interface PageResult {
  page: string;
  outcome: Outcome;
  /** The system's own time on the page (parse excluded); null when the page was never parsed. */
  ms: number | null;
  /** The error line for `unreadable`, `too-large` and `crash`. */
  message?: string;
}

/**
 * Every page under the given files and folders, recursively, in sorted order: `*.html`, `*.htm`
 * and their `.gz`. The URL comes from a fixture's `expected.json` beside the page or an AEB
 * folder's `ground-truth.json` above `html/`. A path that does not exist is an error.
 */
export async function findPages(paths: readonly string[]): Promise<PageInput[]> {
  const files: string[] = [];
  const visit = async (path: string, explicit: boolean): Promise<void> => {
    const info = await stat(path).catch((err: unknown) => {
      const missing = typeof err === 'object' && err !== null && 'code' in err && err.code === 'ENOENT';
      throw new PageError('read', path, missing ? 'no such file or folder' : errorText(err));
    });
    if (info.isDirectory()) {
      const names = (await readdir(path)).sort();
      for (const name of names) if (!name.startsWith('.') && name !== 'node_modules') await visit(join(path, name), false);
    } else if (explicit || PAGE_FILE.test(path)) files.push(path);
  };
  for (const path of paths) await visit(path, true);
  const truths = new Map<string, Record<string, { url?: string }> | null>();
  const pages: PageInput[] = [];
  for (const path of files) {
    const url = (await fixtureUrl(path)) ?? (await aebUrl(path, truths));
    pages.push(url ? { path, url } : { path });
  }
  return pages;
}

async function fixtureUrl(path: string): Promise<string | undefined> {
  try {
    const expected = JSON.parse(await readFile(join(dirname(path), 'expected.json'), 'utf8')) as { url?: unknown };
    return typeof expected.url === 'string' ? expected.url : undefined;
  } catch {
    return undefined;
  }
}

async function aebUrl(path: string, cache: Map<string, Record<string, { url?: string }> | null>): Promise<string | undefined> {
  const folder = dirname(path);
  if (basename(folder) !== 'html') return undefined;
  const truthPath = join(dirname(folder), 'ground-truth.json');
  if (!cache.has(truthPath)) {
    try {
      cache.set(truthPath, JSON.parse(await readFile(truthPath, 'utf8')) as Record<string, { url?: string }>);
    } catch {
      cache.set(truthPath, null);
    }
  }
  const id = basename(path).replace(PAGE_FILE, '');
  const url = cache.get(truthPath)?.[id]?.url;
  return typeof url === 'string' ? url : undefined;
}

/** What a system does with a parsed page: its outcome; throwing is a crash (or too-large, when typed). */
export type SystemCore = (doc: Document, url: string) => Exclude<Outcome, 'unreadable' | 'crash' | 'too-large'>;

/**
 * Naqi as the CLI runs it, and as the popup's "show anyway" does: detection, then extraction
 * even when detection says no, so extraction is exercised on every page.
 */
export const naqiCore: SystemCore = (doc, url) => {
  const { isArticle } = detectArticle(doc, url);
  const article = extractArticle(doc, url);
  return !isArticle ? 'not-article' : article ? 'article' : 'no-text';
};

/** Bare Readability on a clone (it mutates what it reads); null counts as "no text". */
export const readabilityCore: SystemCore = (doc) => (new Readability(doc.cloneNode(true) as Document).parse() ? 'article' : 'no-text');

/** The page's HTML, or the clean reason it cannot be read. */
export async function readPageHtml(page: PageInput): Promise<{ html: string } | { error: string }> {
  if (page.html !== undefined) return { html: page.html };
  try {
    return { html: (await loadPage(page.path)).html };
  } catch (err) {
    return { error: err instanceof PageError ? err.reason : errorText(err) };
  }
}

/** Runs one system on one page's HTML, with its own parse (excluded from the time). */
export function runSystem(name: string, html: string, page: PageInput, core: SystemCore): PageResult {
  let parsed: ReturnType<typeof parsePage>;
  try {
    parsed = parsePage(html, { url: page.url, fallbackUrl: pathToFileURL(page.path).href, name: page.path });
  } catch (err) {
    return { page: name, outcome: 'unreadable', ms: null, message: err instanceof PageError ? err.reason : errorText(err) };
  }
  const t0 = performance.now();
  try {
    const outcome = core(parsed.doc, parsed.url);
    return { page: name, outcome, ms: performance.now() - t0 };
  } catch (err) {
    const elapsed = performance.now() - t0;
    if (err instanceof PageTooLargeError) return { page: name, outcome: 'too-large', ms: elapsed, message: err.message };
    return { page: name, outcome: 'crash', ms: elapsed, message: errorText(err) };
  } finally {
    parsed.close();
  }
}

export interface Summary {
  pages: number;
  outcomes: Record<Outcome, number>;
  crashes: { page: string; message: string }[];
  slowest: { page: string; ms: number } | null;
  overBudget: { page: string; ms: number }[];
  medianMs: number;
  p95Ms: number;
}

export function summarise(results: readonly PageResult[], budgetMs = PAGE_BUDGET_MS): Summary {
  const outcomes: Record<Outcome, number> = { article: 0, 'not-article': 0, 'no-text': 0, 'too-large': 0, unreadable: 0, crash: 0 };
  for (const r of results) outcomes[r.outcome]++;
  const timed = results.flatMap((r) => (r.ms === null ? [] : [{ page: r.page, ms: r.ms }]));
  const slowest = timed.reduce<Summary['slowest']>((s, r) => (!s || r.ms > s.ms ? r : s), null);
  return {
    pages: results.length,
    outcomes,
    crashes: results.flatMap((r) => (r.outcome === 'crash' ? [{ page: r.page, message: r.message ?? 'unknown error' }] : [])),
    slowest,
    overBudget: timed.filter((r) => r.ms > budgetMs).sort((a, b) => b.ms - a.ms),
    medianMs: median(timed.map((r) => r.ms)),
    p95Ms: percentile(
      timed.map((r) => r.ms),
      95,
    ),
  };
}

/** A page's name in the report: its path relative to the working directory when shorter. */
export function pageName(path: string, cwd = process.cwd()): string {
  const rel = relative(cwd, path);
  return rel.length < path.length ? rel : path;
}

/** Keeps the end of a long path (the page's folder and file name). */
function clipStart(text: string, max: number): string {
  return text.length > max ? `…${text.slice(text.length - max + 1)}` : text;
}

/** The report, Naqi and Readability side by side; crashes and over-budget pages listed. */
export function formatRobustness(naqi: Summary, readability: Summary, budgetMs = PAGE_BUDGET_MS): string {
  const both = (f: (s: Summary) => string): [string, string] => [f(naqi), f(readability)];
  const slowest = (s: Summary): string => (s.slowest ? `${ms(s.slowest.ms)} ms  ${clipStart(s.slowest.page, 48)}` : '–');
  const out = [
    `robustness  (${naqi.pages} pages; ms = detect + extract for naqi, clone + parse for readability; jsdom parse excluded)`,
    '',
    formatTable(
      [
        ['', 'naqi', 'readability'],
        ['article', ...both((s) => String(s.outcomes.article))],
        ['not an article', ...both((s) => String(s.outcomes['not-article']))],
        ['no article text', ...both((s) => String(s.outcomes['no-text']))],
        ['too large (gave up)', ...both((s) => String(s.outcomes['too-large']))],
        ['unreadable (clean error)', ...both((s) => String(s.outcomes.unreadable))],
        ['crashes', ...both((s) => String(s.crashes.length))],
        ['median / p95 ms', ...both((s) => `${ms(s.medianMs)} / ${ms(s.p95Ms)}`)],
        ['slowest', ...both(slowest)],
        [`over ${budgetMs} ms`, ...both((s) => String(s.overBudget.length))],
      ],
      ['l', 'l', 'l'],
    ),
  ];
  for (const [system, s] of [
    ['naqi', naqi],
    ['readability', readability],
  ] as const) {
    for (const c of s.crashes) out.push(`${system} crash  ${c.page}: ${c.message}`);
    for (const o of s.overBudget) out.push(`${system} over budget  ${ms(o.ms)} ms  ${o.page}`);
  }
  return out.join('\n');
}
