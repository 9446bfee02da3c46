import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { launchExtension, openUrl, serviceWorker, tabIdOf, type ExtensionSession } from './harness/browser.ts';
import { messagesIn } from './harness/messages.ts';
import { openToolbarPopup, poll } from './harness/toolbar-popup.ts';
import { ARTICLE_TITLE, expectClobberedPageRead, startHostileSite, withBankCookies, type HostileSite } from './shared/hostile-site.ts';
import { minimalArticle } from '../unit/helpers/article.ts';
import { rowAction } from './shared/library-rows.ts';

/**
 * Issue 12, hostile pages round 2, in Chromium with the built extension: what Naqi's own
 * pages request, what a page can learn of Naqi, a page that clobbers the DOM, a reader tab
 * whose page moved on, a library holding records out of bounds.
 */

let session: ExtensionSession;
let site: HostileSite;
const m = messagesIn('ar');

beforeAll(async () => {
  site = await startHostileSite();
  session = await launchExtension({ lang: 'ar', localHosts: ['localhost'] });
});
afterAll(async () => {
  await session?.close();
  await site?.close();
});

const open = (url: string): Promise<Page> => openUrl(session.context, url);

/** Signs in to the bank: its Lax and Strict cookies are set, and sent on its own pages. */
async function signIn(): Promise<void> {
  const page = await open(`${site.bank}login`);
  await page.goto(`${site.bank}account`, { waitUntil: 'load' });
  const own = site.hits.filter((h) => h.site === 'bank' && h.path === '/account');
  expect(own.at(-1)?.cookie).toMatch(/lax=L1/);
  expect(own.at(-1)?.cookie).toMatch(/strict=S1/);
  await page.close();
}

describe('hostile pages (issue 12)', () => {
  it("the popup, the reader, the saved copy and the library send no request with the reader's Lax or Strict cookies", async () => {
    await signIn();
    const from = site.hits.length;
    const article = await open(`${site.article}article/`);
    const tabId = await tabIdOf(session.context, session.extensionId, article);

    // The real toolbar popup: the article and its images (the lead, the one on the bank's site).
    const popup = await openToolbarPopup(session, article);
    await popup.waitFor((win) => win.document.querySelector('h1.reading-title')?.textContent);
    await popup.waitFor(
      (win) => [...win.document.querySelectorAll('.reading-view img')].filter((i) => (i as HTMLImageElement).naturalWidth > 0).length >= 2,
    );
    await popup.click({ text: m('save') });
    await popup.waitFor((win) => win.document.querySelector('.save-status')?.textContent);
    await popup.close();

    // The full-tab reader of the page, the library, the saved copy.
    const shown = (): boolean =>
      [...document.querySelectorAll('.reading-view img')].filter((i) => (i as HTMLImageElement).naturalWidth > 0).length >= 2;
    const reader = await open(`chrome-extension://${session.extensionId}/reader.html?tabId=${tabId}`);
    await reader.waitForFunction(shown);
    const library = await open(`chrome-extension://${session.extensionId}/library.html`);
    await library.locator('.library-item', { hasText: ARTICLE_TITLE }).waitFor();
    const saved = await open(`chrome-extension://${session.extensionId}/reader.html?id=${encodeURIComponent(`${site.article}article/`)}`);
    await saved.waitForFunction(shown);
    for (const page of [reader, library, saved, article]) await page.close();

    const bank = site.hits.slice(from).filter((h) => h.site === 'bank');
    // The bank was asked (the test would prove nothing otherwise), never with the reader's cookies.
    expect(bank.length).toBeGreaterThan(3);
    expect(withBankCookies(bank)).toEqual([]);
  });

  it('a saved copy plays no media from the network, shows images only from local copies, and the list says the media is on the site', async () => {
    const library = await open(`chrome-extension://${session.extensionId}/library.html`);
    const row = library.locator('.library-item', { hasText: ARTICLE_TITLE });
    await row.waitFor();
    expect(await row.innerText()).toContain(m('libraryMediaRemote'));
    const from = site.hits.length;
    const saved = await open(`chrome-extension://${session.extensionId}/reader.html?id=${encodeURIComponent(`${site.article}article/`)}`);
    await saved.waitForFunction(() => document.querySelector('.reading-view a[type^="video/"]') !== null);
    // The lead and the video's poster. The bank's delete address in the body is no picture (it
    // does not load on the page), and the view no longer keeps it.
    await saved.waitForFunction(() => document.querySelectorAll('.reading-view img[src]').length >= 2);
    expect(await saved.evaluate(() => document.querySelectorAll('video, audio, source, track, [poster]').length)).toBe(0);
    expect(
      await saved.evaluate(
        () => [...document.querySelectorAll('img[src]')].filter((i) => !/^(?:blob|data):/.test(i.getAttribute('src') ?? '')).length,
      ),
    ).toBe(0);
    expect(site.hits.slice(from).filter((h) => h.path.startsWith('/media/'))).toEqual([]);
    await saved.close();
    await library.close();
  });

  it('a page with forms and images named after DOM properties does not freeze its tab, and the popup reads it', async () => {
    const page = await open(`${site.article}clobbered/`);
    await expectClobberedPageRead(await openToolbarPopup(session, page), () => page.evaluate(() => document.querySelectorAll('p').length));
    await page.close();
  });

  it('a page hears nothing of Naqi: no message and no event carries its id', async () => {
    const page = await open(`${site.article}listening/?id=${session.extensionId}`);
    // The content script is there (the popup gets the article from it), and announced nothing.
    const popup = await openToolbarPopup(session, page);
    await popup.waitFor((win) => win.document.querySelector('h1.reading-title')?.textContent);
    await popup.close();
    const heard = await page.evaluate(() => (window as unknown as { __heard: string[] }).__heard);
    expect(heard).toEqual([]);
    expect(await page.evaluate(() => document.documentElement.outerHTML.includes('chrome-extension'))).toBe(false);
    await page.close();
  });

  it("saving in a reader tab whose page has moved to another site never has that site fetch the article's images", async () => {
    const article = await open(`${site.article}moved/`);
    const tabId = await tabIdOf(session.context, session.extensionId, article);
    const reader = await open(`chrome-extension://${session.extensionId}/reader.html?tabId=${tabId}`);
    await reader.locator('h1.reading-title').waitFor();
    // The tab goes on to the bank; its content script starts there.
    await article.goto(`${site.bank}account`, { waitUntil: 'load' });
    const worker = await serviceWorker(session.context, session.extensionId);
    await poll(
      () =>
        worker
          .evaluate(
            async (tab) =>
              (
                (await (
                  globalThis as unknown as {
                    chrome: { tabs: { sendMessage(id: number, m: unknown): Promise<{ url?: string } | undefined> } };
                  }
                ).chrome.tabs
                  .sendMessage(tab, { naqi: 1, type: 'cleanup/status', data: null })
                  .catch(() => undefined)) ?? {}
              ).url ?? '',
            tabId,
          )
          .then((url) => url.startsWith(site.bank)),
      10_000,
      "the bank page's content script did not start",
    );
    const from = site.hits.length;
    await reader.getByRole('button', { name: m('save'), exact: true }).click();
    await reader.locator('.save-status').waitFor();
    const own = site.hits.slice(from).filter((h) => h.site === 'article' && h.path.startsWith('/img/own-'));
    expect(own.filter((h) => h.origin.startsWith(site.bank.slice(0, -1)) || h.referer.startsWith(site.bank))).toEqual([]);
    // The save itself went through, with the article it read.
    const status = await reader.locator('.save-status').innerText();
    expect(status.startsWith(m('saved'))).toBe(true);
    await reader.close();
    await article.close();
  });

  it('the library lists, and deletes, records that an older version stored out of bounds', async () => {
    const library = await open(`chrome-extension://${session.extensionId}/library.html`);
    await library.locator('.library-item').first().waitFor();
    // Written straight into IndexedDB, as a version without bounds could have: a save date in
    // year 318857 and a 1-million-character title.
    const records = [
      { id: 'https://bad.test/future', title: 'مقال من المستقبل', savedAt: 1e16 },
      { id: 'https://bad.test/long', title: 'عنوان طويل جدا '.repeat(70_000), savedAt: Date.UTC(2025, 0, 1) },
    ].map((r) => ({ ...r, article: minimalArticle({ url: r.id, title: r.title }) }));
    await library.evaluate(async (records) => {
      const db = await new Promise<IDBDatabase>((ok, fail) => {
        const request = indexedDB.open('naqi-library');
        request.onsuccess = () => ok(request.result);
        request.onerror = () => fail(request.error);
      });
      const tx = db.transaction(['articles', 'entries', 'search'], 'readwrite');
      for (const r of records) {
        tx.objectStore('articles').put({
          id: r.id,
          url: r.id,
          article: r.article,
          savedAt: r.savedAt,
          firstSavedAt: r.savedAt,
          images: {},
        });
        tx.objectStore('entries').put({
          id: r.id,
          url: r.id,
          title: r.title,
          dir: 'rtl',
          lang: 'ar',
          readingMinutes: 1,
          savedAt: r.savedAt,
          imagesSaved: 0,
          imagesRemote: 0,
        });
        tx.objectStore('search').put({ id: r.id, savedAt: r.savedAt, titleText: r.title, terms: ' نص ' });
      }
      await new Promise((ok, fail) => ((tx.oncomplete = ok), (tx.onerror = () => fail(tx.error))));
      db.close();
    }, records);
    await library.reload();
    const bad = library.locator('.library-item', {
      has: library.locator('a.library-title', { hasText: /مقال من المستقبل|عنوان طويل جدا/ }),
    });
    await expect.poll(() => bad.count(), { timeout: 10_000 }).toBe(2);
    for (let left = 2; left > 0; left--) {
      await rowAction(bad.first(), m('libraryDelete'));
      await expect.poll(() => bad.count()).toBe(left - 1);
    }
    // Searching still works over what is left.
    await library.getByRole('searchbox').fill('المياه');
    await library.locator('.library-item', { hasText: ARTICLE_TITLE }).first().waitFor();
    await library.close();
  });
});
