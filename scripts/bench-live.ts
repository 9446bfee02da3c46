/**
 * naqi bench:live — the content script's own work on page load, in the real browser with the
 * built extension, and popup open → article painted. Numbers only; never pass/fail.
 *
 *   npm run build && npm run bench:live [-- --rounds N]
 *
 * For every fixture page: detect, plan+apply (performance.now() around each, inside the
 * content script) and the total time spent in the late-clutter observer over the first 10 s
 * (pages are loaded in batches that stay open 10 s). Then the content-script bundle size, the
 * page's JS heap with and without the extension (CDP Runtime.getHeapUsage), and popup open →
 * article painted (the popup's `naqi:article-painted` mark, ms since its navigation start).
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { launchExtension, serviceWorker, tabIdOf } from './lib/chromium.ts';
import { EXTENSION_DIR, FIXTURES_DIR } from './lib/paths.ts';
import { startFixtureServer } from './lib/fixture-server.ts';
import type { CleanupStatus } from '../utils/browser/messaging.ts';
import { formatTable, median, percentile } from './lib/report.ts';

const STAGGER_MS = 1_500;
const OBSERVE_MS = 10_500;
const rounds = Number(process.argv[process.argv.indexOf('--rounds') + 1]) || 7;
const slugs = readdirSync(FIXTURES_DIR)
  .filter((s) => statSync(join(FIXTURES_DIR, s)).isDirectory())
  .sort();
const isArticle = (slug: string): boolean =>
  (JSON.parse(readFileSync(join(FIXTURES_DIR, slug, 'expected.json'), 'utf8')) as { isArticle: boolean }).isArticle;
const LARGE = 'he-walla-break-3648139'; // 356 KB, the largest fixture

type ChromeGlobal = typeof globalThis & {
  chrome: { tabs: { sendMessage(id: number, m: unknown): Promise<unknown> } };
};

async function statusOf(context: BrowserContext, extensionId: string, page: Page): Promise<CleanupStatus | undefined> {
  const tabId = await tabIdOf(context, extensionId, page);
  const worker = await serviceWorker(context, extensionId);
  return worker.evaluate(
    async (id) =>
      (await (globalThis as ChromeGlobal).chrome.tabs.sendMessage(id, { naqi: 1, type: 'cleanup/status', data: null })) as CleanupStatus,
    tabId,
  );
}

async function heapMb(page: Page): Promise<number> {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('HeapProfiler.collectGarbage');
  const { usedSize } = (await cdp.send('Runtime.getHeapUsage')) as { usedSize: number };
  await cdp.detach();
  return usedSize / 1024 / 1024;
}

const fmt = (xs: number[]): string => (xs.length ? `${median(xs).toFixed(2)} / ${percentile(xs, 95).toFixed(2)}` : '–');

const server = await startFixtureServer(FIXTURES_DIR);
const session = await launchExtension({ lang: 'ar' });
const { context, extensionId } = session;
try {
  // 1. Content-script work on load, per page.
  const rows: { slug: string; article: boolean; status: CleanupStatus }[] = [];
  // Pages open one after another (STAGGER_MS apart, so their loads do not compete for the
  // two cores) and each stays open OBSERVE_MS before its numbers are read.
  const open: { slug: string; page: Page; openedAt: number }[] = [];
  const collect = async (until: number): Promise<void> => {
    while (open.length > 0 && open[0]!.openedAt + OBSERVE_MS <= until) {
      const { slug, page } = open.shift()!;
      const status = await statusOf(context, extensionId, page);
      if (status) rows.push({ slug, article: isArticle(slug), status });
      await page.close();
    }
  };
  for (const slug of slugs) {
    const page = await context.newPage();
    await page.goto(`${server.url}${slug}/`, { waitUntil: 'domcontentloaded' });
    open.push({ slug, page, openedAt: Date.now() });
    await new Promise((r) => setTimeout(r, STAGGER_MS));
    await collect(Date.now());
  }
  await new Promise((r) => setTimeout(r, OBSERVE_MS));
  await collect(Number.POSITIVE_INFINITY);
  const total = (s: CleanupStatus): number => s.timings.detectMs + s.timings.planApplyMs + s.timings.observerMs;
  const group = (article: boolean) => rows.filter((r) => r.article === article).map((r) => r.status);
  const table = [
    ['pages', 'n', 'detect ms', 'plan+apply ms', 'observer ms (10 s)', 'total ms'],
    ...([true, false] as const).map((a) => {
      const g = group(a);
      return [
        a ? 'articles' : 'non-articles',
        String(g.length),
        fmt(g.map((s) => s.timings.detectMs)),
        fmt(g.map((s) => s.timings.planApplyMs)),
        fmt(g.map((s) => s.timings.observerMs)),
        fmt(g.map(total)),
      ];
    }),
  ];
  console.log('content script on load (median / p95 over fixture pages)\n');
  console.log(formatTable(table));
  const slowest = [...rows].sort((a, b) => total(b.status) - total(a.status)).slice(0, 3);
  console.log(`\nslowest: ${slowest.map((r) => `${r.slug} ${total(r.status).toFixed(1)} ms`).join(', ')}`);
  console.log(
    `content-script bundle: ${(statSync(join(EXTENSION_DIR, 'content-scripts/article.js')).size / 1024).toFixed(1)} KB (+ ${statSync(join(EXTENSION_DIR, 'content-scripts/article.css')).size} B css)`,
  );

  // 2. JS heap of the page with and without the extension.
  const plain = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu'],
  });
  const heapRows = [['page', 'heap with Naqi MB', 'without MB']];
  for (const slug of ['ar-enabbaladi-seed', LARGE, 'ar-home-page']) {
    const withExt = await context.newPage();
    await withExt.goto(`${server.url}${slug}/`, { waitUntil: 'domcontentloaded' });
    await withExt.waitForTimeout(1000);
    const without = await plain.newPage();
    await without.goto(`${server.url}${slug}/`, { waitUntil: 'domcontentloaded' });
    await without.waitForTimeout(1000);
    heapRows.push([slug, (await heapMb(withExt)).toFixed(2), (await heapMb(without)).toFixed(2)]);
    await withExt.close();
    await without.close();
  }
  await plain.close();
  console.log(`\n${formatTable(heapRows)}`);

  // 3. Popup open → article painted.
  const paintRows = [['page', 'n', 'median ms', 'p95 ms']];
  for (const slug of ['ar-enabbaladi-seed', LARGE]) {
    const page = await context.newPage();
    await page.goto(`${server.url}${slug}/`, { waitUntil: 'domcontentloaded' });
    const tabId = await tabIdOf(context, extensionId, page);
    const times: number[] = [];
    for (let r = 0; r < rounds; r++) {
      const popup = await context.newPage();
      await popup.setViewportSize({ width: 720, height: 600 });
      await popup.goto(`chrome-extension://${extensionId}/popup.html?tabId=${tabId}`);
      const t = await popup.waitForFunction(() => performance.getEntriesByName('naqi:article-painted')[0]?.startTime, undefined, {
        timeout: 20_000,
      });
      times.push(Number(await t.jsonValue()));
      await popup.close();
    }
    paintRows.push([slug, String(times.length), median(times).toFixed(1), percentile(times, 95).toFixed(1)]);
    await page.close();
  }
  console.log(`\npopup open → article painted (target ≤ 150 ms)\n${formatTable(paintRows)}`);
} finally {
  await session.close();
  await server.close();
}
