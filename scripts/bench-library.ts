/**
 * naqi bench:library — a library of 10,000 saved articles in the real browser: import, open,
 * and search as you type. Numbers only; never pass/fail. Target: ≤ 50 ms per keystroke.
 *
 *   npm run build && npm run bench:library [-- --records N]
 *
 * The articles are made from the words of the fixture pages (Arabic, Persian, Hebrew, Urdu,
 * English) in their real proportions, 250–1,200 words each, and imported through the library
 * page's own "Restore from a backup" into Chromium's IndexedDB. Each keystroke is timed inside
 * the page from the input event until the list is laid out (search + render + style + layout).
 * Side by side: a plain scan of every article's folded text, which is what v1 of the library did.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { launchExtension } from './lib/chromium.ts';
import { normalizeText } from '../utils/article/text.ts';
import { termsOf } from '../utils/library/derived.ts';
import { BACKUP_FORMAT, BACKUP_VERSION, type BackupRecord } from '../utils/library/backup.ts';
import { GENERATED_FROM, makeRecords } from './lib/library-records.ts';
import { formatTable, median, percentile } from './lib/report.ts';

const count = Number(process.argv[process.argv.indexOf('--records') + 1]) || 10_000;

function makeBackup(n: number): string {
  return JSON.stringify({
    format: BACKUP_FORMAT,
    version: BACKUP_VERSION,
    exportedAt: new Date(GENERATED_FROM).toISOString(),
    records: makeRecords(n),
  });
}

/** Queries typed a letter at a time: common and rare words, variant spellings, two words. */
const QUERIES = ['العسكريه', 'يوكد الحكومه', 'مستشفي', 'الزيتون', 'کتاب', 'חדשות', 'syria', 'قوات سوريا الديمقراطيه'];

async function main(): Promise<void> {
  const t0 = performance.now();
  const backup = makeBackup(count);
  const file = join(mkdtempSync(join(tmpdir(), 'naqi-bench-library-')), 'library.json');
  writeFileSync(file, backup);
  const terms = (JSON.parse(backup) as { records: BackupRecord[] }).records.slice(0, 200).map((r) => termsOf(r.article).length);
  console.log(
    `${count} articles generated in ${Math.round(performance.now() - t0)} ms, backup ${(backup.length / 1e6).toFixed(1)} MB, search terms ${Math.round(median(terms))} characters per article (median)`,
  );

  const session = await launchExtension({ lang: 'ar' });
  try {
    const page = await session.context.newPage();
    const libraryUrl = `chrome-extension://${session.extensionId}/library.html`;
    await page.goto(libraryUrl);
    await page.locator('.reader-status').waitFor();
    const i0 = performance.now();
    await page.locator('.library-import input[type=file]').setInputFiles(file);
    await page.locator('.library-notice').waitFor({ timeout: 600_000 });
    await page.locator('.library-item').first().waitFor({ timeout: 600_000 });
    const importMs = performance.now() - i0;
    console.log(`import through the library page: ${Math.round(importMs)} ms (${await page.locator('.library-notice').innerText()})`);

    const opens: number[] = [];
    const ready: number[] = [];
    for (let i = 0; i < 5; i++) {
      await page.goto(libraryUrl);
      await page.locator('.library-count').waitFor();
      await page.waitForFunction(() => performance.getEntriesByName('naqi:library-searchable').length > 0);
      const [listed, searchable] = await page.evaluate(() =>
        ['naqi:library-listed', 'naqi:library-searchable'].map((n) => performance.getEntriesByName(n)[0]?.startTime ?? NaN),
      );
      opens.push(listed ?? NaN);
      ready.push(searchable ?? NaN);
    }
    const cdp = await session.context.newCDPSession(page);
    await cdp.send('HeapProfiler.collectGarbage');
    const heap = await page.evaluate(() => (performance as unknown as { memory?: { usedJSHeapSize: number } }).memory?.usedJSHeapSize ?? 0);
    console.log(
      `open library.html → first 30 of ${count} listed: median ${Math.round(median(opens))} ms, max ${Math.round(Math.max(...opens))} ms; ` +
        `search ready: median ${Math.round(median(ready))} ms; JS heap ${(heap / 1e6).toFixed(0)} MB\n`,
    );

    // tsx names inner functions with a __name helper that the page does not have.
    await page.evaluate('globalThis.__name = (f) => f');
    const rows: string[][] = [];
    const all: number[] = [];
    for (const query of QUERIES) {
      const result = await page.evaluate(async (q) => {
        const input = document.querySelector<HTMLInputElement>('input[type=search]');
        if (!input) throw new Error('no search box');
        const times: number[] = [];
        const type = async (value: string): Promise<number> => {
          const start = performance.now();
          input.value = value;
          input.dispatchEvent(new Event('input', { bubbles: true }));
          await new Promise((r) => setTimeout(r, 0)); // Preact renders in a microtask
          document.querySelector('main')?.getBoundingClientRect(); // style + layout of the new list
          return performance.now() - start;
        };
        for (let i = 1; i <= q.length; i++) times.push(await type(q.slice(0, i)));
        const shown = document.querySelectorAll('.library-item').length;
        const more = document.querySelector('.library-more') !== null;
        await type('');
        return { times, shown, more };
      }, query);
      // v1 for comparison: every keystroke scans the folded text of every article.
      all.push(...result.times);
      rows.push([
        query,
        String(result.times.length),
        median(result.times).toFixed(1),
        percentile(result.times, 95).toFixed(1),
        Math.max(...result.times).toFixed(1),
        `${result.shown}${result.more ? '+' : ''}`,
      ]);
    }
    console.log(formatTable([['query (typed letter by letter)', 'keys', 'median ms', 'p95 ms', 'max ms', 'listed'], ...rows]));
    console.log(
      `\nall ${all.length} keystrokes: median ${median(all).toFixed(1)} ms, p95 ${percentile(all, 95).toFixed(1)} ms, max ${Math.max(...all).toFixed(1)} ms (target ≤ 50 ms)`,
    );

    // Side by side: v1's approach, every article's folded text in memory, scanned per keystroke.
    const texts = (JSON.parse(backup) as { records: BackupRecord[] }).records.map((r) =>
      normalizeText(`${r.article.title} ${r.article.textContent}`),
    );
    const naive: number[] = [];
    for (const query of QUERIES) {
      for (let i = 1; i <= query.length; i++) {
        const words = normalizeText(query.slice(0, i)).split(' ');
        const s = performance.now();
        texts.filter((text) => words.every((w) => text.includes(w)));
        naive.push(performance.now() - s);
      }
    }
    console.log(
      `v1-style full-text scan (Node, search only, no rendering): median ${median(naive).toFixed(1)} ms, p95 ${percentile(naive, 95).toFixed(1)} ms per keystroke`,
    );
  } finally {
    await session.close();
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : String(error));
  process.exit(1);
});
