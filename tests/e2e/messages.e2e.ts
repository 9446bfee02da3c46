import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isVisible, launchExtension, openFixture, serviceWorker, tabIdOf, type ExtensionSession } from './harness/browser.ts';

/**
 * Issue #6, messages: the background and the content script act only on the typed messages
 * of the extension's own contexts. A page cannot drive them with postMessage, DOM events or
 * runtime messaging (there is no externally_connectable), and an extension page is not a
 * content script.
 */

const CLUTTER = ['ادعم عنب بلدي', 'مقالات متعلقة', 'واتساب'];

let session: ExtensionSession;
beforeAll(async () => {
  session = await launchExtension();
});
afterAll(async () => session?.close());

type BadgeApi = { chrome: { action: { getBadgeText(d: { tabId: number }): Promise<string> } } };
async function badgeOf(tabId: number): Promise<string> {
  const worker = await serviceWorker(session.context, session.extensionId);
  return worker.evaluate((id) => (globalThis as unknown as BadgeApi).chrome.action.getBadgeText({ tabId: id }), tabId);
}

const hiddenCount = (page: Page): Promise<number> => page.evaluate(() => document.querySelectorAll('[data-naqi-hidden]').length);

/** Everything a page can try from its own scripts, with messages shaped like the extension's. */
function attack(page: Page, extensionId: string): Promise<{ runtime: string }> {
  return page.evaluate(async (id) => {
    const types = ['cleanup/restore', 'cleanup/sync', 'cleanup/apply', 'badge/count', 'reader/article'];
    const envelopes = types.map((type) => ({ naqi: 1, type, data: type === 'badge/count' ? { count: 0 } : null }));
    for (const m of envelopes) {
      window.postMessage(m, '*');
      window.postMessage(JSON.stringify(m), '*');
      for (const target of [window, document, document.documentElement]) {
        target.dispatchEvent(new CustomEvent(m.type, { detail: m, bubbles: true }));
        target.dispatchEvent(new CustomEvent('naqi', { detail: m, bubbles: true }));
        target.dispatchEvent(new MessageEvent('message', { data: m }));
      }
    }
    // WXT's "a newer copy of this content script started" event, as a page would forge it.
    for (const name of ['wxt:content-script-started', `${id}:article:wxt:content-script-started`]) {
      document.dispatchEvent(new CustomEvent(name, { detail: { contentScriptName: 'article', messageId: 'page' } }));
      window.postMessage({ type: name, contentScriptName: 'article', messageId: 'page' }, '*');
    }
    // Runtime messaging needs externally_connectable, which the extension does not declare.
    const chrome = (globalThis as unknown as { chrome?: { runtime?: { sendMessage?: (...a: unknown[]) => Promise<unknown> } } }).chrome;
    let runtime = 'unavailable';
    if (chrome?.runtime?.sendMessage) {
      runtime = await Promise.all(envelopes.map((m) => chrome.runtime?.sendMessage?.(id, m)))
        .then(() => 'delivered')
        .catch((e: unknown) => `refused: ${String(e).slice(0, 60)}`);
    }
    await new Promise((r) => setTimeout(r, 500));
    return { runtime };
  }, extensionId);
}

describe('messages from a page', () => {
  it('postMessage, DOM events and runtime messages from a page change nothing: the page stays cleaned, the badge unchanged', async () => {
    const page = await openFixture(session.context, 'ar-enabbaladi-seed');
    await page.waitForFunction(() => document.querySelector('[data-naqi-hidden]') !== null);
    const tabId = await tabIdOf(session.context, session.extensionId, page);
    const hidden = await hiddenCount(page);
    await expect.poll(() => badgeOf(tabId)).toBe(String(hidden));

    const { runtime } = await attack(page, session.extensionId);
    expect(runtime).toBe('unavailable');
    expect(await hiddenCount(page)).toBe(hidden);
    for (const text of CLUTTER) expect(await isVisible(page, { text }), text).toBe(false);
    expect(await badgeOf(tabId)).toBe(String(hidden));

    // The content script still answers the extension, and still knows what it hid: "restore
    // all" from the extension brings the clutter back (a page-killed copy could not).
    const status = await page.context().newPage();
    await status.goto(`chrome-extension://${session.extensionId}/popup.html?tabId=${tabId}`);
    await status.evaluate(
      (id) =>
        (globalThis as unknown as { chrome: { tabs: { sendMessage(t: number, m: unknown): Promise<unknown> } } }).chrome.tabs.sendMessage(
          id,
          { naqi: 1, type: 'cleanup/restore', data: null },
        ),
      tabId,
    );
    expect(await hiddenCount(page)).toBe(0);
    expect(await isVisible(page, { text: CLUTTER[0] ?? '' })).toBe(true);
    await status.close();
    await page.close();
  });

  it('the background takes badge counts only from a content script, not from an extension page', async () => {
    const page = await session.context.newPage();
    await page.goto(`chrome-extension://${session.extensionId}/library.html`);
    const tabId = await tabIdOf(session.context, session.extensionId, page);
    await page.evaluate(() =>
      (globalThis as unknown as { chrome: { runtime: { sendMessage(m: unknown): Promise<unknown> } } }).chrome.runtime
        .sendMessage({ naqi: 1, type: 'badge/count', data: { count: 99 } })
        .catch(() => undefined),
    );
    await page.waitForTimeout(300);
    expect(await badgeOf(tabId)).toBe('');
    await page.close();
  });
});
