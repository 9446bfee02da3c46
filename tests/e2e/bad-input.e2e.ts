import { chromium, type CDPSession, type ConsoleMessage, type Page, type WebError } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import {
  cleanupStatusOf,
  isVisible,
  launchExtension,
  popupFor,
  screenshot,
  visibleText,
  type ExtensionSession,
} from './harness/browser.ts';
import { messagesOf } from './harness/messages.ts';

/**
 * Bad input: pages that throw, pages that flood the DOM, frames, about:blank and data: URLs,
 * a strict Content-Security-Policy. Whatever the page does, the content script never throws
 * into the page's console, never slows the page down, and still cleans what it should.
 */

let session: ExtensionSession;
beforeAll(async () => {
  session = await launchExtension();
});
afterAll(async () => session?.close());

const fixtureUrl = (slug: string, query = ''): string => `${inject('fixtureBaseUrl')}${slug}/${query}`;

/** One thing a page reported as going wrong: an uncaught exception, a console error or warning, or a browser log entry (CSP, network). */
interface Problem {
  kind: 'exception' | 'console' | 'log';
  text: string;
  /** Origin of the JavaScript world it came from ('' for browser log entries): the page's, or chrome-extension://… for the content script. */
  world: string;
  /** Script URLs on its stack, and the URL a log entry names. */
  urls: string[];
}

interface ProblemWatch {
  problems: Problem[];
  /** The CDP session the watch runs on, e.g. to evaluate in the content script's world. */
  cdp: CDPSession;
  /** JavaScript worlds of the extension in the page and its frames (the content script's), by frame. */
  extensionWorlds: () => { id: number; frameId: string }[];
}

const fromExtension = (p: Problem): boolean =>
  p.world.startsWith('chrome-extension://') ||
  p.text.includes('chrome-extension://') ||
  p.urls.some((u) => u.startsWith('chrome-extension://'));

interface ExecutionContext {
  id: number;
  origin: string;
  auxData?: { frameId?: string };
}
interface StackTrace {
  callFrames: { url: string }[];
}

/**
 * Records everything a page reports going wrong, in every JavaScript world of it (the page's
 * own and the content script's isolated world) and in every same-process frame, through the
 * DevTools protocol: what the DevTools console would show. Attach before navigating.
 */
async function watchProblems(page: Page): Promise<ProblemWatch> {
  const cdp = await page.context().newCDPSession(page);
  const worlds = new Map<number, ExecutionContext>();
  const problems: Problem[] = [];
  const stackUrls = (stack?: StackTrace): string[] => (stack?.callFrames ?? []).map((f) => f.url).filter(Boolean);
  cdp.on('Runtime.executionContextCreated', ({ context }: { context: ExecutionContext }) => void worlds.set(context.id, context));
  cdp.on('Runtime.exceptionThrown', ({ exceptionDetails: d }) => {
    const details = d as {
      text: string;
      url?: string;
      executionContextId?: number;
      exception?: { description?: string };
      stackTrace?: StackTrace;
    };
    problems.push({
      kind: 'exception',
      text: `${details.text} ${details.exception?.description ?? ''}`.trim(),
      world: worlds.get(details.executionContextId ?? -1)?.origin ?? '',
      urls: [...(details.url ? [details.url] : []), ...stackUrls(details.stackTrace)],
    });
  });
  cdp.on('Runtime.consoleAPICalled', (e) => {
    const event = e as {
      type: string;
      executionContextId: number;
      args: { value?: unknown; description?: string }[];
      stackTrace?: StackTrace;
    };
    if (!['error', 'warning', 'assert'].includes(event.type)) return;
    problems.push({
      kind: 'console',
      text: event.args.map((a) => String(a.value ?? a.description ?? '')).join(' '),
      world: worlds.get(event.executionContextId)?.origin ?? '',
      urls: stackUrls(event.stackTrace),
    });
  });
  cdp.on('Log.entryAdded', ({ entry }) => {
    const e = entry as { level: string; text: string; url?: string; stackTrace?: StackTrace };
    if (e.level !== 'error' && e.level !== 'warning') return;
    problems.push({ kind: 'log', text: e.text, world: '', urls: [...(e.url ? [e.url] : []), ...stackUrls(e.stackTrace)] });
  });
  await cdp.send('Runtime.enable');
  await cdp.send('Log.enable');
  return {
    problems,
    cdp,
    extensionWorlds: () =>
      [...worlds.values()]
        .filter((w) => w.origin.startsWith('chrome-extension://'))
        .map((w) => ({ id: w.id, frameId: w.auxData?.frameId ?? '' })),
  };
}

/** Opens a URL in a new tab with a problem watch attached from the first byte. */
async function openWatched(url: string): Promise<{ page: Page; watch: ProblemWatch }> {
  const page = await session.context.newPage();
  const watch = await watchProblems(page);
  await page.goto(url, { waitUntil: 'load' });
  return { page, watch };
}

const describeProblems = (ps: Problem[]): string =>
  ps.map((p) => `${p.kind} [${p.world || 'browser'}] ${p.text.slice(0, 160)} ${p.urls.join(' ')}`).join('\n');

describe('a page that throws in its own scripts', () => {
  // Every error the fixture's own scripts raise, as Chromium words them.
  const PAGE_ERRORS = [
    'sahelTagManager is not defined',
    "Cannot set properties of null (setting 'textContent')",
    'bad-page: poll failed #1',
    'bad-page: poll failed #2',
    'bad-page: poll failed #3',
    'bad-page: unhandled rejection from the ads loader',
    'bad-page: logged error from the comments loader',
  ];

  it('is cleaned all the same, and every error in its console is its own', async () => {
    const { page, watch } = await openWatched(fixtureUrl('bad-throwing-page'));
    // Polled with evaluate: the page replaced MutationObserver, which page.waitForFunction needs.
    await expect.poll(() => page.evaluate(() => document.querySelector('[data-naqi-hidden]') !== null)).toBe(true);
    // The page's timer throws three times, 400 ms apart.
    await expect.poll(() => watch.problems.some((p) => p.text.includes('bad-page: poll failed #3')), { timeout: 5_000 }).toBe(true);
    // The content script answers after the page's errors: whatever it did on load has been reported by now.
    await expect.poll(async () => (await cleanupStatusOf(session, page))?.isArticle).toBe(true);

    // What the reader sees: the related block is gone, the text is there.
    for (const text of ['مقالات متعلقة', 'أسعار صهاريج المياه تتضاعف في صور مع بداية الصيف'])
      expect(await isVisible(page, { text }), text).toBe(false);
    expect(await isVisible(page, { text: 'بدأت محطة تحلية مياه البحر في مدينة صور الساحلية جنوبي لبنان' })).toBe(true);
    expect(await isVisible(page, { text: 'طالب ناشطون بيئيون بنشر دراسة الأثر البيئي كاملة' })).toBe(true);

    // The page did throw everything it meant to, and nothing else was reported.
    const errors = watch.problems;
    for (const message of PAGE_ERRORS)
      expect(
        errors.some((p) => p.text.includes(message)),
        message,
      ).toBe(true);
    expect(
      errors.filter((p) => !PAGE_ERRORS.some((m) => p.text.includes(m))),
      describeProblems(errors),
    ).toEqual([]);
    expect(watch.problems.filter(fromExtension), describeProblems(watch.problems)).toEqual([]);

    // The watch would have seen the content script throw: it ran here, in its own world, and an
    // error raised in that world is reported as the extension's.
    const [world] = watch.extensionWorlds();
    expect(world, 'the content script runs in the page').toBeDefined();
    await watch.cdp.send('Runtime.evaluate', {
      contextId: world!.id,
      expression: 'setTimeout(() => { throw new Error("probe from the content-script world") })',
    });
    await expect
      .poll(() =>
        watch.problems
          .filter(fromExtension)
          .map((p) => p.text)
          .join(),
      )
      .toContain('probe from the content-script world');
    await page.close();
  });
});

describe('a page that floods the DOM', () => {
  interface Flood {
    rate: number;
    planned: number;
    batches: number;
    nodes: number;
    appendMs: number;
    maxGapMs: number;
    frames: number;
    elapsedMs: number;
    done: boolean;
  }

  /**
   * Loads the flood page (its ticker appends `rate` items a second for 4 s, 300 ms after load)
   * and returns what the page's own script measured of its work.
   */
  async function flood(page: Page, rate: number): Promise<Flood> {
    await page.goto(fixtureUrl('bad-dom-flood', `?rate=${rate}`), { waitUntil: 'load' });
    await page.bringToFront(); // a background tab gets no animation frames
    await page.waitForFunction(() => (window as unknown as { __flood: Flood }).__flood.done, undefined, { timeout: 30_000 });
    return page.evaluate(() => (window as unknown as { __flood: Flood }).__flood);
  }

  const row = (label: string, f: Flood): string =>
    `${label.padEnd(18)} batches ${f.batches}/${f.planned}, ${f.nodes} nodes in ${f.elapsedMs.toFixed(0)} ms, append work ${f.appendMs.toFixed(1)} ms, longest gap ${f.maxGapMs.toFixed(0)} ms, ${f.frames} frames`;

  it('is not slowed down: the observer sees a flood, stops, and the page keeps its pace', async () => {
    // 12 000 items a second: four times the observer's limit (3 000 a second), 600 per 50 ms tick.
    const RATE = 12_000;
    const plainBrowser = await chromium.launch({
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      args: ['--headless=new', '--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage'],
    });
    let without: Flood;
    try {
      without = await flood(await plainBrowser.newPage(), RATE);
    } finally {
      await plainBrowser.close();
    }
    const { page, watch } = await openWatched('about:blank');
    const withNaqi = await flood(page, RATE);
    const status = await cleanupStatusOf(session, page);
    console.log(
      `[bad-input] DOM flood at ${RATE}/s\n  ${row('without extension', without)}\n  ${row('with Naqi', withNaqi)}\n` +
        `  observer: stopped because ${status?.watchStopped}`,
    );

    // The page's own work all got done, at a pace close to a browser without the extension.
    expect(withNaqi.batches).toBe(withNaqi.planned);
    expect(withNaqi.frames).toBeGreaterThanOrEqual(0.5 * without.frames);
    expect(withNaqi.elapsedMs).toBeLessThan(2 * without.elapsedMs + 1_000);
    // The observer recognised the flood and stopped watching.
    expect(status?.isArticle).toBe(true);
    expect(status?.watchStopped).toBe('flood');
    // The clutter present on load was still cleaned, and nothing went wrong in the extension.
    expect(await isVisible(page, { text: 'أسعار الذهب في مصر تسجل أعلى مستوى في تاريخها' })).toBe(false);
    expect(await isVisible(page, { text: 'واصل الجنيه المصري تراجعه أمام الدولار الأمريكي' })).toBe(true);
    expect(watch.problems.filter(fromExtension), describeProblems(watch.problems)).toEqual([]);
    await page.close();
  });

  it('backs off from a busy page under the flood limit too: the observer stops on its time budget', async () => {
    // 2 000 items a second, under the flood limit: the callbacks' time budget (60 ms) ends the watch.
    const RATE = 2_000;
    const { page, watch } = await openWatched('about:blank');
    const withNaqi = await flood(page, RATE);
    const status = await cleanupStatusOf(session, page);
    console.log(
      `[bad-input] DOM flood at ${RATE}/s\n  ${row('with Naqi', withNaqi)}\n` + `  observer: stopped because ${status?.watchStopped}`,
    );
    expect(withNaqi.batches).toBe(withNaqi.planned);
    // Stopped well before its 15 s window: by the flood limit or by its time budget, whichever came first.
    expect(['flood', 'budget']).toContain(status?.watchStopped);
    expect(watch.problems.filter(fromExtension), describeProblems(watch.problems)).toEqual([]);
    await page.close();
  });
});

describe('frames', () => {
  it('cleans the top page only: nothing inside an embedded frame is touched', async () => {
    const { page, watch } = await openWatched(fixtureUrl('bad-frames'));
    await page.waitForFunction(() => document.querySelector('[data-naqi-hidden]') !== null);
    // The frames have loaded (they hold back the top page's load event), and the top page's
    // content script, which starts at the same point of a document's load, has answered: one
    // injected into the frames, were there one, would have run too.
    await expect.poll(async () => (await cleanupStatusOf(session, page))?.isArticle).toBe(true);

    // The top page: cleaned.
    expect(await isVisible(page, { text: 'مقالات متعلقة' })).toBe(false);
    expect(await isVisible(page, { text: 'صندوق جديد لدعم الأفلام القصيرة في الأردن' })).toBe(false);
    expect(await isVisible(page, { text: 'انطلقت مساء الخميس في العاصمة الأردنية عمّان' })).toBe(true);
    expect(await isVisible(page, '#programme')).toBe(true);
    expect(await isVisible(page, '#partner')).toBe(true);

    // The frames: untouched, their own related block and appeals shown as the embedding site chose.
    const frames = page.frames().filter((f) => f !== page.mainFrame());
    expect(frames).toHaveLength(2);
    const programme = page.frame({ url: 'about:srcdoc' });
    const partner = page.frame({ url: /\/min-donation-inline\/$/ });
    expect(programme, 'the srcdoc frame').not.toBeNull();
    expect(partner, 'the partner frame').not.toBeNull();
    for (const frame of frames)
      expect(await frame.evaluate(() => document.querySelectorAll('[data-naqi-hidden]').length), frame.url()).toBe(0);
    for (const text of ['اقرأ أيضًا', 'كيف تختار لجان المهرجانات أفلامها؟', 'ادعم المهرجان']) {
      expect(await programme!.getByText(text).first().isVisible(), text).toBe(true);
    }
    expect(await partner!.getByText('ساهم في دعم الصحافة المستقلة في نينوى').isVisible()).toBe(true);

    // The content script has one world in the whole tab, the top frame's.
    const frameTree = (await watch.cdp.send('Page.getFrameTree')) as { frameTree: { frame: { id: string } } };
    expect(watch.extensionWorlds().map((w) => w.frameId)).toEqual([frameTree.frameTree.frame.id]);
    expect(watch.problems.filter(fromExtension), describeProblems(watch.problems)).toEqual([]);
    await screenshot(page, 'bad-frames-cleaned', { fullPage: true });
    await page.close();
  });
});

describe('pages without a web address', () => {
  const PAGES = [
    ['about:blank', 'about:blank'],
    [
      'a data: URL',
      `data:text/html;charset=utf-8,${encodeURIComponent('<!doctype html><html lang="ar" dir="rtl"><title>ملاحظة</title><h1>ملاحظة محلية</h1><p>نص قصير محفوظ في عنوان البيانات، لا ينبغي لأي إضافة أن تلمسه.</p></html>')}`,
    ],
  ] as const;

  it.each(PAGES)('%s: opens without errors, and the popup says Naqi cannot read it', async (_, url) => {
    const { page, watch } = await openWatched(url);
    await page.waitForTimeout(500);
    expect(watch.problems, describeProblems(watch.problems)).toEqual([]);
    expect(watch.extensionWorlds()).toEqual([]);

    // Errors of the popup, from its first script on: listen on the context, before it opens.
    const popupErrors: string[] = [];
    const isPopup = (p: Page | null): boolean => p?.url().startsWith(`chrome-extension://${session.extensionId}/popup.html`) ?? false;
    const onConsole = (msg: ConsoleMessage): void => void (msg.type() === 'error' && isPopup(msg.page()) && popupErrors.push(msg.text()));
    const onError = (e: WebError): void => void (isPopup(e.page()) && popupErrors.push(e.error().message));
    session.context.on('console', onConsole);
    session.context.on('weberror', onError);
    try {
      const popup = await popupFor(session, page);
      const m = await messagesOf(popup);
      await popup.getByText(m('popupRestricted')).waitFor();
      expect(await popup.getByRole('alert').innerText()).toBe(m('popupRestricted'));
      await popup.waitForTimeout(300);
      expect(popupErrors).toEqual([]);
      await popup.close();
    } finally {
      session.context.off('console', onConsole);
      session.context.off('weberror', onError);
    }
    await page.close();
  });
});

describe('a page with a strict Content-Security-Policy', () => {
  it('is cleaned, and the policy reports nothing about the extension', async () => {
    const { page, watch } = await openWatched(fixtureUrl('bad-strict-csp', '?csp=strict'));
    await page.waitForFunction(() => document.querySelector('[data-naqi-hidden]') !== null);
    // The policy is in force: the page's own inline script was refused, and said so.
    expect(await page.evaluate(() => document.documentElement.getAttribute('data-inline-script-ran'))).toBeNull();
    const cspReports = (): Problem[] => watch.problems.filter((p) => p.text.includes('Content Security Policy'));
    await expect.poll(() => cspReports().length, { message: describeProblems(watch.problems) }).toBeGreaterThan(0);

    // Cleaned: the hiding rule is the extension's own stylesheet, which the page's policy does not govern.
    for (const text of ['ادعم عنب بلدي', 'اضغط هنا للمساهمة', 'مقالات متعلقة', 'واتساب'])
      expect(await isVisible(page, { text }), text).toBe(false);
    expect(await isVisible(page, '.font-size-switcher')).toBe(false);
    expect(await isVisible(page, { text: 'عاد مزارعون في ريف درعا الغربي إلى زراعة القمح' })).toBe(true);
    // The donation overlay had locked the page; it scrolls again.
    const scrolled = await page.evaluate(async () => {
      window.scrollBy(0, 300);
      await new Promise((r) => requestAnimationFrame(() => r(null)));
      return window.scrollY > 0;
    });
    expect(scrolled).toBe(true);
    await screenshot(page, 'bad-strict-csp-cleaned');

    // Every policy violation is the page's own; nothing at all came from the extension.
    expect(cspReports().filter(fromExtension), describeProblems(cspReports())).toEqual([]);
    expect(watch.problems.filter(fromExtension), describeProblems(watch.problems)).toEqual([]);

    // The reading view still works on a locked-down page.
    const popup = await popupFor(session, page);
    await expect.poll(() => visibleText(popup), { timeout: 10_000 }).toContain('وقال مزارع من بلدة تل شهاب لعنب بلدي');
    await popup.close();
    await page.close();
  });
});
