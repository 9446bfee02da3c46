import { requestArticle } from '@/utils/browser/article-source';
import { targetTab } from '@/utils/browser/tabs';
import type { ArticleState } from '@/utils/reader/state';

type Tab = { id: number; url?: string };

/**
 * The popup's first ask for the article, sent the moment its script starts, before Preact
 * mounts: the page extracts while the popup renders (issue 15: the mount and the first effect
 * took 20–45 ms of the time to paint). App takes it up once; a retry asks anew.
 */
let first: { tab: Promise<Tab | undefined>; article: Promise<ArticleState | undefined> } | undefined;

export function startFirstLoad(search: string): void {
  performance.mark('naqi:script-started');
  const tab = targetTab(search);
  const article = tab.then((current) => (current ? requestArticle(current.id, current.url, false) : undefined));
  // For bench:live: where the time to paint goes (the popup starting, the page extracting, the render).
  void article.then(() => performance.mark('naqi:article-received'));
  first = { tab, article };
}

/** The tab and the article asked for at start (then forgotten), or a fresh ask for the tab. */
export function takeFirstLoad(search: string): { tab: Promise<Tab | undefined>; article?: Promise<ArticleState | undefined> } {
  const taken = first ?? { tab: targetTab(search) };
  first = undefined;
  return taken;
}
