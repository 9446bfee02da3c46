/**
 * naqi bench:cpu — extraction cost against bare @mozilla/readability in CPU time, paired per page.
 *
 *   npm run bench:cpu -- [AEB_DIR] [--every N] [--runs N]
 *
 * For each page of an AEB folder (ground-truth.json + html/<id>.html.gz; default
 * ../shared/corpus/aeb), every Nth (default 2), parsed once: Readability
 * (`new Readability(doc.cloneNode(true)).parse()`) and Naqi (`extractArticle(doc, url)`), each
 * timed by `process.cpuUsage()` (CPU time of this process, which other jobs on the machine do not
 * inflate as they do wall time), alternating, best of N runs (default 3) after one warm-up.
 * Prints the median of per-page ratios and the ratio of the sums. Numbers only, never a failure.
 */
import { readFile, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { Readability } from '@mozilla/readability';
import { extractArticle } from '../utils/article/extract.ts';
import { loadPage, parsePage } from './lib/load-page.ts';

const args = process.argv.slice(2);
const option = (name: string, fallback: number): number => {
  const i = args.indexOf(name);
  const value = i >= 0 ? Number(args[i + 1]) : fallback;
  return Number.isInteger(value) && value > 0 ? value : fallback;
};
const dir = args.find((a, i) => !a.startsWith('--') && !args[i - 1]?.startsWith('--')) ?? '../shared/corpus/aeb';
const every = option('--every', 2);
const runs = option('--runs', 3);

const cpuMs = (work: () => unknown): number => {
  const start = process.cpuUsage();
  work();
  const used = process.cpuUsage(start);
  return (used.user + used.system) / 1000;
};

const truth = JSON.parse(await readFile(join(dir, 'ground-truth.json'), 'utf8')) as Record<string, { url?: string }>;
const files = (await readdir(join(dir, 'html'))).filter((f) => f.endsWith('.html.gz')).sort();
const ratios: number[] = [];
let naqiTotal = 0;
let readabilityTotal = 0;
for (const [i, file] of files.entries()) {
  if (i % every !== 0) continue;
  const url = truth[file.replace(/\.html\.gz$/, '')]?.url ?? 'https://example.com/';
  let page;
  try {
    page = parsePage((await loadPage(join(dir, 'html', file))).html, { url });
  } catch {
    continue; // the quality bench counts unreadable pages; here they have no time
  }
  const { doc } = page;
  let naqi = Infinity;
  let readability = Infinity;
  try {
    extractArticle(doc, url);
    new Readability(doc.cloneNode(true) as Document).parse();
    for (let r = 0; r < runs; r++) {
      readability = Math.min(
        readability,
        cpuMs(() => new Readability(doc.cloneNode(true) as Document).parse()),
      );
      naqi = Math.min(
        naqi,
        cpuMs(() => extractArticle(doc, url)),
      );
    }
  } catch {
    continue;
  } finally {
    page.close();
  }
  ratios.push(naqi / readability);
  naqiTotal += naqi;
  readabilityTotal += readability;
}
ratios.sort((a, b) => a - b);
const median = ratios[Math.floor(ratios.length / 2)] ?? Number.NaN;
console.log(
  `cpu: ${ratios.length} pages, Naqi / Readability median ${median.toFixed(2)}×, sums ${(naqiTotal / readabilityTotal).toFixed(2)}× ` +
    `(Naqi ${naqiTotal.toFixed(0)} ms, Readability ${readabilityTotal.toFixed(0)} ms)`,
);
