import './style.css';
import { defineContentScript, type ContentScriptContext } from '#imports';
import { isClobbered } from '@/utils/article/clobbering';
import { detectArticle } from '@/utils/article/detect';
import { extractArticle } from '@/utils/article/extract';
import { findMainBlock } from '@/utils/article/main-text';
import { LiveCleanup } from '@/utils/live/cleanup';
import { watchLateClutter } from '@/utils/live/late-clutter';
import { showToast } from '@/utils/live/toast';
import { bytesToBase64 } from '@/utils/library/base64';
import { fetchImages, isSameOrigin } from '@/utils/library/images';
import {
  ignoreForgedRestarts,
  onMessage,
  silenceStartAnnouncement,
  sendToBackground,
  type CleanupStatus,
  type ArticleResult,
} from '@/utils/browser/messaging';
import { cleanupSettings, isSiteEnabled } from '@/utils/browser/storage';

// WXT creates the script's context (which announces it on the page) after this module loads
// and before main runs: silence the announcement here, where the page never sees it.
const unsilence = typeof document === 'undefined' ? () => undefined : silenceStartAnnouncement(document);

// detect → plan → apply, then a bounded watch for late clutter; answers the popup.
export default defineContentScript({
  matches: ['http://*/*', 'https://*/*'],
  runAt: 'document_idle',
  // No window.postMessage carrying the extension id to every script of the page (issue 12).
  noScriptStartedPostMessage: true,
  main(ctx) {
    unsilence();
    ignoreForgedRestarts('article');
    // Whatever happens (a page that broke the DOM APIs, an extension update mid-load), never
    // throw into the page's console.
    return run(ctx).catch(() => undefined);
  },
});

async function run(ctx: ContentScriptContext): Promise<void> {
  const t0 = performance.now();
  // A page whose forms or images are named after DOM properties is read from a copy, and not cleaned.
  const clobbered = isClobbered(document);
  const main = document.body && !clobbered ? findMainBlock(document.body) : undefined;
  const verdict = detectArticle(document, location.href, main ? { main } : {});
  const timings: CleanupStatus['timings'] = { detectMs: performance.now() - t0, planApplyMs: 0, observerMs: 0, observerBatches: 0 };
  let enabled = isSiteEnabled(await cleanupSettings.getValue(), location.hostname);
  const cleanup = new LiveCleanup(document, window, main?.element ?? null);
  let late: ReturnType<typeof watchLateClutter> | undefined;

  const status = (): CleanupStatus => {
    if (late) Object.assign(timings, { observerMs: late.callbackMs, observerBatches: late.batches, observerStopped: late.stoppedBecause });
    return { url: location.href, isArticle: verdict.isArticle, enabled, removed: cleanup.removed, timings: { ...timings } };
  };
  const reportBadge = (): void => void sendToBackground('badge/count', { count: cleanup.removed.length }).catch(() => undefined);
  const clean = (): void => {
    const t1 = performance.now();
    cleanup.apply();
    timings.planApplyMs = performance.now() - t1;
    reportBadge();
  };

  const start = (): void => {
    clean();
    late ??= watchLateClutter(document, window, (roots) => cleanup.apply(roots).length > 0 && reportBadge(), ctx.signal);
  };
  if (verdict.isArticle && enabled) start();

  // Settings changed in the popup (or in another tab of this site): follow them.
  const sync = async (): Promise<CleanupStatus> => {
    const now = isSiteEnabled(await cleanupSettings.getValue(), location.hostname);
    if (now !== enabled && verdict.isArticle) {
      if (now) start();
      else {
        cleanup.restore();
        reportBadge();
      }
    }
    enabled = now;
    return status();
  };
  ctx.onInvalidated(cleanupSettings.watch(() => void sync()));
  ctx.onInvalidated(onMessage('cleanup/sync', sync));
  ctx.onInvalidated(onMessage('cleanup/status', status));
  ctx.onInvalidated(onMessage('cleanup/restore', () => (cleanup.restore(), reportBadge(), status())));
  ctx.onInvalidated(onMessage('cleanup/apply', () => (clean(), status())));
  // The reading view is prepared when the page is idle, so the popup paints at once.
  let prepared: ArticleResult | undefined;
  const prepare = (): ArticleResult => {
    try {
      const article = extractArticle(document, location.href);
      return article ? { ok: true, article } : { ok: false, reason: 'no-text' };
    } catch (error) {
      return { ok: false, reason: 'error', message: error instanceof Error ? error.message : String(error) };
    }
  };
  // Saving: the images the background may not fetch, fetched as the page can (its own, CORS).
  ctx.onInvalidated(
    onMessage('page/images', async ({ srcs, articleUrl }) => {
      // This tab may show another site since the article was read (a reader tab left open): never fetch for it.
      if (!isSameOrigin(articleUrl, location.href)) return { images: {}, failed: srcs };
      const { images, failed } = await fetchImages(srcs, (src, init) => fetch(src, init));
      return {
        images: Object.fromEntries(
          Object.entries(images).map(([src, image]) => [src, { type: image.type, data: bytesToBase64(image.bytes) }]),
        ),
        failed,
      };
    }),
  );
  ctx.onInvalidated(onMessage('page/toast', ({ text }) => (showToast(document, text), null)));
  if (verdict.isArticle) ctx.requestIdleCallback(() => (prepared ??= prepare()), { timeout: 5000 });
  ctx.onInvalidated(
    onMessage('reader/article', ({ force }): ArticleResult => {
      if (!verdict.isArticle && !force) return { ok: false, reason: 'not-article' };
      return (prepared ??= prepare());
    }),
  );
}
