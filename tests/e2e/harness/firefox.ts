import { existsSync } from 'node:fs';
import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import puppeteer, { type Browser, type Page } from 'puppeteer-core';
import type { browser as WebExtensionApi } from 'wxt/browser';
import { inject } from 'vitest';
import { FIREFOX_EXTENSION_DIR, ROOT, SCREENSHOTS_DIR } from '../../../scripts/lib/paths.ts';
import { browserProfile } from '../../../scripts/lib/profile.ts';
import { poll, targetPoint, type PopupFn, type ToolbarPopup } from './toolbar-popup.ts';

/**
 * Debian's Firefox ESR with the built add-on installed, driven by puppeteer-core over WebDriver
 * BiDi. What Firefox needs that Chromium does not:
 * - the add-on is installed as a temporary add-on (BiDi `webExtension.install`), unsigned;
 * - its `moz-extension://` host is fixed in advance by the `extensions.webextensions.uuids` pref;
 * - extension pages are reached with BiDi `browsingContext.navigate` (puppeteer's goto never
 *   resolves on them) and need `--remote-allow-system-access`;
 * - the real toolbar popup opens with `action.openPopup()` from an extension page once
 *   `extensions.openPopupWithoutUserGesture.enabled` is set; its window is reached with
 *   `extension.getViews({ type: 'popup' })`, and what it shows is drawn by the parent process
 *   (`drawSnapshot` on the popup's `<browser>`, run in the chrome scope that the flag allows).
 */
export interface FirefoxSession {
  browser: Browser;
  /** `moz-extension://<uuid>/` */
  base: string;
  /** reader.html with nothing to read: an inert extension page from which to call `browser.*`. */
  control: Page;
  profileDir: string;
  /** Where downloads land, without a dialog. */
  downloads: string;
  /** Closes Firefox and deletes a temporary profile. Safe to call twice. */
  close(): Promise<void>;
}

export interface FirefoxOptions {
  /** Interface language ('ar' needs Debian's firefox-esr-l10n-ar). Default 'ar'. */
  lang?: string;
  /** Defaults to $NAQI_FIREFOX_EXTENSION_DIR, else the production build, `.output/firefox-mv3`. */
  extensionDir?: string;
  /** A profile that outlives the session (the caller deletes it). Default: a temporary one. */
  profileDir?: string;
  /** Install the add-on (default). False relaunches a kept profile as it is, add-on and all... */
  install?: boolean;
  /** Window size; the default is a desktop window. */
  viewport?: { width: number; height: number };
  /** More preferences for this profile (after the harness's own, so they can override them). */
  prefs?: Record<string, string | number | boolean>;
}

/** The add-on's `browser` global, inside the extension pages that evaluate() runs in. */
declare const browser: typeof WebExtensionApi;

export const ADDON_ID = 'naqi@naqi-reader.org';
/** Fixed, so tests know the extension's origin before it is installed. */
export const ADDON_UUID = '6c0a3f2e-5b1d-4e7a-9c4b-2f8d1e3a7b90';
const FIREFOX = process.env.FIREFOX_PATH ?? '/usr/bin/firefox-esr';

export async function launchFirefox(options: FirefoxOptions = {}): Promise<FirefoxSession> {
  const { lang = 'ar' } = options;
  // NAQI_FIREFOX_EXTENSION_DIR: another build, e.g. of an older commit, to see a new test fail on it.
  const extensionDir = resolve(options.extensionDir ?? process.env.NAQI_FIREFOX_EXTENSION_DIR ?? FIREFOX_EXTENSION_DIR);
  if (!existsSync(join(extensionDir, 'manifest.json')))
    throw new Error(`no manifest.json in ${extensionDir}: run npm run build:firefox first`);
  if (!existsSync(FIREFOX)) throw new Error(`no Firefox at ${FIREFOX} (Debian: apt-get install firefox-esr firefox-esr-l10n-ar)`);
  const profile = await browserProfile('naqi-ff-', options.profileDir);
  const profileDir = profile.dir;
  await mkdir(profileDir, { recursive: true });
  const downloads = join(profileDir, 'naqi-downloads');
  await mkdir(downloads, { recursive: true });

  const firefox = await puppeteer
    .launch({
      browser: 'firefox',
      executablePath: FIREFOX,
      // NAQI_HEADFUL=1 (under xvfb-run) for real windows and scrollbars.
      headless: !process.env.NAQI_HEADFUL,
      userDataDir: profileDir,
      args: ['--remote-allow-system-access'],
      defaultViewport: options.viewport ?? { width: 1280, height: 900 },
      extraPrefsFirefox: {
        'extensions.webextensions.uuids': JSON.stringify({ [ADDON_ID]: ADDON_UUID }),
        'extensions.openPopupWithoutUserGesture.enabled': true,
        'intl.locale.requested': lang,
        // Offline but for the fixture server: everything else goes to a closed port.
        'network.proxy.type': 1,
        'network.proxy.http': '127.0.0.1',
        'network.proxy.http_port': 9,
        'network.proxy.ssl': '127.0.0.1',
        'network.proxy.ssl_port': 9,
        'network.proxy.no_proxies_on': '127.0.0.1',
        'network.proxy.allow_hijacking_localhost': false,
        'browser.sessionstore.resume_from_crash': false,
        // Downloads (exports, backups) go straight to a folder the tests read.
        'browser.download.folderList': 2,
        'browser.download.dir': downloads,
        'browser.download.useDownloadDir': true,
        'browser.download.always_ask_before_handling_new_types': false,
        'browser.download.start_downloads_in_tmp_dir': false,
        'browser.download.alwaysOpenPanel': false,
        'browser.download.panel.shown': true,
        ...options.prefs,
      },
    })
    .catch(async (error: unknown) => {
      await profile.close();
      throw error;
    });

  const close = (): Promise<void> => profile.close(() => firefox.close());
  try {
    if (options.install !== false) {
      const id = await firefox.installExtension(extensionDir);
      if (id !== ADDON_ID) throw new Error(`installed ${id}, expected ${ADDON_ID}`);
    }
    const base = `moz-extension://${ADDON_UUID}/`;
    const control = await openExtensionPage({ browser: firefox, base }, 'reader.html');
    const uiLanguage = await control.evaluate(() => browser.i18n.getUILanguage());
    if (!uiLanguage.toLowerCase().startsWith(lang))
      throw new Error(`Firefox runs in '${uiLanguage}', not '${lang}' (Debian: apt-get install firefox-esr-l10n-${lang})`);
    return { browser: firefox, base, control, profileDir, downloads, close };
  } catch (error) {
    await close();
    throw error;
  }
}

/** Runs `start`, then waits for the download it starts to finish and returns the file's path. */
export async function downloaded(ff: FirefoxSession, start: () => Promise<unknown>): Promise<string> {
  const before = new Set(await readdir(ff.downloads));
  await start();
  const name = await poll(
    async () =>
      (await readdir(ff.downloads)).find((f) => !before.has(f) && !f.endsWith('.part') && !existsSync(join(ff.downloads, `${f}.part`))),
    15_000,
    'no download finished',
  );
  return join(ff.downloads, name);
}

/** Opens an extension page (`library.html`, `reader.html?tabId=3`…) in a new tab. */
export async function openExtensionPage(ff: Pick<FirefoxSession, 'browser' | 'base'>, path: string, page?: Page): Promise<Page> {
  const tab = page ?? (await ff.browser.newPage());
  const url = ff.base + path;
  // page.goto() never resolves on moz-extension:// pages; BiDi's own navigate does.
  const frame = tab.mainFrame() as unknown as { browsingContext: { navigate(url: string, wait: 'complete'): Promise<void> } };
  await frame.browsingContext.navigate(url, 'complete');
  await tab.waitForFunction((u) => location.href === u && document.readyState === 'complete', {}, url);
  return tab;
}

/** Opens `url` in a new tab and waits for `load`. */
export async function openUrl(ff: Pick<FirefoxSession, 'browser'>, url: string): Promise<Page> {
  const page = await ff.browser.newPage();
  await page.goto(url, { waitUntil: 'load' });
  return page;
}

/** Opens `tests/fixtures/pages/<slug>/` (plus `query`) in a new tab and waits for `load`. */
export async function openFixture(ff: FirefoxSession, slug: string, query = '', waitUntil: 'load' | 'commit' = 'load'): Promise<Page> {
  const page = await ff.browser.newPage();
  const url = `${inject('fixtureBaseUrl')}${encodeURIComponent(slug)}/${query}`;
  if (waitUntil === 'load') await page.goto(url, { waitUntil: 'load' });
  else void page.goto(url, { waitUntil: 'load' }).catch(() => undefined);
  return page;
}

/** Firefox's tab id for a page, from the extension (which sees URLs of the hosts it may access). */
export async function tabIdOf(ff: FirefoxSession, page: Page): Promise<number> {
  const url = page.url();
  const id = await ff.control.evaluate(async (u) => (await browser.tabs.query({})).filter((t) => t.url === u).map((t) => t.id), url);
  if (id.length !== 1 || id[0] === undefined) throw new Error(`cannot find the tab of ${url} (${id.length} matches)`);
  return id[0];
}

/** The real toolbar popup for `page`, opened as a click on the icon would. */
export async function openToolbarPopup(ff: FirefoxSession, page: Page): Promise<ToolbarPopup> {
  await page.bringToFront();
  await poll(() => page.evaluate(() => document.visibilityState === 'visible'), 5_000, 'the tab did not come to the front');
  await ff.control.evaluate(() => browser.action.openPopup());
  const popup = new FirefoxPopup(ff);
  await popup.waitFor((win) => win.document.readyState === 'complete' && (win.document.getElementById('app')?.childElementCount ?? 0) > 0);
  return popup;
}

class FirefoxPopup implements ToolbarPopup {
  constructor(private readonly ff: FirefoxSession) {}

  async evaluate<T, A = undefined>(fn: PopupFn<T, A>, arg?: A): Promise<T> {
    const source = `(async () => {
      const win = browser.extension.getViews({ type: 'popup' })[0];
      if (!win) throw new Error('no popup is open');
      return (${fn.toString()})(win, ${arg === undefined ? 'undefined' : JSON.stringify(arg)});
    })()`;
    return (await this.ff.control.evaluate(source)) as T;
  }

  waitFor<T, A = undefined>(fn: PopupFn<T, A>, arg?: A, timeout = 10_000): Promise<NonNullable<T>> {
    return poll(() => this.evaluate(fn, arg), timeout, `waiting in the popup for ${fn.toString().slice(0, 120)}`);
  }

  async click(target: string | { text: string }): Promise<void> {
    await this.waitFor(targetPoint, target);
    // No input channel reaches a popup over BiDi: a click event with the real event path.
    await this.evaluate((win, t) => {
      const norm = (s: string): string => s.replace(/\s+/g, ' ').trim();
      const controls = [...win.document.querySelectorAll('button, a, summary, label, [role=button]')];
      const el = typeof t === 'string' ? win.document.querySelector(t) : controls.find((e) => norm(e.textContent ?? '') === norm(t.text));
      (el as HTMLElement | null)?.click();
    }, target);
  }

  /** The popup's `<browser>` in the toolbar panel, as the parent process lays it out and paints it. */
  async panel(withImage: boolean): Promise<{ width: number; height: number; png?: string }> {
    return chromeEval(
      this.ff,
      `(async () => {
        const b = [...document.querySelectorAll('browser.webextension-popup-browser')].find((e) => e.getBoundingClientRect().width > 0);
        if (!b) throw new Error('no popup browser in the panel');
        const r = b.getBoundingClientRect();
        if (!${withImage}) return { width: r.width, height: r.height };
        const bitmap = await b.browsingContext.currentWindowGlobal.drawSnapshot(null, 1, 'white');
        const canvas = new OffscreenCanvas(bitmap.width, bitmap.height);
        canvas.getContext('2d').drawImage(bitmap, 0, 0);
        const bytes = new Uint8Array(await (await canvas.convertToBlob({ type: 'image/png' })).arrayBuffer());
        let s = '';
        for (let i = 0; i < bytes.length; i += 0x8000) s += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
        return { width: r.width, height: r.height, png: btoa(s) };
      })()`,
    ) as Promise<{ width: number; height: number; png?: string }>;
  }

  async screenshot(name: string): Promise<string> {
    const { png } = await this.panel(true);
    const path = join(SCREENSHOTS_DIR, `${name.replace(/[^\w.-]+/g, '-')}.png`);
    await mkdir(SCREENSHOTS_DIR, { recursive: true });
    await writeFile(path, Buffer.from(png ?? '', 'base64'));
    return path;
  }

  async close(): Promise<void> {
    await this.evaluate((win) => win.close()).catch(() => undefined);
    await poll(
      () => this.ff.control.evaluate(() => browser.extension.getViews({ type: 'popup' }).length === 0),
      5_000,
      'the popup did not close',
    );
  }
}

/**
 * Saves through the page's real context menu: a right click opens Firefox's menu, and the
 * add-on's item is activated in it as a reader's click would (XULPopupElement.activateItem).
 */
export async function saveFromContextMenu(ff: FirefoxSession, page: Page, label: string): Promise<void> {
  await page.bringToFront();
  await page.mouse.click(200, 200, { button: 'right' });
  const found = await poll(
    () =>
      chromeEval(
        ff,
        `(() => {
          const menu = document.getElementById('contentAreaContextMenu');
          if (menu.state !== 'open') return false;
          const item = [...menu.querySelectorAll('menuitem')].find((i) => !i.hidden && i.id.endsWith('-menuitem-_naqi-save'));
          if (!item) { menu.hidePopup(); return 'missing'; }
          if (item.label !== ${JSON.stringify(label)}) { menu.hidePopup(); return 'label: ' + item.label; }
          menu.activateItem(item);
          return 'ok';
        })()`,
      ),
    5_000,
    'the context menu did not open',
  );
  if (found !== 'ok') throw new Error(`no "${label}" in the page's context menu (${String(found)})`);
}

/** The size of the open popup as the browser's toolbar panel holds it (not as the page thinks). */
export async function popupPanelSize(popup: ToolbarPopup): Promise<{ width: number; height: number }> {
  if (!(popup instanceof FirefoxPopup)) throw new Error('not a Firefox popup');
  return popup.panel(false);
}

/** The browser session behind puppeteer's page objects: raw BiDi commands. */
interface BidiSession {
  send(method: string, params: Record<string, unknown>): Promise<{ result: unknown }>;
}
function bidi(ff: FirefoxSession): BidiSession {
  const context = ff.control.mainFrame() as unknown as { browsingContext: { userContext: { browser: { session: BidiSession } } } };
  return context.browsingContext.userContext.browser.session;
}

/** Evaluates `expression` in the browser window's chrome scope (its XUL document). */
async function chromeEval(ff: FirefoxSession, expression: string): Promise<unknown> {
  const session = bidi(ff);
  const tree = (await session.send('browsingContext.getTree', { 'moz:scope': 'chrome' })).result as {
    contexts: Array<{ context: string; url: string }>;
  };
  const window = tree.contexts.find((c) => c.url === 'chrome://browser/content/browser.xhtml');
  if (!window) throw new Error('no browser window in the chrome scope');
  const reply = (
    await session.send('script.evaluate', { expression, target: { context: window.context }, awaitPromise: true, resultOwnership: 'none' })
  ).result as {
    type: 'success' | 'exception';
    result?: unknown;
    exceptionDetails?: { text: string };
  };
  if (reply.type === 'exception') throw new Error(`in Firefox's chrome scope: ${reply.exceptionDetails?.text ?? 'error'}`);
  return deserialize(reply.result);
}

/** BiDi remote values (objects as [key, value] lists) back into plain JSON. */
function deserialize(value: unknown): unknown {
  const v = value as { type: string; value?: unknown };
  switch (v.type) {
    case 'object':
      return Object.fromEntries((v.value as Array<[string, unknown]>).map(([k, x]) => [k, deserialize(x)]));
    case 'array':
      return (v.value as unknown[]).map(deserialize);
    case 'undefined':
    case 'null':
      return undefined;
    default:
      return v.value;
  }
}

/** The interface strings of a language, as the add-on ships them. */
export async function messages(lang: string): Promise<(key: string) => string> {
  const file = join(ROOT, 'public/_locales', lang === 'ar' ? 'ar' : 'en', 'messages.json');
  const all = JSON.parse(await readFile(file, 'utf8')) as Record<string, { message: string }>;
  return (key) => {
    const m = all[key]?.message;
    if (!m) throw new Error(`no message ${key}`);
    return m;
  };
}

/** The widths of the reading view's images shown from stored copies (data: URLs), once at least two are. */
export function storedImageWidths(reader: Page, what: string): Promise<number[]> {
  return poll(
    () =>
      reader.evaluate(() => {
        const imgs = [...document.querySelectorAll<HTMLImageElement>('article.reading-view img')];
        const kept = imgs.filter((i) => i.src.startsWith('data:image/') && i.complete && i.naturalWidth > 0);
        return kept.length >= 2 ? kept.map((i) => i.naturalWidth) : null;
      }),
    10_000,
    what,
  );
}
