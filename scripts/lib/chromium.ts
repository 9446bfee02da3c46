/**
 * Chromium with the built extension loaded (Playwright, Debian's /usr/bin/chromium): shared by
 * the browser tests (tests/e2e/harness/browser.ts adds what only tests need) and the benches.
 */
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { chromium, type BrowserContext, type Page, type Worker } from 'playwright-core';
import { EXTENSION_DIR } from './paths.ts';
import { browserProfile } from './profile.ts';

export interface ExtensionSession {
  context: BrowserContext;
  /** 32 letters a–p, derived by Chrome from the unpacked folder's path. */
  extensionId: string;
  /** Closes Chromium and deletes the temporary profile. Safe to call twice. */
  close: () => Promise<void>;
}

export interface LaunchOptions {
  /**
   * Browser interface language; decides `chrome.i18n` and so the popup's language and direction.
   * On Linux Chromium takes it from $LANGUAGE (`--lang` is ignored) and needs the locale's
   * .pak file, which Debian ships in `chromium-l10n`. Default 'ar'.
   */
  lang?: string;
  /** Defaults to $NAQI_EXTENSION_DIR, else the production build, `.output/chrome-mv3`. */
  extensionDir?: string;
  /**
   * A profile that outlives the session, to relaunch the browser on it (an update, a restart).
   * The caller owns it: close() leaves it on disk. Default: a fresh temporary profile, deleted on close.
   */
  userDataDir?: string;
  /**
   * Host names besides 127.0.0.1 that reach this machine (mapped to 127.0.0.1, let through the
   * offline routing): a second site for tests that need one, e.g. 'localhost'. Default none.
   */
  localHosts?: string[];
  /** false: the same browser and flags without the extension (the benches' baseline). Default true. */
  withExtension?: boolean;
}

/** The few extension APIs the harness calls inside the service worker. */
interface ChromeApi {
  tabs: { query: (query: { active?: boolean; lastFocusedWindow?: boolean }) => Promise<Array<{ id?: number; url?: string }>> };
  i18n: { getUILanguage: () => string };
  runtime: { sendMessage: (message: unknown) => Promise<unknown> };
}
/** `globalThis` of an extension context. Type only: evaluate() callbacks cannot close over helpers. */
type ExtensionGlobal = typeof globalThis & { chrome: ChromeApi };

const SERVICE_WORKER_TIMEOUT = 10_000;

/** Starts Chromium with a fresh (or the given) profile and the built extension loaded, offline except 127.0.0.1. */
export async function launchExtension(options: LaunchOptions = {}): Promise<ExtensionSession> {
  const { lang = 'ar', localHosts = [], withExtension = true } = options;
  // NAQI_EXTENSION_DIR: another build, e.g. of an older commit, to see a new test fail on it.
  const extensionDir = resolve(options.extensionDir ?? process.env.NAQI_EXTENSION_DIR ?? EXTENSION_DIR); // Chrome wants an absolute path
  if (withExtension && !existsSync(join(extensionDir, 'manifest.json')))
    throw new Error(`no manifest.json in ${extensionDir}: run npm run build first`);

  const profile = await browserProfile('naqi-e2e-', options.userDataDir);
  const userDataDir = profile.dir;
  let context: BrowserContext;
  try {
    context = await chromium.launchPersistentContext(userDataDir, {
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      // NAQI_HEADFUL=1 (under xvfb-run) shows real scrollbars and window sizes.
      headless: !process.env.NAQI_HEADFUL,
      // Playwright passes --disable-extensions by default, which would win over --load-extension.
      ignoreDefaultArgs: ['--disable-extensions'],
      env: { ...process.env, LANGUAGE: lang },
      args: [
        ...(process.env.NAQI_HEADFUL ? [] : ['--headless=new']),
        ...(withExtension ? [`--disable-extensions-except=${extensionDir}`, `--load-extension=${extensionDir}`] : []),
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--no-first-run',
        '--disable-dev-shm-usage',
        // No DNS at all except the fixture server: preconnect / prefetch hints bypass routing.
        `--host-resolver-rules=${[...localHosts.map((host) => `MAP ${host} 127.0.0.1`), 'MAP * ~NOTFOUND', 'EXCLUDE 127.0.0.1'].join(', ')}`,
        // Chrome says why an unpacked extension failed to load (e.g. an invalid _locales key)
        // only in its log, and Playwright keeps stderr to itself: log to a file we can read.
        '--enable-logging',
        `--log-file=${join(userDataDir, 'chrome.log')}`,
      ],
    });
  } catch (err) {
    await profile.close();
    throw err;
  }

  const close = (): Promise<void> => profile.close(() => context.close());

  try {
    // Fixture pages are saved news sites full of third-party URLs: abort them all, fast and offline.
    // Only http(s) is routed, so chrome-extension:// pages and data:/blob: URLs are untouched.
    await context.route(
      (url) => url.protocol.startsWith('http') && url.hostname !== '127.0.0.1' && !localHosts.includes(url.hostname),
      (route) => route.abort('blockedbyclient'),
    );
    if (!withExtension) return { context, extensionId: '', close };
    const worker = await startedWorker(context, join(userDataDir, 'chrome.log'));
    const uiLanguage = await worker.evaluate(() => (globalThis as ExtensionGlobal).chrome.i18n.getUILanguage());
    if (!uiLanguage.toLowerCase().startsWith(lang.toLowerCase())) {
      throw new Error(`Chromium runs in '${uiLanguage}', not '${lang}': install its locales (Debian: apt-get install chromium-l10n)`);
    }
    return { context, extensionId: new URL(worker.url()).host, close };
  } catch (err) {
    await close();
    throw err;
  }
}

/** The "Extension error: …" lines of a Chrome log, e.g. "Failed to load extension from: …". */
async function loadErrors(logFile: string): Promise<string[]> {
  const log = await readFile(logFile, 'utf8').catch(() => '');
  return [...log.matchAll(/Extension error: (.*)/g)].map((m) => m[1] ?? '');
}

/**
 * The extension's service worker once it is up. Polls rather than waiting for the event so that
 * a build Chrome refuses fails at once with Chrome's reason instead of after the timeout.
 */
async function startedWorker(context: BrowserContext, logFile: string): Promise<Worker> {
  const isOurs = (w: Worker): boolean => /^chrome-extension:\/\/[a-p]{32}\/background\.js$/.test(w.url());
  for (const deadline = Date.now() + SERVICE_WORKER_TIMEOUT; Date.now() < deadline;) {
    const worker = context.serviceWorkers().find(isOurs);
    if (worker) return worker;
    const errors = await loadErrors(logFile);
    if (errors.length > 0) throw new Error(`Chrome did not load the extension: ${errors.join('; ')}`);
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`the extension did not start: no service worker in ${SERVICE_WORKER_TIMEOUT} ms`);
}

/**
 * The background service worker, running. Chrome stops an idle MV3 worker after ~30 s, though
 * not while Playwright's DevTools session is attached, so in practice it stays up; when it was
 * stopped anyway, the Worker handle stays valid but evaluate() hangs until something starts it.
 * A runtime message from an extension page is such an event.
 */
export async function serviceWorker(context: BrowserContext, extensionId: string): Promise<Worker> {
  const url = `chrome-extension://${extensionId}/background.js`;
  const ours = (): Worker[] =>
    context
      .serviceWorkers()
      .filter((w) => w.url() === url)
      .reverse(); // newest first
  for (const w of ours()) if (await answers(w, 1_000)) return w;

  const waker = await context.newPage();
  try {
    await waker.goto(`chrome-extension://${extensionId}/popup.html`);
    // Nobody answers this message; it only has to be delivered.
    await waker.evaluate(() => (globalThis as ExtensionGlobal).chrome.runtime.sendMessage({ naqiE2eWake: true }).catch(() => undefined));
  } finally {
    await waker.close();
  }
  // Playwright may hand back the old handle or announce a new worker: try whichever appears.
  for (const deadline = Date.now() + SERVICE_WORKER_TIMEOUT; Date.now() < deadline;) {
    for (const w of ours()) if (await answers(w, 500)) return w;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error('the service worker did not start again');
}

function answers(worker: Worker, timeout: number): Promise<boolean> {
  const timer = new Promise<false>((r) => setTimeout(() => r(false), timeout));
  return Promise.race([worker.evaluate(() => true).catch(() => false), timer]);
}

/**
 * Stops the service worker as Chrome does when it is idle, to test that the extension copes
 * (state kept only in worker globals is lost). Uses chrome://serviceworker-internals, the
 * only switch there is: neither Playwright nor the CDP ServiceWorker domain reaches it.
 */
export async function stopServiceWorker(context: BrowserContext, extensionId: string): Promise<void> {
  const scope = `chrome-extension://${extensionId}/`;
  const internals = await context.newPage();
  try {
    await internals.goto('chrome://serviceworker-internals/');
    const registration = internals.locator('.serviceworker-registration', { hasText: scope });
    await registration.locator('cr-button', { hasText: 'Stop' }).click();
    await internals.waitForFunction(
      (scope) =>
        [...document.querySelectorAll('.serviceworker-registration')].some(
          (r) => r.textContent?.includes(scope) && /Running Status:\s*STOPPED/.test(r.textContent),
        ),
      scope,
    );
  } finally {
    await internals.close();
  }
}

/** Chrome's tab id for a page, for `popup.html?tabId=N` and messaging. */
export async function tabIdOf(context: BrowserContext, extensionId: string, page: Page): Promise<number> {
  const worker = await serviceWorker(context, extensionId);
  const byUrl = (await worker.evaluate(() => (globalThis as ExtensionGlobal).chrome.tabs.query({}))).filter((t) => t.url === page.url());
  if (byUrl.length === 1 && byUrl[0]?.id !== undefined) return byUrl[0].id;
  // Without the "tabs" permission Chrome hides every tab's URL from the extension, so make
  // the page the active tab (all pages share one window) and ask for that.
  await page.bringToFront();
  const active = await worker.evaluate(() => (globalThis as ExtensionGlobal).chrome.tabs.query({ active: true, lastFocusedWindow: true }));
  const id = active.length === 1 ? active[0]?.id : undefined;
  if (id === undefined) throw new Error(`cannot find the tab of ${page.url()}`);
  return id;
}
