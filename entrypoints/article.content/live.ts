import type { ContentScriptContext } from '#imports';
import { isArticleCandidate } from '@/utils/article/candidate';
import { onMessage, sendToBackground, type CleanupStatus } from '@/utils/browser/messaging';
import { cleanupSettings, isSiteEnabled } from '@/utils/browser/storage';
import type { LivePage } from '@/utils/live/page';
import { loadStage } from './stages';
import { quietly } from '../../utils/browser/quietly.ts';

/** Whether the page is an article, as far as the content script has decided. */
export interface Verdict {
  isArticle(): Promise<boolean>;
}

/**
 * Live cleanup: a cheap look decides whether the page could be an article; only then is the
 * cleanup stage loaded, the page detected and, when the site's setting allows, cleaned and
 * watched. Follows the settings, and answers the popup's cleanup messages.
 */
export function startLiveCleanup(ctx: ContentScriptContext): Verdict {
  let live: Promise<LivePage> | undefined;
  const loadLive = (): Promise<LivePage> =>
    (live ??= loadStage('live').then(({ createLivePage }) => createLivePage(document, window, location.href, ctx.signal, reportBadge)));
  const reportBadge = (): void => {
    void live?.then((page) => sendToBackground('badge/count', { count: page.removed.length })).catch(quietly(undefined, 'badge/count'));
  };
  // The page's cleanup, once loaded; undefined where it is not (not a candidate, or its stage failed to load).
  const loaded = async (): Promise<LivePage | undefined> => (live ? await live.catch(quietly(undefined, 'live')) : undefined);
  const enabledHere = async (): Promise<boolean> => isSiteEnabled(await cleanupSettings.getValue(), location.hostname);

  const candidate = isArticleCandidate(document);
  let enabled: boolean | undefined;
  // "Show everything" on this page, until it is cleaned again: the popup asks on every open.
  let restored = false;
  if (candidate) {
    void loadLive()
      .then(async (page) => {
        if (!page.isArticle) return;
        enabled = await enabledHere();
        if (enabled) await page.start();
        // Settings changed in the popup (or in another tab of this site): follow them.
        ctx.onInvalidated(cleanupSettings.watch(() => void sync()));
      })
      .catch(quietly(undefined, 'live'));
  }

  const status = async (): Promise<CleanupStatus> => {
    const page = await loaded();
    enabled ??= await enabledHere();
    return {
      url: location.href,
      isArticle: page?.isArticle ?? false,
      enabled,
      removed: page?.removed ?? [],
      ...(page?.watchStopped ? { watchStopped: page.watchStopped } : {}),
      ...(restored ? { restored } : {}),
    };
  };
  const sync = async (): Promise<CleanupStatus> => {
    const now = await enabledHere();
    const page = await loaded();
    if (page?.isArticle && now !== enabled) {
      if (now) await page.start();
      else page.restore();
      restored = false;
    }
    enabled = now;
    return status();
  };
  ctx.onInvalidated(onMessage('cleanup/sync', sync));
  ctx.onInvalidated(onMessage('cleanup/status', status));
  ctx.onInvalidated(
    onMessage('cleanup/restore', async () => {
      (await loaded())?.restore();
      restored = true;
      return status();
    }),
  );
  ctx.onInvalidated(
    onMessage('cleanup/apply', async () => {
      (await loadLive()).apply();
      restored = false;
      return status();
    }),
  );
  return { isArticle: async () => (candidate ? ((await loadLive().catch(quietly(undefined, 'live')))?.isArticle ?? false) : false) };
}
