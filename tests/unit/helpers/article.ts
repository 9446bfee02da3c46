import type { Article } from '../../../utils/article/types.ts';

/** The smallest valid Article: one Arabic paragraph; `over` sets what a test is about. */
export function minimalArticle(over: Partial<Article> = {}): Article {
  return {
    url: 'https://news.test/a/1',
    title: 'عنوان',
    lang: 'ar',
    dir: 'rtl',
    contentHtml: '<p>نص</p>',
    textContent: 'نص',
    wordCount: 1,
    readingMinutes: 1,
    removed: [],
    ...over,
  };
}
