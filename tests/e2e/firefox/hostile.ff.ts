import type { Page } from 'puppeteer-core';
import type { browser as WebExtensionApi } from 'wxt/browser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchFirefox, messages, openExtensionPage, openToolbarPopup, openUrl, tabIdOf, type FirefoxSession } from '../harness/firefox.ts';
import { poll } from '../harness/toolbar-popup.ts';
import { ARTICLE_TITLE, expectClobberedPageRead, startHostileSite, withBankCookies, type HostileSite } from '../shared/hostile-site.ts';

/**
 * Issue 12 in Firefox ESR: the same hostile article as in Chromium (hostile.e2e.ts). The
 * mechanism must hold here too: images fetched without credentials, shown from blob: URLs.
 */

declare const browser: typeof WebExtensionApi;

let ff: FirefoxSession;
let site: HostileSite;
let m: (key: string) => string;
beforeAll(async () => {
  site = await startHostileSite();
  ff = await launchFirefox({ lang: 'ar' });
  m = await messages('ar');
});
afterAll(async () => {
  await ff?.close();
  await site?.close();
});

const open = (url: string): Promise<Page> => openUrl(ff, url);

/** At least `n` images of the reading view are decoded and shown (evaluated in the page: no closure). */
const imagesShown = (n: number): boolean =>
  [...document.querySelectorAll('.reading-view img')].filter((i) => (i as HTMLImageElement).naturalWidth > 0).length >= n;

describe('hostile pages in Firefox (issue 12)', () => {
  it("the popup, the reader, the saved copy and the library send no request with the reader's Lax or Strict cookies", async () => {
    const login = await open(`${site.bank}login`);
    await login.goto(`${site.bank}account`, { waitUntil: 'load' });
    expect(site.hits.filter((h) => h.site === 'bank' && h.path === '/account').at(-1)?.cookie).toMatch(
      /lax=L1.*strict=S1|strict=S1.*lax=L1/,
    );
    await login.close();

    const from = site.hits.length;
    const article = await open(`${site.article}article/`);
    const popup = await openToolbarPopup(ff, article);
    await popup.waitFor((win) => win.document.querySelector('h1.reading-title')?.textContent);
    await popup.waitFor(
      (win) => [...win.document.querySelectorAll('.reading-view img')].filter((i) => (i as HTMLImageElement).naturalWidth > 0).length >= 2,
    );
    expect(
      await popup.evaluate((win) =>
        [...win.document.querySelectorAll('img[src]')].every((i) => /^(?:blob|data):/.test(i.getAttribute('src') ?? '')),
      ),
    ).toBe(true);
    await popup.click({ text: m('save') });
    await popup.waitFor((win) => win.document.querySelector('.save-status')?.textContent);
    await popup.close();

    const tabId = await tabIdOf(ff, article);
    const reader = await openExtensionPage(ff, `reader.html?tabId=${tabId}`);
    await poll(() => reader.evaluate(imagesShown, 2), 10_000, 'the reader shows no images');
    const library = await openExtensionPage(ff, 'library.html');
    await poll(
      () => library.evaluate((t) => [...document.querySelectorAll('.library-item')].some((r) => r.textContent?.includes(t)), ARTICLE_TITLE),
      10_000,
      'not listed',
    );
    const beforeSaved = site.hits.length;
    const saved = await openExtensionPage(ff, `reader.html?id=${encodeURIComponent(`${site.article}article/`)}`);
    await poll(() => saved.evaluate(imagesShown, 2), 10_000, 'the saved copy shows no images');
    expect(await saved.evaluate(() => document.querySelectorAll('video, audio, source, track').length)).toBe(0);
    // The saved copy plays nothing from the network (the article page itself loaded its media, as any page does).
    expect(site.hits.slice(beforeSaved).filter((h) => h.path.startsWith('/media/'))).toEqual([]);
    for (const page of [reader, library, saved, article]) await page.close();

    const bank = site.hits.slice(from).filter((h) => h.site === 'bank');
    expect(bank.length).toBeGreaterThan(3);
    expect(withBankCookies(bank)).toEqual([]);
  });

  // The build before issue 12 passes this one in Firefox too (a content script sees the page
  // through Xray wrappers, which named controls did not clobber here): a guard, not a repro.
  it('a page with forms and images named after DOM properties does not freeze its tab, and the popup reads it', async () => {
    const page = await open(`${site.article}clobbered/`);
    await expectClobberedPageRead(await openToolbarPopup(ff, page), () => page.evaluate(() => document.querySelectorAll('p').length));
    await page.close();
  });

  it('a page hears nothing of Naqi: no message and no event carries its id', async () => {
    const id = await ff.control.evaluate(() => browser.runtime.id);
    const page = await open(`${site.article}listening/?id=${encodeURIComponent(id)}`);
    const popup = await openToolbarPopup(ff, page);
    await popup.waitFor((win) => win.document.querySelector('h1.reading-title')?.textContent);
    await popup.close();
    expect(await page.evaluate(() => (window as unknown as { __heard: string[] }).__heard)).toEqual([]);
    await page.close();
  });
});
