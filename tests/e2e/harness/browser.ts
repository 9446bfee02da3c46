import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { inject } from 'vitest';
import { SCREENSHOTS_DIR } from '../../../scripts/lib/paths.ts';
import { isRendered } from '../shared/page-checks.ts';
import { serviceWorker, tabIdOf, type ExtensionSession } from '../../../scripts/lib/chromium.ts';
import type { CleanupStatus } from '../../../utils/browser/messaging.ts';
import { messagesOf } from './messages.ts';

/** The browser tests' Chromium: launching and the worker come from scripts/lib/chromium.ts. */
export {
  launchExtension,
  serviceWorker,
  stopServiceWorker,
  tabIdOf,
  type ExtensionSession,
  type LaunchOptions,
} from '../../../scripts/lib/chromium.ts';

/** Opens `url` in a new tab and waits for `load`. */
export async function openUrl(context: BrowserContext, url: string): Promise<Page> {
  const page = await context.newPage();
  await page.goto(url, { waitUntil: 'load' });
  return page;
}

/**
 * Opens `tests/fixtures/pages/<slug>/source.html` from the fixture server and waits for `load`.
 * `query` is appended as is, e.g. '?delay=2000' to have the server hold the page back 2 s.
 */
export async function openFixture(context: BrowserContext, slug: string, query = ''): Promise<Page> {
  return openUrl(context, `${inject('fixtureBaseUrl')}${encodeURIComponent(slug)}/${query}`);
}

/**
 * Opens the popup as a tab, bound to `tabId`. Opened this way it has no "current tab" of its
 * own to act on (the active tab is the popup itself), hence the query parameter.
 */
export async function openPopup(context: BrowserContext, extensionId: string, tabId: number): Promise<Page> {
  const page = await context.newPage();
  await page.setViewportSize({ width: 720, height: 600 }); // the popup's own width (body 720px); Chrome caps popups at 800 × 600
  await page.goto(`chrome-extension://${extensionId}/popup.html?tabId=${tabId}`, { waitUntil: 'load' });
  // Preact renders after the module script runs; wait for any text rather than a component.
  await page.waitForFunction(() => document.body.innerText.trim().length > 0);
  return page;
}

/** The popup, as a tab, bound to the tab that shows `page`. */
export async function popupFor(session: ExtensionSession, page: Page): Promise<Page> {
  return openPopup(session.context, session.extensionId, await tabIdOf(session.context, session.extensionId, page));
}

/** Clicks Save once the reading view is shown and waits for its status; returns the popup's messages. */
export async function saveFromPopup(popup: Page): Promise<(key: string) => string> {
  const m = await messagesOf(popup);
  await popup.locator('article.reading-view').waitFor();
  await popup.getByRole('button', { name: m('save'), exact: true }).click();
  await popup.locator('.save-status').waitFor();
  return m;
}

/** The page's rendered text (`innerText`: no hidden elements), whitespace runs collapsed. */
export async function visibleText(page: Page): Promise<string> {
  return page.evaluate(() => document.body.innerText.replace(/\s+/g, ' ').trim());
}

/** Whether an element (by selector, or the innermost holding `text`) is rendered: see isRendered. */
export async function isVisible(page: Page, target: string | { text: string }): Promise<boolean> {
  return page.evaluate(isRendered, target);
}

/** Saves a viewport screenshot to tests/e2e/screenshots/<name>.png and returns the path. */
export async function screenshot(page: Page, name: string, options: { fullPage?: boolean } = {}): Promise<string> {
  const path = join(SCREENSHOTS_DIR, `${name.replace(/\.png$/, '').replace(/[^\w.-]+/g, '-')}.png`);
  await mkdir(SCREENSHOTS_DIR, { recursive: true });
  await page.screenshot({ path, fullPage: options.fullPage ?? false });
  return path;
}

type ChromeTabs = typeof globalThis & { chrome: { tabs: { sendMessage(id: number, m: unknown): Promise<unknown> } } };

/**
 * The content script's own account of the tab that shows `page`; undefined until it listens.
 * Once it answers, it has decided whether the page is an article and whether to clean it.
 */
export async function cleanupStatusOf(session: ExtensionSession, page: Page): Promise<CleanupStatus | undefined> {
  const tabId = await tabIdOf(session.context, session.extensionId, page);
  const worker = await serviceWorker(session.context, session.extensionId);
  return worker
    .evaluate(
      async (id) =>
        (await (globalThis as ChromeTabs).chrome.tabs.sendMessage(id, { naqi: 1, type: 'cleanup/status', data: null })) as CleanupStatus,
      tabId,
    )
    .catch(() => undefined);
}

/** The reading view's images (`selector`): the start of each address and the width it decoded to. */
export async function shownImages(reader: Page, selector = 'article.reading-view img'): Promise<{ src: string; w: number }[]> {
  return reader
    .locator(selector)
    .evaluateAll((imgs) => imgs.map((i) => ({ src: (i as HTMLImageElement).src.slice(0, 22), w: (i as HTMLImageElement).naturalWidth })));
}
