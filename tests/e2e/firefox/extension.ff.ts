import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'puppeteer-core';
import type { browser as WebExtensionApi } from 'wxt/browser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  ADDON_ID,
  downloaded,
  launchFirefox,
  messages,
  openExtensionPage,
  openFixture,
  openToolbarPopup,
  saveFromContextMenu,
  tabIdOf,
  type FirefoxSession,
  storedImageWidths,
} from '../harness/firefox.ts';
import { FIREFOX_EXTENSION_DIR, SCREENSHOTS_DIR } from '../../../scripts/lib/paths.ts';
import { poll } from '../harness/toolbar-popup.ts';
import { isRendered, scrolls } from '../shared/page-checks.ts';
import { inWindow, readingFacts, type ReadingFacts } from '../shared/popup-layout.ts';
import { SEED_CLUTTER, SEED_TEXT, SEED_TITLE } from '../shared/seed.ts';

/**
 * Naqi in Firefox ESR as a reader uses it: the live cleanup, the reader tab, saving into the
 * real IndexedDB, the library, backups, the context menu, an update, and a phone-sized screen.
 * The toolbar popup's own suite is real-popup.ff.ts.
 */

/** The add-on's `browser` global, inside the extension pages that evaluate() runs in. */
declare const browser: typeof WebExtensionApi;

let ff: FirefoxSession;
let m: (key: string) => string;
beforeAll(async () => {
  ff = await launchFirefox({ lang: 'ar' });
  m = await messages('ar');
});
const cleanups: Array<() => Promise<void>> = [];
afterAll(async () => {
  await ff?.close();
  for (const cleanup of cleanups) await cleanup();
});

const shot = async (page: Page, name: string): Promise<void> =>
  void (await page.screenshot({ path: join(SCREENSHOTS_DIR, `firefox-${name}.png`) }));
const flat = (s: string): string => s.replace(/\s+/g, ' ').trim();
const rows = (library: Page): Promise<number> => library.evaluate(() => document.querySelectorAll('.library-item').length);
const rowTitles = (library: Page): Promise<string[]> =>
  library.evaluate(() => [...document.querySelectorAll('.library-item .library-title')].map((e) => (e.textContent ?? '').trim()));
const clickText = (page: Page, text: string): Promise<void> =>
  page.evaluate((t) => {
    const el = [...document.querySelectorAll('button, a, label, summary')].find(
      (e) => (e.textContent ?? '').replace(/\s+/g, ' ').trim() === t,
    );
    if (!el) throw new Error(`nothing to click says "${t}"`);
    (el as HTMLElement).click();
  }, text);
/**
 * The extension tab that opened at `path…` after `start` (the library opens the reader in a
 * new tab). Puppeteer does not follow moz-extension:// URLs, so each tab is asked where it is.
 */
async function newExtensionTab(start: () => Promise<unknown>, path: string): Promise<Page> {
  const before = new Set(await ff.browser.pages());
  await start();
  return poll(
    async () => {
      for (const page of await ff.browser.pages()) {
        if (before.has(page)) continue;
        const href = await page.evaluate(() => location.href).catch(() => '');
        if (href.startsWith(ff.base + path)) return page;
      }
      return undefined;
    },
    10_000,
    `no tab opened at ${path}`,
  );
}

describe('Firefox: the live page', () => {
  it('hides the seed page clutter as it loads, keeps the text, gives scrolling back, and counts it on the badge', async () => {
    const page = await openFixture(ff, 'ar-enabbaladi-seed');
    await page.waitForFunction(() => document.querySelector('[data-naqi-hidden]') !== null);
    for (const text of SEED_CLUTTER) expect(await page.evaluate(isRendered, { text }), text).toBe(false);
    expect(await page.evaluate(isRendered, { text: SEED_TEXT })).toBe(true);
    expect(await page.evaluate(scrolls)).toBe(true);
    await shot(page, 'seed-cleaned');
    const tabId = await tabIdOf(ff, page);
    const hidden = await page.evaluate(() => document.querySelectorAll('[data-naqi-hidden]').length);
    const badge = await poll(() => ff.control.evaluate((id) => browser.action.getBadgeText({ tabId: id }), tabId), 5_000, 'no badge');
    expect(Number(badge)).toBe(hidden);
    await page.close();
  });
});

describe('Firefox: the reader tab', () => {
  it('shows the article full size, right to left, in the Arabic face', async () => {
    const page = await openFixture(ff, 'ar-enabbaladi-seed');
    const reader = await openExtensionPage(ff, `reader.html?tabId=${await tabIdOf(ff, page)}`);
    const facts = await poll(
      () => reader.evaluate(inWindow(readingFacts)) as Promise<ReadingFacts | null>,
      10_000,
      'no article in the reader',
    );
    expect(facts.dir).toBe('rtl');
    expect(facts.direction).toBe('rtl');
    expect(facts.firstParagraph).toBe(SEED_TEXT);
    expect(facts.naskhLoaded).toBe(true);
    expect(await reader.evaluate(() => document.querySelector('.reading-title')?.textContent)).toBe(SEED_TITLE);
    await shot(reader, 'reader-seed');
    await reader.close();
    await page.close();
  });
});

describe('Firefox: saving and the library', () => {
  it('saves from the real popup into IndexedDB; the library finds it by a variant spelling and opens it offline', async () => {
    const page = await openFixture(ff, 'ar-enabbaladi-seed');
    const popup = await openToolbarPopup(ff, page);
    await popup.waitFor(readingFacts);
    await popup.click({ text: m('save') });
    await popup.waitFor((win, saved) => win.document.querySelector('.save-status')?.textContent?.includes(saved), m('saved'));
    await popup.close();
    await page.close(); // what follows reads from the library alone

    const library = await openExtensionPage(ff, 'library.html');
    await poll(async () => (await rowTitles(library)).includes(SEED_TITLE), 10_000, 'the saved article is not listed');
    // «يوكد» without hamza and «العسكريه» with haa still find «يؤكد … العسكرية».
    await library.type('input[type=search]', 'يوكد العسكريه');
    await poll(async () => (await rows(library)) === 1, 5_000, 'the variant spelling found nothing');
    await library.evaluate(() => {
      const input = document.querySelector('input[type=search]') as HTMLInputElement;
      input.value = '';
      input.dispatchEvent(new Event('input', { bubbles: true }));
    });
    const reader = await newExtensionTab(() => clickText(library, SEED_TITLE), 'reader.html?id=');
    await poll(
      () => reader.evaluate(() => document.querySelector('.article-body')?.textContent?.includes('وتنتشر القوات الأمريكية بشكل مركز')),
      10_000,
      'the saved copy did not open',
    );
    await reader.close();
    await library.close();
  });

  it('keeps the images it may fetch offline; Firefox granted the hosts at install, so it never asks', async () => {
    const page = await openFixture(ff, 'ar-images-offline');
    const popup = await openToolbarPopup(ff, page);
    await popup.waitFor(readingFacts);
    await popup.click({ text: m('save') });
    const status = await popup.waitFor((win) => win.document.querySelector('.save-status')?.textContent?.trim());
    // Three images: two from the page's own site, one from a host that does not answer.
    // Chromium asks for that host ("Keep the images offline"); Firefox already holds it.
    expect(status).toBe(`${m('saved')} — ${m('savedImagesFailed').replace('$MISSING$', '1').replace('$TOTAL$', '3')}`);
    expect(
      await popup.evaluate(
        (win, label) => [...win.document.querySelectorAll('button')].some((b) => b.textContent?.trim() === label),
        m('saveImages'),
      ),
    ).toBe(false);
    await popup.close();
    await page.close();

    const library = await openExtensionPage(ff, 'library.html');
    await poll(async () => (await rows(library)) === 2, 10_000, 'two articles are not listed');
    const title = (await rowTitles(library)).find((t) => t !== SEED_TITLE) ?? '';
    const reader = await newExtensionTab(() => clickText(library, title), 'reader.html?id=');
    const images = await storedImageWidths(reader, 'the kept images are not shown');
    expect(images.slice(0, 2)).toEqual([160, 120]);
    await reader.close();
    await library.close();
  });

  it('backs the library up to a file and restores it from that file', async () => {
    const library = await openExtensionPage(ff, 'library.html');
    await poll(async () => (await rows(library)) === 2, 10_000, 'the library is not listed');
    const backupFile = await downloaded(ff, () => clickText(library, m('libraryExport')));
    const backup = await readFile(backupFile, 'utf8');
    expect((JSON.parse(backup) as { records: unknown[] }).records).toHaveLength(2);

    await library.click('.library-selection input[type=checkbox]');
    await clickText(library, m('libraryDeleteSelected').replace('$COUNT$', '2'));
    await poll(async () => (await rows(library)) === 0, 5_000, 'delete did not empty the list');

    const input = await library.$('.library-import input[type=file]');
    if (!input) throw new Error('no file input');
    await (input as unknown as { uploadFile(path: string): Promise<void> }).uploadFile(backupFile);
    await poll(async () => (await rows(library)) === 2, 10_000, 'the restore did not bring the articles back');
    const again = await readFile(await downloaded(ff, () => clickText(library, m('libraryExport'))), 'utf8');
    const withoutDate = (text: string): string => text.replace(/"exportedAt":"[^"]+"/, '');
    expect(withoutDate(again)).toBe(withoutDate(backup));
    await library.close();
  });

  it('saves from the page’s own context menu and says so on the page', async () => {
    const page = await openFixture(ff, 'ar-late-clutter');
    await saveFromContextMenu(ff, page, m('menuSave'));
    await page.waitForFunction(() => document.querySelector('naqi-toast') !== null, { timeout: 10_000 });
    const library = await openExtensionPage(ff, 'library.html');
    await poll(async () => (await rows(library)) === 3, 10_000, 'the article saved from the menu is not listed');
    await library.close();
    await page.close();
  });
});

describe('Firefox: an update', () => {
  it('keeps the library when a new version of the add-on is installed over the old', async () => {
    const before = await ff.control.evaluate(() => browser.runtime.getManifest().version);
    // A temporary add-on runs from its folder: the new version's stays until Firefox closes.
    const next = await mkdtemp(join(tmpdir(), 'naqi-ff-update-'));
    cleanups.push(() => rm(next, { recursive: true, force: true }));
    {
      await cp(FIREFOX_EXTENSION_DIR, next, { recursive: true });
      const manifest = JSON.parse(await readFile(join(next, 'manifest.json'), 'utf8')) as { version: string };
      manifest.version = `${manifest.version}.1`;
      await writeFile(join(next, 'manifest.json'), JSON.stringify(manifest));
      expect(await ff.browser.installExtension(next)).toBe(ADDON_ID);
      // Firefox closes an add-on's tabs when it is replaced: open an extension page again.
      ff.control = await openExtensionPage(ff, 'reader.html');
      expect(await ff.control.evaluate(() => browser.runtime.getManifest().version)).toBe(`${before}.1`);
      const library = await openExtensionPage(ff, 'library.html');
      await poll(async () => (await rows(library)) === 3, 10_000, 'the library did not survive the update');
      expect(await rowTitles(library)).toContain(SEED_TITLE);
      await library.close();
    }
  });
});

describe('Firefox: a phone-sized screen', () => {
  it.each(['popup.html', 'reader.html'])('%s fills a 390 px screen: no sideways scroll, the headline on the first screen', async (path) => {
    const page = await openFixture(ff, 'ar-enabbaladi-seed');
    const tabId = await tabIdOf(ff, page);
    const phone = await ff.browser.newPage();
    await phone.setViewport({ width: 390, height: 844 });
    await openExtensionPage(ff, `${path}?tabId=${tabId}`, phone);
    await phone.bringToFront(); // a tab in the background is not laid out or painted
    const facts = await poll(() => phone.evaluate(inWindow(readingFacts)) as Promise<ReadingFacts | null>, 10_000, 'no article');
    const layout = await phone.evaluate(() => ({
      width: innerWidth,
      overflowX: document.documentElement.scrollWidth - document.documentElement.clientWidth,
      titleTop: document.querySelector('.reading-title')?.getBoundingClientRect().top ?? Infinity,
    }));
    expect(layout.width).toBe(390);
    expect(layout.overflowX).toBe(0);
    expect(layout.titleTop).toBeLessThan(844 * 0.6);
    expect(facts.box.left).toBeGreaterThanOrEqual(0);
    expect(facts.box.right).toBeLessThanOrEqual(390);
    expect(facts.box.right - facts.box.left).toBeGreaterThanOrEqual(320);
    expect(flat(facts.firstParagraph)).toBe(SEED_TEXT);
    await shot(phone, `phone-${path.replace('.html', '')}`);
    await phone.close();
    await page.close();
  });
});
