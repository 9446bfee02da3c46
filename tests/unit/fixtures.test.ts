import { describe, expect, it } from 'vitest';
import { detectArticle, extractArticle } from '../../utils/article/index.ts';
import { flat, listFixtures, loadFixture } from './helpers/fixtures.ts';

/**
 * The golden corpus: every fixture page, its verdict, direction, language, title, byline,
 * lead image, date, body snippets kept and clutter snippets left out of the reading view.
 */
describe.each(listFixtures())('%s', (slug) => {
  it('matches its expected reading view', () => {
    const { doc, expected } = loadFixture(slug);
    const problems: string[] = [];
    const verdict = detectArticle(doc, expected.url);
    if (verdict.isArticle !== expected.isArticle) {
      problems.push(`isArticle ${verdict.isArticle}, expected ${expected.isArticle} (score ${verdict.score}: ${verdict.signals.map((s) => `${s.name}${s.weight > 0 ? '+' : ''}${s.weight}`).join(' ')})`);
    }
    if (expected.isArticle) {
      const article = extractArticle(doc, expected.url);
      if (!article) {
        problems.push('no article extracted');
      } else {
        const view = flat([article.title, article.leadImage?.caption ?? '', article.textContent].join('\n'));
        for (const s of expected.mustContain) if (!view.includes(flat(s))) problems.push(`missing: ${s.slice(0, 70)}`);
        for (const s of expected.mustNotContain) if (view.includes(flat(s))) problems.push(`leaked: ${s.slice(0, 70)}`);
        if (article.dir !== expected.dir) problems.push(`dir ${article.dir}, expected ${expected.dir}`);
        if (article.lang !== expected.lang) problems.push(`lang ${article.lang}, expected ${expected.lang}`);
        if (expected.title && flat(article.title) !== flat(expected.title)) problems.push(`title «${article.title}», expected «${expected.title}»`);
        if (expected.byline !== undefined && flat(article.byline ?? '') !== flat(expected.byline ?? '')) {
          problems.push(`byline «${article.byline ?? 'none'}», expected «${expected.byline ?? 'none'}»`);
        }
        const lead = article.leadImage?.src;
        if (expected.leadImage === null && lead !== undefined) problems.push(`lead image ${lead}, expected none`);
        if (typeof expected.leadImage === 'string' && !lead?.includes(expected.leadImage)) {
          problems.push(`lead image ${lead ?? 'none'}, expected one with «${expected.leadImage}»`);
        }
        if (expected.published && article.publishedTime?.slice(0, 10) !== expected.published) {
          problems.push(`published ${article.publishedTime ?? 'none'}, expected ${expected.published}`);
        }
      }
    }
    // One line per missing or leaked snippet, never two whole pages.
    if (problems.length > 0) throw new Error(`${slug}:\n  - ${problems.join('\n  - ')}`);
    expect(problems).toEqual([]);
  });
});
