import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import {
  cleanupStatusOf,
  isVisible,
  launchExtension,
  openFixture,
  openPopup,
  screenshot,
  serviceWorker,
  tabIdOf,
  type ExtensionSession,
} from './harness/browser.ts';
import { messagesOf } from './harness/messages.ts';
import { FIXTURES_DIR } from '../../scripts/lib/paths.ts';
import { scrolls as scrollsInPage } from './shared/page-checks.ts';
import { SEED_CLUTTER, SEED_TEXT } from './shared/seed.ts';

/** What a reader sees on load: the clutter of an article page is gone, the text is not, the page scrolls. */

const lateClutter = JSON.parse(readFileSync(join(FIXTURES_DIR, 'ar-late-clutter', 'expected.json'), 'utf8')) as {
  mustNotContain: string[];
};

let session: ExtensionSession;
beforeAll(async () => {
  session = await launchExtension();
});
afterAll(async () => session?.close());

const scrolls = (page: Page): Promise<boolean> => page.evaluate(scrollsInPage);

const hiddenCount = (page: Page): Promise<number> => page.evaluate(() => document.querySelectorAll('[data-naqi-hidden]').length);

describe('cleanup on load', () => {
  it('hides the seed page clutter, keeps the text, gives scrolling back, and counts it on the badge', async () => {
    const page = await openFixture(session.context, 'ar-enabbaladi-seed');
    await page.waitForFunction(() => document.querySelector('[data-naqi-hidden]') !== null);
    for (const text of SEED_CLUTTER) expect(await isVisible(page, { text }), text).toBe(false);
    expect(await isVisible(page, { text: SEED_TEXT })).toBe(true);
    expect(await isVisible(page, { text: 'تمركز القوات الأمريكية في قرية الغنامة' })).toBe(true);
    await screenshot(page, 'seed-cleaned');
    expect(await scrolls(page)).toBe(true);

    const tabId = await tabIdOf(session.context, session.extensionId, page);
    const worker = await serviceWorker(session.context, session.extensionId);
    const badge = await worker.evaluate(
      (id) =>
        (
          globalThis as unknown as { chrome: { action: { getBadgeText(d: { tabId: number }): Promise<string> } } }
        ).chrome.action.getBadgeText({ tabId: id }),
      tabId,
    );
    expect(Number(badge)).toBe(await hiddenCount(page));
    await page.close();
  });

  it('catches a donation modal and a related block that arrive after load', async () => {
    const page = await openFixture(session.context, 'ar-late-clutter');
    // The page adds its related block at 0.5 s and its modal (locking scroll) at 1.5 s.
    await page.waitForFunction(() => document.documentElement.classList.contains('modal-open'));
    // Each injected string is on the page, and none is visible once the observer has seen it.
    for (const text of lateClutter.mustNotContain) {
      expect(await page.evaluate((t) => document.body.textContent?.replace(/\s+/g, ' ').includes(t), text), text).toBe(true);
      await expect.poll(() => isVisible(page, { text }), { message: text }).toBe(false);
    }
    await expect.poll(() => scrolls(page)).toBe(true);
    await page.close();
  });

  it('leaves a home page untouched', async () => {
    const page = await session.context.newPage();
    await page.addInitScript(() =>
      document.addEventListener('DOMContentLoaded', () => {
        (window as unknown as { before: string }).before = document.body.innerText;
      }),
    );
    await page.goto(`${inject('fixtureBaseUrl')}ar-home-page/`, { waitUntil: 'load' });
    // Once the content script answers, it has decided: not an article.
    await expect.poll(async () => (await cleanupStatusOf(session, page))?.isArticle).toBe(false);
    expect(await hiddenCount(page)).toBe(0);
    const [before, after] = await page.evaluate(() => [(window as unknown as { before: string }).before, document.body.innerText]);
    expect(after).toBe(before);
  });
});

describe('the popup', () => {
  it('lists what was removed, restores all, and leaves a site alone after "don\'t clean this site"', async () => {
    const page = await openFixture(session.context, 'ar-enabbaladi-seed');
    await page.waitForFunction(() => document.querySelector('[data-naqi-hidden]') !== null);
    const tabId = await tabIdOf(session.context, session.extensionId, page);
    const popup = await openPopup(session.context, session.extensionId, tabId);
    const m = await messagesOf(popup);
    // The reading view leads; what was cleaned is folded below it.
    await popup.locator('.cleanup-details > summary').click();
    await popup.locator('.cleanup-summary').waitFor();
    expect(await popup.locator('.cleanup-list li').count()).toBe(await hiddenCount(page));

    await popup.getByRole('button', { name: m('restoreAll') }).click();
    await page.waitForFunction(() => document.querySelector('[data-naqi-hidden]') === null);
    // It says what it did, not "nothing worth hiding" (issue 14).
    await expect.poll(() => popup.locator('.cleanup-summary').innerText()).toBe(m('cleanupRestored'));
    expect(await isVisible(page, { text: 'ادعم عنب بلدي' })).toBe(true);
    await page.bringToFront();
    await screenshot(page, 'seed-restored');

    // Closed and opened again, the popup still says so: the page remembers (its content script).
    await popup.reload();
    await popup.locator('.cleanup-details > summary').click();
    await expect.poll(() => popup.locator('.cleanup-summary').innerText()).toBe(m('cleanupRestored'));
    await popup.getByRole('button', { name: m('disableSite') }).click();
    await expect.poll(() => popup.locator('.cleanup-summary').innerText()).toBe(m('cleanupSiteOff'));
    await page.reload({ waitUntil: 'load' });
    await expect.poll(async () => (await cleanupStatusOf(session, page))?.enabled).toBe(false);
    expect(await hiddenCount(page)).toBe(0);
    expect(await isVisible(page, { text: 'مقالات متعلقة' })).toBe(true);

    // And back on: the next load is cleaned again.
    await popup.reload();
    await popup.locator('.cleanup-details > summary').click();
    await popup.getByRole('button', { name: m('enableSite') }).click();
    await page.reload({ waitUntil: 'load' });
    await page.waitForFunction(() => document.querySelector('[data-naqi-hidden]') !== null);
    await popup.close();
    await page.close();
  });
});
