import type { ContentScriptContext } from '#imports';
import { onMessage, type ArticleResult } from '@/utils/browser/messaging';
import type { Verdict } from './live';
import { loadStage } from './stages';

/**
 * The article for the popup and the reader, extracted when they ask (not at idle: most pages
 * are never read), with the extraction stage loaded then. Kept once read, for a second look.
 */
export function startArticleOnDemand(ctx: ContentScriptContext, verdict: Verdict): void {
  let read: Promise<ArticleResult> | undefined;
  const extract = async (): Promise<ArticleResult> => {
    try {
      const { extractArticle } = await loadStage('extract');
      const article = extractArticle(document, location.href);
      return article ? { ok: true, article } : { ok: false, reason: 'no-text' };
    } catch (error) {
      read = undefined; // an extension update mid-read: the next ask tries again
      return { ok: false, reason: 'error', message: error instanceof Error ? error.message : String(error) };
    }
  };
  ctx.onInvalidated(
    onMessage('reader/article', async ({ force }): Promise<ArticleResult> => {
      if (!force && !(await verdict.isArticle())) return { ok: false, reason: 'not-article' };
      return (read ??= extract());
    }),
  );
}
