import { browser } from '#imports';
import type { MessageKey } from '../reader/locale.ts';
import type { ArticleState } from '../reader/state.ts';
import { sendToTab, type ArticleResult } from './messaging.ts';
import { isRestrictedUrl } from './tabs.ts';
import { quietly } from './quietly.ts';

const REASON_KEYS: Record<Extract<ArticleResult, { ok: false }>['reason'], MessageKey> = {
  'not-article': 'readerErrorNotArticle',
  'no-text': 'readerErrorNoText',
  error: 'readerError',
};

/** How long a reader waits for a page that is still loading before Naqi tries to read what is there. */
const LOADING_WAIT_MS = 20_000;
/** Once the page has loaded, how long its content script may take to answer (it starts at document_idle). */
const STARTING_WAIT_MS = { afterLoading: 3_000, alreadyLoaded: 300 };

/**
 * Whether Naqi may run script in the tab. Chrome refuses the browser's own pages with an
 * error; Firefox resolves without running anything (a null result), so a script that answers
 * is the only proof.
 */
async function canScript(tabId: number): Promise<boolean> {
  const results = await browser.scripting
    .executeScript({ target: { tabId }, func: () => true })
    .catch(quietly(undefined, 'scripting.executeScript'));
  return results?.[0]?.result === true;
}

/**
 * Asks the tab's content script for its article. A page still loading is waited for (a
 * reader often clicks the icon while a slow article loads): its content script starts when
 * the page is idle, and injecting a second copy would clean the page twice. Where the content
 * script is not there at all (a tab opened before Naqi was installed), injects it once with
 * `scripting` — allowed by `activeTab` after the reader clicked the toolbar icon — and asks again.
 */
export async function requestArticle(tabId: number, url: string | undefined, force: boolean): Promise<ArticleState> {
  if (isRestrictedUrl(url)) return { kind: 'restricted' };
  const ask = (): Promise<ArticleResult | undefined> =>
    sendToTab(tabId, 'reader/article', { force }).catch(quietly(undefined, 'reader/article'));
  let result = await ask();
  let wasLoading = false;
  let loadedAt: number | undefined;
  for (const deadline = Date.now() + LOADING_WAIT_MS; !result && Date.now() < deadline;) {
    const loading = (await browser.tabs.get(tabId).catch(quietly(undefined, 'tabs.get')))?.status === 'loading';
    if (loading) wasLoading = true;
    else if (Date.now() - (loadedAt ??= Date.now()) > STARTING_WAIT_MS[wasLoading ? 'afterLoading' : 'alreadyLoaded']) break;
    await new Promise((r) => setTimeout(r, 100));
    result = await ask();
  }
  if (!result) {
    if (!(await canScript(tabId))) return { kind: 'restricted' };
    await browser.scripting
      .executeScript({ target: { tabId }, files: ['/content-scripts/article.js'] })
      .catch(quietly(undefined, 'scripting.executeScript'));
    result = await sendToTab(tabId, 'reader/article', { force }).catch(quietly(undefined, 'reader/article'));
  }
  if (!result) return { kind: 'error', message: 'readerErrorUnreachable' };
  if (result.ok) return { kind: 'ready', article: result.article };
  if (result.reason === 'not-article') return { kind: 'not-article' };
  return { kind: 'error', message: REASON_KEYS[result.reason], ...(result.message ? { detail: result.message } : {}) };
}
