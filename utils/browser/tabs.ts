import { browser } from '#imports';
import { readerQuery, type ReaderTarget } from '../reader/reader-url.ts';
import { quietly } from './quietly.ts';

/**
 * The tab the popup acts on: `?tabId=N` when given (tests, the full-tab reader), else the
 * active tab of the current window.
 */
export async function targetTab(search: string): Promise<{ id: number; url?: string } | undefined> {
  const fromQuery = Number(new URLSearchParams(search).get('tabId'));
  if (Number.isInteger(fromQuery) && fromQuery > 0) {
    const tab = await browser.tabs.get(fromQuery).catch(quietly(undefined, 'tabs.get'));
    return tab?.id !== undefined ? { id: tab.id, ...(tab.url ? { url: tab.url } : {}) } : undefined;
  }
  const [tab] = await browser.tabs.query({ active: true, currentWindow: true });
  return tab?.id !== undefined ? { id: tab.id, ...(tab.url ? { url: tab.url } : {}) } : undefined;
}

/** Pages no extension may script: the browser's own, the web stores, the PDF viewer, files. */
export function isRestrictedUrl(url: string | undefined): boolean {
  if (!url) return false;
  return (
    !/^https?:/i.test(url) ||
    /^https:\/\/(chrome\.google\.com\/webstore|chromewebstore\.google\.com|addons\.mozilla\.org|microsoftedge\.microsoft\.com\/addons)/i.test(
      url,
    ) ||
    /\.pdf(?:[?#]|$)/i.test(url)
  );
}

/** The full-tab reader's absolute address for a tab's article or a saved one. */
export function readerUrl(target: ReaderTarget): string {
  return browser.runtime.getURL(`/reader.html?${readerQuery(target)}`);
}
