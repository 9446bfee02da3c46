/**
 * naqi bench — quality and extraction time of Naqi side by side with bare @mozilla/readability.
 *
 *   npm run bench -- [DIR…] [--json] [--verbose]
 *   npm run bench -- --robustness PATH… [--no-huge] [--json]
 *
 * DIR (default tests/fixtures/pages) is either
 *   - an AEB folder (ground-truth.json + html/<id>.html.gz): precision / recall / F1 with the
 *     benchmark's own metric (scripts/lib/aeb-metric.ts) on textContent; or
 *   - a fixture folder: one sub-folder per page with source.html + expected.json
 *     ({url, isArticle, lang, dir, title, byline?, leadImage?, mustContain, mustNotContain}):
 *     snippets kept and clutter leaked in the reading-view text, article verdicts and
 *     directions, and on article pages the title, byline and lead image (where the expected
 *     file gives them; Readability offers a title and a byline, no lead image).
 *
 * Both kinds of folder also get the differential report (scripts/lib/differential.ts): the text
 * blocks bare Readability keeps and Naqi's view drops, each matched to the removed[] entry that
 * took it out, else counted unexplained (a loss nobody decided: a bug). Naqi is run regardless
 * of its verdict (as the CLI's --force and the popup's "show anyway"); fixture pages expected
 * not to be articles are left out. On AEB it also counts the dropped blocks that are annotated
 * article text, by the rule that dropped them (explained harm).
 *
 * Timing covers the extraction call only (not the jsdom parse): `extractArticle(doc, url)` for
 * Naqi, `new Readability(doc.cloneNode(true)).parse()` for Readability (the clone is part of its
 * cost: Readability mutates the document it is given). Each system gets its own parse of the
 * page; pages run in a fixed (sorted) order, both systems in one process, alternating which
 * goes first. Pages that fail to load or parse are counted as crashes and never stop the run.
 * Numbers only: the bench never fails on quality or time.
 *
 * --json     also print every folder's totals as one JSON line at the end
 * --verbose  list each missing / leaked snippet, AEB pages where the two systems differ most, each
 *            unexplained drop (page, excerpt) and each dropped block of annotated article text
 *
 * --robustness: the CLI core over every page under the given files and folders (recursively:
 * *.html, *.htm, their .gz), plus a generated 20 MB page of 200,000 elements (--no-huge skips
 * it); reports crashes, the slowest page and pages over the per-page budget
 * (scripts/lib/robustness.ts says why 1 s), Naqi and Readability side by side. Exits 1 when
 * Naqi crashed on a page: a page that cannot be read or is too large is a clean answer, not a crash.
 */
import { judgeSnippets, parseExpected, readingViewText, type Expected } from './lib/expected.ts';
import { readFile, readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { Readability, isProbablyReaderable } from '@mozilla/readability';
import { type RemovalTrace, blockText, detectArticle, extractArticle } from '../utils/article/index.ts';
import type { Article, Removal } from '../utils/article/types.ts';
import { type TpFpFn, aebScores, precisionScore, recallScore, shingleMatching } from './lib/aeb-metric.ts';
import { type DifferentialTotals, MIN_TOKENS, type PageDifferential, differential, summariseDifferential } from './lib/differential.ts';
import { PageError, type ParsedPage, errorText, loadPage, parsePage } from './lib/load-page.ts';
import { generateHugePage } from './lib/huge-page.ts';
import { clip, fixed, formatTable, median, ms, pct, percentile } from './lib/report.ts';
import {
  type PageInput,
  type PageResult,
  type Summary,
  findPages,
  formatRobustness,
  naqiCore,
  pageName,
  readPageHtml,
  readabilityCore,
  runSystem,
  summarise,
} from './lib/robustness.ts';

const USAGE = 'usage: npm run bench -- [DIR…] [--json] [--verbose] | --robustness PATH… [--no-huge] [--json]';
const DEFAULT_DIR = 'tests/fixtures/pages';
const SYSTEMS = ['naqi', 'readability'] as const;
type System = (typeof SYSTEMS)[number];

interface Options {
  dirs: string[];
  json: boolean;
  verbose: boolean;
  robustness: boolean;
  huge: boolean;
}

// ---------------------------------------------------------------------------------------------
// Running one system on one page

interface NaqiRun {
  article: Article | null;
  ms: number;
  isArticle: boolean;
  detectMs: number;
  /** Each removed[] entry with the whole text it took out (for the differential). */
  removals: { entry: Removal; text: string }[];
}

interface ReadabilityRun {
  title: string;
  byline: string | null;
  textContent: string;
  /** Readability's content as text blocks (paragraphs, items, headings), for the differential. */
  blocks: string[];
  dir: string | null;
  found: boolean;
  ms: number;
  isArticle: boolean;
}

/** `parse`: the page itself failed (counted once, as a page crash); `extract`: the system threw. */
type Outcome<T> = { ok: true; run: T } | { ok: false; stage: 'parse' | 'extract'; error: string };

function parseFor<T>(html: string, url: string): ParsedPage | Outcome<T> {
  try {
    return parsePage(html, { url });
  } catch (err) {
    return { ok: false, stage: 'parse', error: errorText(err) };
  }
}

function runNaqi(html: string, url: string, withDetect: boolean): Outcome<NaqiRun> {
  const page = parseFor<NaqiRun>(html, url);
  if ('ok' in page) return page;
  try {
    let isArticle = false;
    let detectMs = Number.NaN;
    if (withDetect) {
      const d0 = performance.now();
      isArticle = detectArticle(page.doc, url).isArticle;
      detectMs = performance.now() - d0;
    }
    let traces: readonly RemovalTrace[] = [];
    const t0 = performance.now();
    const article = extractArticle(page.doc, url, { explain: (t) => (traces = t) });
    const elapsed = performance.now() - t0;
    const removals = traces.map((t) => ({ entry: t.entry, text: t.text() }));
    return { ok: true, run: { article, ms: elapsed, isArticle, detectMs, removals } };
  } catch (err) {
    return { ok: false, stage: 'extract', error: errorText(err) };
  } finally {
    page.close();
  }
}

function runReadability(html: string, url: string, withVerdict: boolean): Outcome<ReadabilityRun> {
  const page = parseFor<ReadabilityRun>(html, url);
  if ('ok' in page) return page;
  try {
    const isArticle = withVerdict ? isProbablyReaderable(page.doc) : false;
    const t0 = performance.now();
    const result = new Readability(page.doc.cloneNode(true) as Document).parse();
    const elapsed = performance.now() - t0;
    return {
      ok: true,
      run: {
        title: result?.title ?? '',
        byline: result?.byline ?? null,
        textContent: result?.textContent ?? '',
        blocks: result?.content ? contentBlocks(page.doc, result.content) : [],
        dir: result?.dir ?? null,
        found: result !== null,
        ms: elapsed,
        isArticle,
      },
    };
  } catch (err) {
    return { ok: false, stage: 'extract', error: errorText(err) };
  } finally {
    page.close();
  }
}

/** Readability's serialised content, parsed inertly and cut into text blocks. */
function contentBlocks(doc: Document, html: string): string[] {
  const Parser = doc.defaultView?.DOMParser;
  if (!Parser) return [];
  const body = new Parser().parseFromString(html, 'text/html').body;
  return blockText(body).split('\n\n');
}

/** What Naqi's reading view shows as text: title, byline, lead-image caption, body. */
function viewText(article: Article): string {
  return [article.title, article.byline ?? '', article.leadImage?.caption ?? '', article.textContent].join('\n\n');
}

/** The differential of one page: null when either system crashed. */
function pageDifferential(naqi: Outcome<NaqiRun>, readability: Outcome<ReadabilityRun>, truth?: string): PageDifferential | null {
  if (!naqi.ok || !readability.ok) return null;
  const { article, removals } = naqi.run;
  return differential(readability.run.blocks, article ? viewText(article) : null, removals, truth);
}

/** Runs both systems on a page, alternating which goes first by page index. */
function runBoth(
  html: string,
  url: string,
  index: number,
  withVerdicts: boolean,
): { naqi: Outcome<NaqiRun>; readability: Outcome<ReadabilityRun> } {
  const order: readonly System[] = index % 2 === 0 ? SYSTEMS : [...SYSTEMS].reverse();
  let naqi: Outcome<NaqiRun> | undefined;
  let readability: Outcome<ReadabilityRun> | undefined;
  for (const system of order) {
    if (system === 'naqi') naqi = runNaqi(html, url, withVerdicts);
    else readability = runReadability(html, url, withVerdicts);
  }
  if (!naqi || !readability) throw new Error('unreachable');
  return { naqi, readability };
}

function pageParseError(runs: { naqi: Outcome<NaqiRun>; readability: Outcome<ReadabilityRun> }): string | null {
  for (const o of [runs.naqi, runs.readability]) if (!o.ok && o.stage === 'parse') return o.error;
  return null;
}

// ---------------------------------------------------------------------------------------------
// AEB folders

interface AebSystemTotals {
  precision: number;
  recall: number;
  f1: number;
  medianMs: number;
  p95Ms: number;
  /** Median over pages of (this system's ms / Readability's ms). */
  ratioToReadability: number;
  nulls: number;
  crashes: string[];
}

interface AebTotals {
  kind: 'aeb' | 'readability-suite';
  dir: string;
  pages: number;
  pageCrashes: string[];
  naqi: AebSystemTotals;
  readability: AebSystemTotals;
  differential: DifferentialTotals;
}

interface AebPage {
  id: string;
  diff: PageDifferential | null;
  naqi: { score: TpFpFn; ms: number | null; isNull: boolean; crash: string | null };
  readability: { score: TpFpFn; ms: number | null; isNull: boolean; crash: string | null };
}

/** A page scored against a reference text: AEB's annotation, or a Readability test page's expected.html. */
interface ScoredPage {
  id: string;
  url: string;
  /** The reference text (null when it cannot be read: the page counts as a crash). */
  truth: () => Promise<string>;
  html: () => Promise<string>;
}

async function aebPages(dir: string): Promise<ScoredPage[]> {
  const truth = JSON.parse(await readFile(join(dir, 'ground-truth.json'), 'utf8')) as Record<
    string,
    { articleBody?: string; url?: string }
  >;
  return Object.keys(truth)
    .sort()
    .map((id) => ({
      id,
      url: truth[id]?.url ?? 'https://example.com/',
      truth: () => Promise.resolve(truth[id]?.articleBody ?? ''),
      html: async () => (await loadPage(join(dir, 'html', `${id}.html.gz`))).html,
    }));
}

/**
 * Mozilla Readability's own test suite (test/test-pages/<slug>/source.html + expected.html):
 * the reference is the text of expected.html, read as blocks like Naqi's text; the URL is the
 * one the suite uses. Pages without both files are skipped.
 */
async function readabilitySuitePages(dir: string): Promise<ScoredPage[]> {
  const slugs = (await readdir(dir, { withFileTypes: true }))
    .filter((e) => e.isDirectory())
    .map((e) => e.name)
    .sort();
  const pages: ScoredPage[] = [];
  for (const slug of slugs) {
    const source = join(dir, slug, 'source.html');
    const expected = join(dir, slug, 'expected.html');
    if (!(await isFile(source)) || !(await isFile(expected))) continue;
    pages.push({
      id: slug,
      url: 'http://fakehost/test/page.html',
      truth: async () => {
        const parsed = parsePage((await loadPage(expected)).html, { url: 'http://fakehost/test/page.html' });
        try {
          return parsed.doc.body ? blockText(parsed.doc.body) : '';
        } finally {
          parsed.close();
        }
      },
      html: async () => (await loadPage(source)).html,
    });
  }
  return pages;
}

async function isFile(path: string): Promise<boolean> {
  try {
    return (await stat(path)).isFile();
  } catch {
    return false;
  }
}

async function benchAeb(dir: string, options: Options, kind: 'aeb' | 'readability-suite' = 'aeb'): Promise<AebTotals> {
  const sources = kind === 'aeb' ? await aebPages(dir) : await readabilitySuitePages(dir);
  const ids = sources.map((p) => p.id);
  const pages: AebPage[] = [];
  const pageCrashes: string[] = [];
  for (const [index, source] of sources.entries()) {
    const { id, url } = source;
    let expected = '';
    const empty = (crash: string | null): AebPage['naqi'] => ({
      score: shingleMatching(expected, ''),
      ms: null,
      isNull: false,
      crash,
    });
    let html: string;
    try {
      expected = await source.truth();
      html = await source.html();
    } catch (err) {
      const message = errorText(err);
      pageCrashes.push(`${id}: ${message}`);
      pages.push({ id, diff: null, naqi: empty(message), readability: empty(message) });
      continue;
    }
    const runs = runBoth(html, url, index, false);
    const parseError = pageParseError(runs);
    if (parseError !== null) {
      pageCrashes.push(`${id}: ${parseError}`);
      pages.push({ id, diff: null, naqi: empty(parseError), readability: empty(parseError) });
      continue;
    }
    const naqi: AebPage['naqi'] = runs.naqi.ok
      ? {
          score: shingleMatching(expected, runs.naqi.run.article?.textContent ?? ''),
          ms: runs.naqi.run.ms,
          isNull: runs.naqi.run.article === null,
          crash: null,
        }
      : empty(runs.naqi.error);
    const readability: AebPage['readability'] = runs.readability.ok
      ? {
          score: shingleMatching(expected, runs.readability.run.textContent),
          ms: runs.readability.run.ms,
          isNull: !runs.readability.run.found,
          crash: null,
        }
      : empty(runs.readability.error);
    pages.push({ id, diff: pageDifferential(runs.naqi, runs.readability, expected), naqi, readability });
  }

  const totalsFor = (system: System): AebSystemTotals => {
    const scores = aebScores(pages.map((p) => p[system].score));
    const times = pages.flatMap((p) => (p[system].ms === null ? [] : [p[system].ms]));
    const ratios = pages.flatMap((p) =>
      p[system].ms !== null && p.readability.ms !== null && p.readability.ms > 0 ? [(p[system].ms ?? 0) / p.readability.ms] : [],
    );
    return {
      precision: scores.precision,
      recall: scores.recall,
      f1: scores.f1,
      medianMs: median(times),
      p95Ms: percentile(times, 95),
      ratioToReadability: median(ratios),
      nulls: pages.filter((p) => p[system].isNull).length,
      crashes: pages.flatMap((p) => (p[system].crash === null ? [] : [`${p.id}: ${p[system].crash}`])),
    };
  };
  const totals: AebTotals = {
    kind,
    dir,
    pages: ids.length,
    pageCrashes,
    naqi: totalsFor('naqi'),
    readability: totalsFor('readability'),
    differential: summariseDifferential(pages.flatMap((p) => (p.diff ? [{ page: p.id, diff: p.diff }] : []))),
  };
  printAeb(totals, pages, options);
  return totals;
}

function pageF1(score: TpFpFn): number {
  const p = precisionScore(score);
  const r = recallScore(score);
  return p + r > 0 ? (2 * p * r) / (p + r) : 0;
}

function printAeb(t: AebTotals, pages: readonly AebPage[], options: Options): void {
  const title = t.kind === 'aeb' ? 'AEB' : "Readability's test suite (reference: expected.html; Naqi regardless of its verdict)";
  const out: string[] = [`${title}  ${t.dir}  (${t.pages} pages)`, ''];
  const row = (name: System): string[] => {
    const s = t[name];
    return [
      name,
      fixed(s.precision, 3),
      fixed(s.recall, 3),
      fixed(s.f1, 3),
      ms(s.medianMs),
      ms(s.p95Ms),
      `${fixed(s.ratioToReadability, 2)}×`,
      String(s.nulls),
      String(s.crashes.length),
    ];
  };
  out.push(
    formatTable([['system', 'P', 'R', 'F1', 'median ms', 'p95 ms', '× Readability', 'null', 'crashes'], row('naqi'), row('readability')]),
  );
  const deltas = pages.map((p) => ({ id: p.id, d: pageF1(p.naqi.score) - pageF1(p.readability.score) }));
  const better = deltas.filter((x) => x.d > 0.01).length;
  const worse = deltas.filter((x) => x.d < -0.01).length;
  out.push(
    '',
    `per page (F1 ± 0.01): naqi better on ${better}, worse on ${worse}, same on ${pages.length - better - worse}`,
    '× Readability = median over pages of (system ms / Readability ms); ms = extraction call only, parse excluded',
  );
  for (const line of t.pageCrashes) out.push(`page crash  ${line}`);
  for (const system of SYSTEMS) for (const line of t[system].crashes) out.push(`${system} crash  ${line}`);
  if (options.verbose) {
    const sorted = [...deltas].sort((a, b) => a.d - b.d);
    const list = (items: typeof deltas): string =>
      items.map((x) => `${x.id.slice(0, 12)} ${x.d >= 0 ? '+' : ''}${x.d.toFixed(3)}`).join(', ');
    out.push(`worst for naqi: ${list(sorted.slice(0, 8).filter((x) => x.d < -0.01))}`);
    out.push(
      `best for naqi:  ${list(
        sorted
          .slice(-8)
          .reverse()
          .filter((x) => x.d > 0.01),
      )}`,
    );
  }
  out.push('', ...formatDifferential(t.differential, options.verbose, true));
  console.log(`${out.join('\n')}\n`);
}

// ---------------------------------------------------------------------------------------------
// Fixture folders

/** Metadata of an article page, right (true), wrong (false), or not checked / not offered (null). */
interface MetaJudgement {
  title: boolean | null;
  byline: boolean | null;
  leadImage: boolean | null;
  /** What the system gave, for --verbose. */
  got: { title: string | null; byline: string | null; leadImage: string | null };
}

interface FixtureSystemResult {
  crash: string | null;
  missing: string[];
  leaked: string[];
  meta: MetaJudgement;
  verdict: boolean | null;
  dir: string | null;
  ms: number | null;
  detectMs: number | null;
}

interface FixturePage {
  id: string;
  expected: Expected;
  diff: PageDifferential | null;
  naqi: FixtureSystemResult;
  readability: FixtureSystemResult;
}

interface FixtureSystemTotals {
  kept: number;
  mustContain: number;
  leaked: number;
  mustNotContain: number;
  /** Right / checked, per field; checked is 0 when the system does not offer the field. */
  titles: { right: number; checked: number };
  bylines: { right: number; checked: number };
  leadImages: { right: number; checked: number };
  verdictsRight: number;
  directionsRight: number;
  directionPages: number;
  medianMs: number;
  p95Ms: number;
  ratioToReadability: number;
  crashes: string[];
}

interface FixtureTotals {
  kind: 'fixtures';
  dir: string;
  pages: number;
  pageCrashes: string[];
  naqi: FixtureSystemTotals & { detectMedianMs: number; detectP95Ms: number };
  readability: FixtureSystemTotals;
  /** Over the pages expected to be articles (what Readability keeps of a listing page is no loss). */
  differential: DifferentialTotals;
}

function normalise(text: string): string {
  return text.replace(/\s+/g, ' ');
}

const sameText = (a: string | null | undefined, b: string | null | undefined): boolean =>
  normalise(a ?? '').trim() === normalise(b ?? '').trim();

/**
 * Title, byline and lead image of an article page against its expected file. A system that
 * does not offer a field (Readability: no lead image) passes `undefined` and is not judged on it.
 */
function judgeMeta(
  expected: Expected,
  got: { title: string | null; byline: string | null | undefined; leadImage: string | null | undefined },
): MetaJudgement {
  const check = <T>(want: T | undefined, offered: boolean, test: (w: T) => boolean): boolean | null =>
    !expected.isArticle || want === undefined || !offered ? null : test(want);
  return {
    title: check(expected.title, true, (w) => got.title !== null && sameText(got.title, w)),
    byline: check(expected.byline, got.byline !== undefined, (w) => sameText(got.byline, w)),
    leadImage: check(expected.leadImage, got.leadImage !== undefined, (w) =>
      w === null ? !got.leadImage : !!got.leadImage && got.leadImage.includes(w),
    ),
    got: { title: got.title, byline: got.byline ?? null, leadImage: got.leadImage ?? null },
  };
}

function crashed(expected: Expected, error: string): FixtureSystemResult {
  const meta = judgeMeta(expected, { title: null, byline: null, leadImage: null });
  return { crash: error, missing: [...expected.mustContain], leaked: [], meta, verdict: null, dir: null, ms: null, detectMs: null };
}

async function benchFixtures(dir: string, options: Options): Promise<FixtureTotals> {
  const entries = (await readdir(dir, { withFileTypes: true }))
    .filter((e) => e.isDirectory())
    .map((e) => e.name)
    .sort();
  const pages: FixturePage[] = [];
  const pageCrashes: string[] = [];
  let index = 0;
  for (const id of entries) {
    const folder = join(dir, id);
    let expected: Expected;
    try {
      expected = parseExpected(JSON.parse(await readFile(join(folder, 'expected.json'), 'utf8')));
    } catch (err) {
      pageCrashes.push(`${id}: ${errorText(err)}`);
      continue;
    }
    let html: string;
    try {
      html = (await loadPage(join(folder, 'source.html'))).html;
    } catch (err) {
      const message = errorText(err);
      pageCrashes.push(`${id}: ${message}`);
      pages.push({ id, expected, diff: null, naqi: crashed(expected, message), readability: crashed(expected, message) });
      continue;
    }
    const runs = runBoth(html, expected.url, index++, true);
    const parseError = pageParseError(runs);
    if (parseError !== null) {
      pageCrashes.push(`${id}: ${parseError}`);
      pages.push({ id, expected, diff: null, naqi: crashed(expected, parseError), readability: crashed(expected, parseError) });
      continue;
    }
    let naqi: FixtureSystemResult;
    if (runs.naqi.ok) {
      const { article, isArticle, ms: elapsed, detectMs } = runs.naqi.run;
      const view = article ? readingViewText(article) : '';
      const meta = judgeMeta(expected, {
        title: article?.title ?? null,
        byline: article?.byline ?? null,
        leadImage: article?.leadImage?.src ?? null,
      });
      naqi = { crash: null, ...judgeSnippets(view, expected), meta, verdict: isArticle, dir: article?.dir ?? null, ms: elapsed, detectMs };
    } else naqi = crashed(expected, runs.naqi.error);
    let readability: FixtureSystemResult;
    if (runs.readability.ok) {
      const r = runs.readability.run;
      const view = r.found ? [r.title, r.textContent].join('\n') : '';
      readability = {
        crash: null,
        ...judgeSnippets(view, expected),
        meta: r.found
          ? judgeMeta(expected, { title: r.title, byline: r.byline, leadImage: undefined })
          : judgeMeta(expected, { title: null, byline: null, leadImage: undefined }),
        verdict: r.isArticle,
        dir: r.found ? (r.dir ?? 'ltr') : null,
        ms: r.ms,
        detectMs: null,
      };
    } else readability = crashed(expected, runs.readability.error);
    const diff = expected.isArticle ? pageDifferential(runs.naqi, runs.readability) : null;
    pages.push({ id, expected, diff, naqi, readability });
  }

  const totalsFor = (system: System): FixtureSystemTotals => {
    const times = pages.flatMap((p) => (p[system].ms === null ? [] : [p[system].ms]));
    const ratios = pages.flatMap((p) =>
      p[system].ms !== null && p.readability.ms !== null && p.readability.ms > 0 ? [(p[system].ms ?? 0) / p.readability.ms] : [],
    );
    const withDir = pages.filter((p) => p.expected.dir !== undefined);
    const sum = (f: (p: FixturePage) => number): number => pages.reduce((n, p) => n + f(p), 0);
    const field = (name: 'title' | 'byline' | 'leadImage'): { right: number; checked: number } => ({
      right: pages.filter((p) => p[system].meta[name] === true).length,
      checked: pages.filter((p) => p[system].meta[name] !== null).length,
    });
    return {
      kept: sum((p) => p.expected.mustContain.length - p[system].missing.length),
      mustContain: sum((p) => p.expected.mustContain.length),
      leaked: sum((p) => p[system].leaked.length),
      mustNotContain: sum((p) => p.expected.mustNotContain.length),
      titles: field('title'),
      bylines: field('byline'),
      leadImages: field('leadImage'),
      verdictsRight: pages.filter((p) => p[system].verdict === p.expected.isArticle).length,
      directionsRight: withDir.filter((p) => p[system].dir === p.expected.dir).length,
      directionPages: withDir.length,
      medianMs: median(times),
      p95Ms: percentile(times, 95),
      ratioToReadability: median(ratios),
      crashes: pages.flatMap((p) => (p[system].crash === null ? [] : [`${p.id}: ${p[system].crash}`])),
    };
  };
  const detectTimes = pages.flatMap((p) => (p.naqi.detectMs === null ? [] : [p.naqi.detectMs]));
  const totals: FixtureTotals = {
    kind: 'fixtures',
    dir,
    pages: pages.length,
    pageCrashes,
    naqi: { ...totalsFor('naqi'), detectMedianMs: median(detectTimes), detectP95Ms: percentile(detectTimes, 95) },
    readability: totalsFor('readability'),
    differential: summariseDifferential(pages.flatMap((p) => (p.diff ? [{ page: p.id, diff: p.diff }] : []))),
  };
  printFixtures(totals, pages, options);
  return totals;
}

function printFixtures(t: FixtureTotals, pages: readonly FixturePage[], options: Options): void {
  const out: string[] = [`fixtures  ${t.dir}  (${t.pages} pages)`, ''];
  const cells = (p: FixturePage, system: System): string[] => {
    const r = p[system];
    if (r.crash !== null) return ['crash', '', '', ''];
    const verdict = r.verdict === p.expected.isArticle ? 'ok' : `${r.verdict ? 'yes' : 'no'}✗`;
    const dir = p.expected.dir === undefined || r.dir === p.expected.dir ? 'ok' : `${r.dir ?? 'none'}✗`;
    return [`${r.missing.length}/${p.expected.mustContain.length}`, `${r.leaked.length}/${p.expected.mustNotContain.length}`, verdict, dir];
  };
  const isMiss = (p: FixturePage, system: System): boolean => {
    const r = p[system];
    return (
      r.crash !== null ||
      r.missing.length > 0 ||
      r.leaked.length > 0 ||
      r.verdict !== p.expected.isArticle ||
      (p.expected.dir !== undefined && r.dir !== p.expected.dir)
    );
  };
  const missed = pages.filter((p) => isMiss(p, 'naqi') || isMiss(p, 'readability'));
  if (missed.length > 0) {
    out.push('pages with a miss (missing: mustContain not in the view; leaked: mustNotContain in it)');
    out.push(
      formatTable([
        ['', 'naqi', '', '', '', '│', 'readability', '', '', ''],
        ['page', 'missing', 'leaked', 'verdict', 'dir', '│', 'missing', 'leaked', 'verdict', 'dir'],
        ...missed.map((p) => [p.id, ...cells(p, 'naqi'), '│', ...cells(p, 'readability')]),
      ]),
      '',
    );
  } else out.push('every page right for both systems', '');
  const FIELDS = ['title', 'byline', 'leadImage'] as const;
  const mark = (v: boolean | null): string => (v === null ? '–' : v ? 'ok' : '✗');
  const metaMissed = pages.filter((p) => SYSTEMS.some((system) => FIELDS.some((f) => p[system].meta[f] === false)));
  if (metaMissed.length > 0) {
    out.push('article pages with a wrong title, byline or lead image (–: not in expected.json, or not offered)');
    out.push(
      formatTable([
        ['', 'naqi', '', '', '│', 'readability', ''],
        ['page', 'title', 'byline', 'lead', '│', 'title', 'byline'],
        ...metaMissed.map((p) => [
          p.id,
          ...FIELDS.map((f) => mark(p.naqi.meta[f])),
          '│',
          mark(p.readability.meta.title),
          mark(p.readability.meta.byline),
        ]),
      ]),
      '',
    );
  }
  if (options.verbose) {
    for (const p of missed) {
      for (const system of SYSTEMS) {
        const r = p[system];
        for (const s of r.missing) out.push(`${p.id}  ${system}  missing  ${clip(s)}`);
        for (const s of r.leaked) out.push(`${p.id}  ${system}  leaked   ${clip(s)}`);
      }
    }
    const wanted = (p: FixturePage, f: (typeof FIELDS)[number]): string => {
      const w = f === 'title' ? p.expected.title : f === 'byline' ? p.expected.byline : p.expected.leadImage;
      return w === null || w === undefined ? 'none' : w;
    };
    for (const p of metaMissed) {
      for (const system of SYSTEMS) {
        for (const f of FIELDS) {
          if (p[system].meta[f] !== false) continue;
          out.push(`${p.id}  ${system}  ${f}  «${clip(p[system].meta.got[f] ?? 'none', 60)}», expected «${clip(wanted(p, f), 60)}»`);
        }
      }
    }
    out.push('');
  }
  const n = t.naqi;
  const r = t.readability;
  const share = (part: number, whole: number): string[] => [`${part}/${whole}`, pct(part, whole)];
  const right = (f: { right: number; checked: number }): string[] => (f.checked === 0 ? ['–', ''] : share(f.right, f.checked));
  out.push(
    formatTable([
      ['', 'naqi', '', 'readability', ''],
      ['snippets kept', ...share(n.kept, n.mustContain), ...share(r.kept, r.mustContain)],
      ['clutter leaked', ...share(n.leaked, n.mustNotContain), ...share(r.leaked, r.mustNotContain)],
      ['verdicts right', `${n.verdictsRight}/${t.pages}`, '', `${r.verdictsRight}/${t.pages}`, ''],
      ['directions right', `${n.directionsRight}/${n.directionPages}`, '', `${r.directionsRight}/${r.directionPages}`, ''],
      ['titles right', ...right(n.titles), ...right(r.titles)],
      ['bylines right', ...right(n.bylines), ...right(r.bylines)],
      ['lead images right', ...right(n.leadImages), ...right(r.leadImages)],
      ['extract median ms', ms(n.medianMs), '', ms(r.medianMs), ''],
      ['extract p95 ms', ms(n.p95Ms), '', ms(r.p95Ms), ''],
      ['× Readability (median)', `${fixed(n.ratioToReadability, 2)}×`, '', '1.00×', ''],
      ['detect median / p95 ms', `${ms(n.detectMedianMs)} / ${ms(n.detectP95Ms)}`, '', '', ''],
      ['crashes', String(n.crashes.length), '', String(r.crashes.length), ''],
    ]),
    'verdict: naqi detectArticle().isArticle, readability isProbablyReaderable(); readability dir null counts as ltr',
    'titles, bylines, lead images: article pages whose expected.json gives them; Readability offers no lead image',
  );
  for (const line of t.pageCrashes) out.push(`page crash  ${line}`);
  for (const system of SYSTEMS) for (const line of t[system].crashes) out.push(`${system} crash  ${line}`);
  out.push('', ...formatDifferential(t.differential, options.verbose));
  console.log(`${out.join('\n')}\n`);
}

// ---------------------------------------------------------------------------------------------
// Differential: text bare Readability keeps and Naqi drops (scripts/lib/differential.ts)

function formatDifferential(d: DifferentialTotals, verbose: boolean, hasTruth = false): string[] {
  const out = [
    `differential vs Readability (${d.pages} pages, ${d.blocks} Readability blocks of ${MIN_TOKENS}+ words): ` +
      `dropped ${d.dropped}, explained ${d.explained}, unexplained ${d.unexplained}` +
      (d.noArticle > 0 ? ` (no article at all on ${d.noArticle} page${d.noArticle === 1 ? '' : 's'})` : ''),
  ];
  if (d.byRule.length > 0) out.push(`explained by: ${d.byRule.map(([rule, n]) => `${rule} ${n}`).join(', ')}`);
  if (hasTruth) {
    const byRule = new Map<string, number>();
    for (const a of d.articleDrops) byRule.set(a.rule ?? 'unexplained', (byRule.get(a.rule ?? 'unexplained') ?? 0) + 1);
    out.push(
      `of the dropped blocks, part of the reference article text: ${d.articleDrops.length}` +
        (byRule.size > 0
          ? ` (${[...byRule]
              .sort((a, b) => b[1] - a[1])
              .map(([rule, n]) => `${rule} ${n}`)
              .join(', ')})`
          : ''),
    );
  }
  if (verbose) {
    for (const u of d.unexplainedBlocks) out.push(`unexplained  ${u.page.slice(0, 30)}  ${clip(u.text, 90)}`);
    for (const a of d.articleDrops)
      out.push(`article text dropped  ${a.page.slice(0, 12)}  ${a.rule ?? 'unexplained'}  ${clip(a.text, 80)}`);
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Robustness

const HUGE = { elements: 200_000, bytes: 20_000_000 };

async function benchRobustness(options: Options): Promise<number> {
  let pages: PageInput[];
  try {
    pages = await findPages(options.dirs);
  } catch (err) {
    process.stderr.write(`naqi bench: ${err instanceof PageError ? err.message : errorText(err)}\n`);
    return 1;
  }
  if (options.huge) {
    const name = `(generated) ${HUGE.bytes / 1e6} MB, ${HUGE.elements.toLocaleString('en')} elements`;
    pages.push({ path: name, url: 'https://news.test/2024/05/floods-live-123', html: generateHugePage(HUGE) });
  }
  const naqi: PageResult[] = [];
  const readability: PageResult[] = [];
  for (const [index, page] of pages.entries()) {
    const name = page.html === undefined ? pageName(page.path) : page.path;
    const read = await readPageHtml(page);
    if ('error' in read) {
      const result: PageResult = { page: name, outcome: 'unreadable', ms: null, message: read.error };
      naqi.push(result);
      readability.push(result);
      continue;
    }
    // Alternate which system goes first, as the other modes do.
    const runs = index % 2 === 0 ? [naqiRun, readabilityRun] : [readabilityRun, naqiRun];
    for (const run of runs) run(read.html, page, name);
  }
  function naqiRun(html: string, page: PageInput, name: string): void {
    naqi.push(runSystem(name, html, page, naqiCore));
  }
  function readabilityRun(html: string, page: PageInput, name: string): void {
    readability.push(runSystem(name, html, page, readabilityCore));
  }
  const totals: { naqi: Summary; readability: Summary } = { naqi: summarise(naqi), readability: summarise(readability) };
  console.log(`${formatRobustness(totals.naqi, totals.readability)}\n`);
  if (options.huge) {
    const line = (r: PageResult | undefined): string =>
      r ? `${r.outcome} in ${ms(r.ms ?? Number.NaN)} ms${r.message ? ` (${r.message})` : ''}` : '–';
    console.log(`generated page  naqi: ${line(naqi.at(-1))};  readability: ${line(readability.at(-1))}\n`);
  }
  if (options.json)
    console.log(JSON.stringify({ robustness: totals }, (_k, v: unknown) => (typeof v === 'number' && !Number.isFinite(v) ? null : v)));
  return totals.naqi.crashes.length > 0 ? 1 : 0;
}

// ---------------------------------------------------------------------------------------------

function parseArgs(argv: readonly string[]): Options {
  const options: Options = { dirs: [], json: false, verbose: false, robustness: false, huge: true };
  for (const arg of argv) {
    if (arg === '--json') options.json = true;
    else if (arg === '--robustness') options.robustness = true;
    else if (arg === '--no-huge') options.huge = false;
    else if (arg === '--verbose' || arg === '-v') options.verbose = true;
    else if (arg.startsWith('-')) throw new Error(`unknown option ${arg}`);
    else options.dirs.push(arg);
  }
  if (options.dirs.length === 0 && !options.robustness) options.dirs.push(DEFAULT_DIR);
  return options;
}

/** Readability's test-pages folder: sub-folders with source.html and expected.html, no expected.json. */
async function isReadabilitySuite(dir: string): Promise<boolean> {
  try {
    for (const e of await readdir(dir, { withFileTypes: true })) {
      if (!e.isDirectory()) continue;
      const sub = join(dir, e.name);
      if ((await isFile(join(sub, 'expected.json'))) || !(await isFile(join(sub, 'source.html')))) continue;
      if (await isFile(join(sub, 'expected.html'))) return true;
    }
  } catch {
    return false;
  }
  return false;
}

async function isAebFolder(dir: string): Promise<boolean> {
  try {
    const [gt, html] = await Promise.all([stat(join(dir, 'ground-truth.json')), stat(join(dir, 'html'))]);
    return gt.isFile() && html.isDirectory();
  } catch {
    return false;
  }
}

async function main(argv: readonly string[]): Promise<number> {
  let options: Options;
  try {
    options = parseArgs(argv);
  } catch (err) {
    process.stderr.write(`naqi bench: ${errorText(err)}\n${USAGE}\n`);
    return 2;
  }
  if (options.robustness) return benchRobustness(options);
  const results: (AebTotals | FixtureTotals)[] = [];
  let status = 0;
  for (const dir of options.dirs) {
    try {
      if (await isAebFolder(dir)) results.push(await benchAeb(dir, options));
      else if (await isReadabilitySuite(dir)) results.push(await benchAeb(dir, options, 'readability-suite'));
      else results.push(await benchFixtures(dir, options));
    } catch (err) {
      process.stderr.write(`naqi bench: cannot read ${dir}: ${errorText(err)}\n`);
      status = 1;
    }
  }
  if (options.json)
    console.log(JSON.stringify({ bench: results }, (_k, v: unknown) => (typeof v === 'number' && !Number.isFinite(v) ? null : v)));
  return status;
}

process.exitCode = await main(process.argv.slice(2));
