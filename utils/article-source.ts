import { browser } from '#imports';
import type { Article } from './article/types.ts';
import type { MessageKey } from './i18n.ts';
import { sendToTab, type ArticleResult } from './messaging.ts';
import { isRestrictedUrl } from './tabs.ts';

/** What an extension page can show for a tab: the article, or why not and what to do next. */
export type ArticleState =
  | { kind: 'loading' }
  | { kind: 'ready'; article: Article }
  | { kind: 'not-article' }
  | { kind: 'restricted' }
  | { kind: 'error'; message: MessageKey; detail?: string };

const REASON_KEYS: Record<Extract<ArticleResult, { ok: false }>['reason'], MessageKey> = {
  'not-article': 'readerErrorNotArticle',
  'no-text': 'readerErrorNoText',
  error: 'readerError',
};

/**
 * Asks the tab's content script for its article. Where the content script is not there
 * (a tab opened before Naqi was installed), injects it once with `scripting` — allowed by
 * `activeTab` after the reader clicked the toolbar icon — and asks again.
 */
export async function requestArticle(tabId: number, url: string | undefined, force: boolean): Promise<ArticleState> {
  if (isRestrictedUrl(url)) return { kind: 'restricted' };
  let result = await sendToTab(tabId, 'reader/article', { force }).catch(() => undefined);
  if (!result) {
    const injected = await browser.scripting
      .executeScript({ target: { tabId }, files: ['/content-scripts/article.js'] })
      .then(() => true)
      .catch(() => false);
    if (!injected) return { kind: 'restricted' };
    result = await sendToTab(tabId, 'reader/article', { force }).catch(() => undefined);
  }
  if (!result) return { kind: 'error', message: 'readerErrorUnreachable' };
  if (result.ok) return { kind: 'ready', article: result.article };
  if (result.reason === 'not-article') return { kind: 'not-article' };
  return { kind: 'error', message: REASON_KEYS[result.reason], ...(result.message ? { detail: result.message } : {}) };
}
