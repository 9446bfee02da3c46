/**
 * naqi bench:live — what a page pays for Naqi, measured from outside the extension, and how
 * fast the toolbar popup paints the article. Numbers only; never pass/fail.
 *
 *   npm run build && npm run bench:live [-- --rounds N] [--popup-only]
 *
 * Two Chromiums with the same flags, one with the built extension and one without, load the
 * same fixture pages one at a time, interleaved (with/without order alternating per round).
 * Every load is traced over CDP (`Tracing`, from navigation to SETTLE_MS after the load
 * event), and the trace of the page's renderer main thread gives:
 * - main-thread CPU: the thread time of its top-level tasks; "added" is, per page, the median
 *   with the extension minus the median without, then median / p95 over the pages of a class;
 * - content-script CPU: the time of the trace's JS samples (its CPU profile) with a
 *   chrome-extension:// script on the stack; the content script's promise continuations run
 *   in the page's microtask checkpoints, which no trace event attributes to the extension;
 * - long tasks caused: a top-level task over 50 ms of thread time that would not be over 50 ms
 *   without the extension's sampled JS in it (thread time, not wall: the machine is shared and
 *   wall time is inflated by the others);
 * - JS heap after a forced GC, once the page has settled (with minus without).
 * Then the toolbar popup, opened as a click would (`chrome.action.openPopup()` in the service
 * worker, at the size the browser gives it): open → the popup's `naqi:article-painted` mark,
 * cold (first open after the page loaded) and warm (opened again).
 * Firefox: its tools give no per-task trace of a page with an extension's content script
 * (no CDP Tracing, and the profiler is not reachable from Playwright), so this is Chromium only.
 */
import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { BrowserContext, CDPSession, Page } from 'playwright-core';
import { launchExtension, serviceWorker, type ExtensionSession } from './lib/chromium.ts';
import { EXTENSION_DIR, FIXTURES_DIR } from './lib/paths.ts';
import { startFixtureServer } from './lib/fixture-server.ts';
import { formatTable, median, percentile } from './lib/report.ts';

const SETTLE_MS = 2_000;
const LONG_TASK_MS = 50;
const rounds = Number(process.argv[process.argv.indexOf('--rounds') + 1]) || 3;
const popupOpens = 5;
/** Only the popup part (no page loads): its figures are the most sensitive to a busy machine. */
const popupOnly = process.argv.includes('--popup-only');

/** Pages by class: real articles of the fixtures, every non-article fixture, the largest pages. */
const CLASSES: Record<'article' | 'non-article' | 'large', string[]> = {
  article: [
    'ar-enabbaladi-seed',
    'ar-cnnarabic-syria-2013',
    'ar-akhbarelyom-naima-akef-2020',
    'ar-albayan-uae-2020',
    'ar-assabah-sudan-interview',
    'ar-alyaum-tehran-2020',
    'ar-youm7-irrigation-2020',
    'ar-late-clutter',
    'fa-khabaronline-election-2020',
    'he-ynet-L-5735229-2020',
    'ur-naibaat-murree-2022',
    'en-guardian-style-appeal',
  ],
  'non-article': [
    'ar-home-page',
    'ar-tag-page',
    'ar-shadesofnews-bbc-feed-2013',
    'ar-newspoliticssource-arabic-2013',
    'ar-sportsnewstodayar-home-2013',
    'ar-todaysarabnews-home-2013',
    'fa-mideasttoday-economics-2013',
    'fa-nonstopnews-science-feed-2013',
    'fa-iranfootballsource-feed-2013',
    'ps-aryannews-directory-2010',
    'ur-express-home-2021',
    'ur-jang-home-2021',
  ],
  large: ['he-walla-break-3648139', 'he-walla-break-3443829', 'he-walla-break-3362504', 'he-walla-break-pakistan-crash-2020'],
};
for (const [cls, slugs] of Object.entries(CLASSES)) {
  for (const slug of slugs) {
    const { isArticle } = JSON.parse(readFileSync(join(FIXTURES_DIR, slug, 'expected.json'), 'utf8')) as { isArticle: boolean };
    if (isArticle !== (cls !== 'non-article'))
      throw new Error(`${slug} is listed as ${cls} but its expected.json says isArticle ${isArticle}`);
  }
}

interface TraceEvent {
  name: string;
  cat: string;
  ph: string;
  pid: number;
  tid: number;
  ts: number;
  dur?: number;
  tdur?: number;
  id?: string;
  args?: {
    name?: string;
    data?: {
      url?: string;
      frame?: string;
      startTime?: number;
      cpuProfile?: { nodes?: { id: number; parent?: number; callFrame: { url?: string } }[]; samples?: number[] };
      timeDeltas?: number[];
    };
    beginData?: { url?: string };
  };
}

interface Load {
  /** Thread time of all top-level tasks on the page's main thread, ms. */
  cpuMs: number;
  /** Time of the JS samples with the extension's scripts on the stack, ms. */
  scriptMs: number;
  /** Top-level tasks over LONG_TASK_MS (thread time): all of them, and those that without the extension's JS would not be. */
  longTasks: number;
  longTasksCaused: number;
  heapMb: number;
}

const CATEGORIES = [
  'toplevel',
  'devtools.timeline',
  'disabled-by-default-devtools.timeline',
  'v8.execute',
  'v8',
  // Sampled JS stacks: what the content script's promise continuations cost.
  'disabled-by-default-v8.cpu_profiler',
];

async function trace<T>(cdp: CDPSession, during: () => Promise<T>): Promise<{ events: TraceEvent[]; result: T }> {
  const events: TraceEvent[] = [];
  const onData = (e: { value: object[] }): void => void events.push(...(e.value as TraceEvent[]));
  cdp.on('Tracing.dataCollected', onData);
  await cdp.send('Tracing.start', { traceConfig: { includedCategories: CATEGORIES }, transferMode: 'ReportEvents' });
  const result = await during();
  const complete = new Promise<void>((resolve) => cdp.once('Tracing.tracingComplete', () => resolve()));
  await cdp.send('Tracing.end');
  await complete;
  cdp.off('Tracing.dataCollected', onData);
  return { events, result };
}

interface Sample {
  ts: number;
  ms: number;
  /** An extension script was on the stack. */
  ext: boolean;
}

/**
 * The JS samples the trace's CPU profile took on one thread: when, for how long, and whether a
 * `chrome-extension://` script was on the stack. A content script's promise continuations run
 * in the page's microtask checkpoints, where no trace event names the script: only the
 * samples see them.
 */
function samplesOf(events: TraceEvent[], pid: number, tid: number): Sample[] {
  type Node = { url: string; parent?: number };
  const profiles = new Map<string, { start: number; nodes: Map<number, Node>; ids: number[]; deltas: number[] }>();
  for (const e of events) {
    if (e.pid !== pid || !e.id) continue;
    if (e.name === 'Profile' && e.tid === tid) {
      profiles.set(e.id, { start: e.args?.data?.startTime ?? e.ts, nodes: new Map(), ids: [], deltas: [] });
    } else if (e.name === 'ProfileChunk') {
      const profile = profiles.get(e.id);
      const data = e.args?.data;
      if (!profile || !data) continue;
      for (const n of data.cpuProfile?.nodes ?? []) profile.nodes.set(n.id, { url: n.callFrame.url ?? '', parent: n.parent });
      profile.ids.push(...(data.cpuProfile?.samples ?? []));
      profile.deltas.push(...(data.timeDeltas ?? []));
    }
  }
  const out: Sample[] = [];
  for (const { start, nodes, ids, deltas } of profiles.values()) {
    const fromExtension = new Map<number, boolean>();
    const ext = (id: number): boolean => {
      let known = fromExtension.get(id);
      if (known === undefined) {
        const node = nodes.get(id);
        known = !!node && (node.url.startsWith('chrome-extension://') || (node.parent !== undefined && ext(node.parent)));
        fromExtension.set(id, known);
      }
      return known;
    };
    let ts = start;
    ids.forEach((id, i) => {
      ts += deltas[i] ?? 0;
      out.push({ ts, ms: (deltas[i + 1] ?? 0) / 1000, ext: ext(id) });
    });
  }
  return out.sort((a, b) => a.ts - b.ts);
}

/** The renderer main thread that parsed `url`, and its top-level tasks with what ran inside them. */
function analyse(events: TraceEvent[], url: string): Omit<Load, 'heapMb'> {
  const mains = new Set(events.filter((e) => e.ph === 'M' && e.args?.name === 'CrRendererMain').map((e) => `${e.pid}:${e.tid}`));
  const key = (e: TraceEvent): string => `${e.pid}:${e.tid}`;
  const page = events.find((e) => mains.has(key(e)) && (e.args?.beginData?.url === url || e.args?.data?.url === url));
  if (!page) throw new Error(`no renderer main thread parsed ${url} in the trace`);
  const thread = events.filter((e) => key(e) === key(page) && e.ph === 'X').sort((a, b) => a.ts - b.ts || (b.dur ?? 0) - (a.dur ?? 0));
  const samples = samplesOf(events, page.pid, page.tid);
  const fromExtension = (e: TraceEvent): boolean => (e.args?.data?.url ?? '').startsWith('chrome-extension://');
  const out = { cpuMs: 0, scriptMs: 0, longTasks: 0, longTasksCaused: 0 };
  let next = 0;
  const close = (task: TraceEvent, named: boolean): void => {
    const taskMs = (task.tdur ?? task.dur ?? 0) / 1000;
    // The extension's JS inside this task, sampled; a script the trace names but the sampler
    // missed (a task shorter than a sample) still counts the task as one it ran in.
    let extMs = 0;
    const end = task.ts + (task.dur ?? 0);
    while (next < samples.length && samples[next]!.ts < task.ts) next++;
    for (let i = next; i < samples.length && samples[i]!.ts < end; i++) if (samples[i]!.ext) extMs += samples[i]!.ms;
    out.cpuMs += taskMs;
    out.scriptMs += Math.min(extMs, taskMs);
    if (taskMs > LONG_TASK_MS) {
      out.longTasks++;
      // Caused by Naqi: without its part the task would not have been long.
      if ((extMs > 0 || named) && taskMs - extMs <= LONG_TASK_MS) out.longTasksCaused++;
    }
  };
  let task: TraceEvent | undefined;
  let named = false;
  for (const e of thread) {
    const end = task ? task.ts + (task.dur ?? 0) : -1;
    if (e.cat.includes('toplevel') && e.ts >= end) {
      if (task) close(task, named);
      task = e;
      named = fromExtension(e);
    } else if (task && e.ts < end && fromExtension(e)) named = true;
  }
  if (task) close(task, named);
  return out;
}

async function heapMb(cdp: CDPSession): Promise<number> {
  await cdp.send('HeapProfiler.collectGarbage');
  const { usedSize } = (await cdp.send('Runtime.getHeapUsage')) as { usedSize: number };
  return usedSize / 1024 / 1024;
}

/** Loads `url` and waits SETTLE_MS after its load event (a few fixtures keep a request hanging: then 5 s after DOMContentLoaded). */
async function settle(page: Page, url: string): Promise<void> {
  await page.goto(url, { waitUntil: 'domcontentloaded' });
  await page.waitForLoadState('load', { timeout: 5_000 }).catch(() => undefined);
  await page.waitForTimeout(SETTLE_MS);
}

async function load(context: BrowserContext, url: string): Promise<Load> {
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  try {
    const { events } = await trace(cdp, async () => {
      await settle(page, url);
    });
    return { ...analyse(events, url), heapMb: await heapMb(cdp) };
  } finally {
    await cdp.detach().catch(() => undefined);
    await page.close();
  }
}

/** The popup's marks (entrypoints/popup), in order: its script starts, the article arrives from the page, it is painted. */
const PHASES = ['script-started', 'article-received', 'article-painted'] as const;
type Phase = (typeof PHASES)[number];

/** Open → each of the toolbar popup's marks (`naqi:article-painted` the last), ms. */
async function popupPaint(session: ExtensionSession, page: Page): Promise<Record<Phase, number>> {
  const { context, extensionId } = session;
  await page.bringToFront();
  const cdp = await context.newCDPSession(page);
  try {
    type Target = { targetId: string; type: string; url: string };
    const popups = async (): Promise<Target[]> =>
      ((await cdp.send('Target.getTargets')) as { targetInfos: Target[] }).targetInfos.filter(
        (t) => t.type === 'page' && t.url.startsWith(`chrome-extension://${extensionId}/popup.html`),
      );
    const before = new Set((await popups()).map((t) => t.targetId));
    const worker = await serviceWorker(context, extensionId);
    await worker.evaluate(() =>
      (globalThis as unknown as { chrome: { action: { openPopup(): Promise<void> } } }).chrome.action.openPopup(),
    );
    let targetId: string | undefined;
    for (const deadline = Date.now() + 10_000; !targetId && Date.now() < deadline; await new Promise((r) => setTimeout(r, 20)))
      targetId = (await popups()).find((t) => !before.has(t.targetId))?.targetId;
    if (!targetId) throw new Error('the toolbar popup did not open');
    const { sessionId } = (await cdp.send('Target.attachToTarget', { targetId, flatten: false })) as { sessionId: string };
    const popup = evaluator(cdp, sessionId);
    try {
      for (const deadline = Date.now() + 20_000; Date.now() < deadline; await new Promise((r) => setTimeout(r, 20))) {
        const marks = await popup(
          `Object.fromEntries(${JSON.stringify(PHASES)}.map((name) => [name, performance.getEntriesByName('naqi:' + name)[0]?.startTime ?? null]))`,
        ).catch(() => null);
        if (marks && typeof (marks as Record<Phase, unknown>)['article-painted'] === 'number') return marks as Record<Phase, number>;
      }
      throw new Error('the popup did not paint the article in 20 s');
    } finally {
      await popup('window.close()').catch(() => undefined);
      for (const deadline = Date.now() + 5_000; Date.now() < deadline && (await popups()).some((t) => t.targetId === targetId);)
        await new Promise((r) => setTimeout(r, 20));
    }
  } finally {
    await cdp.detach().catch(() => undefined);
  }
}

/**
 * Runs an expression in the popup's target. Playwright does not list popup windows, so the
 * popup is reached as tests/e2e/harness/toolbar-popup.ts does: a non-flat attach, and
 * `Target.sendMessageToTarget` with the replies read from `Target.receivedMessageFromTarget`.
 */
function evaluator(cdp: CDPSession, sessionId: string): (expression: string) => Promise<unknown> {
  let nextId = 0;
  type Reply = { id?: number; result?: { result?: { value?: unknown } }; error?: { message: string } };
  const pending = new Map<number, (reply: Reply) => void>();
  cdp.on('Target.receivedMessageFromTarget', (event: { sessionId: string; message: string }) => {
    if (event.sessionId !== sessionId) return;
    const reply = JSON.parse(event.message) as Reply;
    if (reply.id !== undefined) pending.get(reply.id)?.(reply);
    if (reply.id !== undefined) pending.delete(reply.id);
  });
  return (expression) =>
    new Promise((resolve, reject) => {
      const id = ++nextId;
      pending.set(id, (reply) => (reply.error ? reject(new Error(reply.error.message)) : resolve(reply.result?.result?.value)));
      const message = JSON.stringify({ id, method: 'Runtime.evaluate', params: { expression, returnByValue: true } });
      cdp.send('Target.sendMessageToTarget', { sessionId, message }).catch(reject);
    });
}

const fmt = (xs: number[], digits = 1): string =>
  xs.length ? `${median(xs).toFixed(digits)} / ${percentile(xs, 95).toFixed(digits)}` : '–';

const server = await startFixtureServer(FIXTURES_DIR);
const withNaqi = await launchExtension({ lang: 'ar' });
const without = await launchExtension({ lang: 'ar', withExtension: false });
try {
  // 1. What each page pays, interleaved with the same page without the extension.
  const loads: { cls: keyof typeof CLASSES; slug: string; naqi: Load; none: Load }[] = [];
  const pages = Object.entries(CLASSES).flatMap(([cls, slugs]) => slugs.map((slug) => ({ cls: cls as keyof typeof CLASSES, slug })));
  for (let r = 0; r < (popupOnly ? 0 : rounds); r++) {
    for (const [i, { cls, slug }] of pages.entries()) {
      const url = `${server.url}${slug}/`;
      // Alternate which goes first, so neither side always meets a warmer cache or a quieter machine.
      const naqiFirst = (r + i) % 2 === 0;
      const first = await load((naqiFirst ? withNaqi : without).context, url);
      const second = await load((naqiFirst ? without : withNaqi).context, url);
      loads.push({ cls, slug, naqi: naqiFirst ? first : second, none: naqiFirst ? second : first });
    }
    process.stderr.write(`round ${r + 1}/${rounds} done\n`);
  }

  type Row = { added: number; script: number; heap: number };
  const perPage = (cls: keyof typeof CLASSES): Row[] =>
    CLASSES[cls]
      .filter((slug) => loads.some((l) => l.slug === slug))
      .map((slug) => {
        const mine = loads.filter((l) => l.slug === slug);
        return {
          added: median(mine.map((l) => l.naqi.cpuMs)) - median(mine.map((l) => l.none.cpuMs)),
          script: median(mine.map((l) => l.naqi.scriptMs)),
          heap: median(mine.map((l) => l.naqi.heapMb)) - median(mine.map((l) => l.none.heapMb)),
        };
      });
  const longShare = (cls: (keyof typeof CLASSES)[], side: 'naqi' | 'none', caused: boolean): number => {
    const mine = loads.filter((l) => cls.includes(l.cls));
    return (100 * mine.filter((l) => (caused ? l[side].longTasksCaused : l[side].longTasks) > 0).length) / Math.max(1, mine.length);
  };
  const table = [
    [
      'pages',
      'n × loads',
      'added main-thread CPU ms',
      'content-script CPU ms',
      'long task caused by Naqi',
      'any long task with / without',
      'JS heap added MB',
    ],
    ...(Object.keys(CLASSES) as (keyof typeof CLASSES)[]).map((cls) => {
      const rows = perPage(cls);
      return [
        cls,
        `${CLASSES[cls].length} × ${rounds}`,
        fmt(rows.map((x) => x.added)),
        fmt(rows.map((x) => x.script)),
        `${longShare([cls], 'naqi', true).toFixed(0)}%`,
        `${longShare([cls], 'naqi', false).toFixed(0)}% / ${longShare([cls], 'none', false).toFixed(0)}%`,
        fmt(
          rows.map((x) => x.heap),
          2,
        ),
      ];
    }),
  ];
  console.log('what a page pays, Chromium, traced from outside (median / p95 over pages; per page the median of its loads)\n');
  console.log(formatTable(table));
  const slowest = loads
    .filter((l) => l.naqi.scriptMs > 0)
    .sort((a, b) => b.naqi.scriptMs - a.naqi.scriptMs)
    .slice(0, 3);
  console.log(`\nslowest loads (content-script CPU): ${slowest.map((l) => `${l.slug} ${l.naqi.scriptMs.toFixed(1)} ms`).join(', ')}`);
  const dir = process.env.NAQI_EXTENSION_DIR ?? EXTENSION_DIR;
  const sizes = ['content-scripts/article.js', 'live-cleanup.js', 'article-extract.js'].flatMap((name) => {
    try {
      return [`${name} ${(statSync(join(dir, name)).size / 1024).toFixed(1)} KB`];
    } catch {
      return [];
    }
  });
  console.log(`content-script bundles: ${sizes.join(', ')}`);

  // 2. The toolbar popup: open → article painted, cold then warm.
  const cold: Record<Phase, number>[] = [];
  const warm: Record<Phase, number>[] = [];
  const coldBySlug: string[] = [];
  for (const slug of ['ar-enabbaladi-seed', 'fa-khabaronline-election-2020', 'he-walla-break-3648139']) {
    const first = cold.length;
    for (let n = 0; n < popupOpens; n++) {
      const page = await withNaqi.context.newPage();
      await settle(page, `${server.url}${slug}/`);
      cold.push(await popupPaint(withNaqi, page));
      warm.push(await popupPaint(withNaqi, page));
      await page.close();
    }
    coldBySlug.push(`${slug} ${fmt(cold.slice(first).map((o) => o['article-painted']))}`);
  }
  const painted = (opens: Record<Phase, number>[]): number[] => opens.map((o) => o['article-painted']);
  const phases = (opens: Record<Phase, number>[]): string =>
    PHASES.map((phase) => `${phase} ${fmt(opens.map((o) => o[phase]))}`).join(', ');
  console.log(
    `\npopup open → article painted, ms (median / p95, ${cold.length} opens): cold ${fmt(painted(cold))}, warm ${fmt(painted(warm))}`,
  );
  console.log(`  cold, open → ${phases(cold)}`);
  console.log(`  warm, open → ${phases(warm)}`);
  console.log(`  cold by page: ${coldBySlug.join('; ')}`);

  const articles = [...perPage('article'), ...perPage('large')];
  const nonArticles = perPage('non-article');
  const all = painted([...cold, ...warm]);
  console.log(
    `live: non-article +${median(nonArticles.map((x) => x.added)).toFixed(1)} ms median, +${percentile(
      nonArticles.map((x) => x.added),
      95,
    ).toFixed(1)} ms p95; article +${median(articles.map((x) => x.added)).toFixed(1)} ms median, +${percentile(
      articles.map((x) => x.added),
      95,
    ).toFixed(
      1,
    )} ms p95; long tasks caused on ${longShare(['article', 'large'], 'naqi', true).toFixed(0)}% of article loads; popup painted ${percentile(all, 95).toFixed(0)} ms p95`,
  );
} finally {
  await withNaqi.close();
  await without.close();
  await server.close();
}
