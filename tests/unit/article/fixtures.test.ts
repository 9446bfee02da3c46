import { describe, expect, it } from 'vitest';
import { JSDOM, VirtualConsole } from 'jsdom';
import { detectArticle, extractArticle } from '../../../utils/article/index.ts';
import { HIDDEN_ATTR, LiveCleanup } from '../../../utils/live/cleanup.ts';
import { flat, listFixtures, loadFixture } from '../helpers/fixtures.ts';
import { judgeSnippets, readingViewText } from '../../../scripts/lib/expected.ts';

/**
 * The golden corpus: every fixture page, its verdict, direction, language, title, byline,
 * lead image, date, body snippets kept and clutter snippets left out of the reading view.
 */
describe.each(listFixtures())('%s', (slug) => {
  it('matches its expected reading view', () => {
    const { doc, html, expected } = loadFixture(slug);
    const problems: string[] = [];
    const verdict = detectArticle(doc, expected.url);
    if (verdict.isArticle !== expected.isArticle) {
      problems.push(
        `isArticle ${verdict.isArticle}, expected ${expected.isArticle} (score ${verdict.score}: ${verdict.signals.map((s) => `${s.name}${s.weight > 0 ? '+' : ''}${s.weight}`).join(' ')})`,
      );
    }
    if (expected.isArticle) {
      const article = extractArticle(doc, expected.url);
      if (!article) {
        problems.push('no article extracted');
      } else {
        const { missing, leaked } = judgeSnippets(readingViewText(article), expected);
        problems.push(...missing.map((s) => `missing: ${s.slice(0, 70)}`), ...leaked.map((s) => `leaked: ${s.slice(0, 70)}`));
        if (article.dir !== expected.dir) problems.push(`dir ${article.dir}, expected ${expected.dir}`);
        if (article.lang !== expected.lang) problems.push(`lang ${article.lang}, expected ${expected.lang}`);
        if (expected.title && flat(article.title) !== flat(expected.title))
          problems.push(`title «${article.title}», expected «${expected.title}»`);
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
        // The month names the page prints («9 كانون الثاني»), kept for the reader's date.
        if (expected.monthNames !== undefined && article.monthNames !== expected.monthNames) {
          problems.push(`month names ${article.monthNames ?? 'none'}, expected ${expected.monthNames}`);
        }
        // A body written as lines split by <br> reads as paragraphs: each its own <p>, no line
        // of prose joined to the next by a break.
        if (expected.paragraphs !== undefined) {
          const body = new JSDOM(`<body>${article.contentHtml}</body>`).window.document.body;
          const leaves = [...body.querySelectorAll('p')].filter((p) => !p.querySelector('p') && flat(p.textContent ?? ''));
          const broken = leaves.filter((p) => p.querySelector('br')).length;
          if (leaves.length !== expected.paragraphs || broken > 0)
            problems.push(`${leaves.length} paragraphs (${broken} split by <br>), expected ${expected.paragraphs}`);
        }
        // A list item with nothing in it is a bullet on its own in the reading view.
        const body = new JSDOM(`<body>${article.contentHtml}</body>`).window.document.body;
        const empty = [...body.querySelectorAll('li')].filter(
          (li) => !flat(li.textContent ?? '') && !li.querySelector('img, picture, video, svg, math, table'),
        );
        if (empty.length > 0) problems.push(`${empty.length} empty list items (bullets with nothing beside them)`);
      }
      problems.push(...liveProblems(html, expected.url, expected.liveMustHide ?? [], expected.mustContain));
    } else if ((expected.liveMustHide ?? []).length > 0) {
      problems.push('liveMustHide on a page that is not an article: the live page is left alone');
    }
    // One line per missing or leaked snippet, never two whole pages.
    if (problems.length > 0) throw new Error(`${slug}:\n  - ${problems.join('\n  - ')}`);
    expect(problems).toEqual([]);
  });
});

/**
 * The live page after Naqi's cleanup (the content script's plan, in jsdom with its window for
 * computed styles): each liveMustHide string only inside hidden elements, the article text never.
 */
function liveProblems(html: string, url: string, mustHide: readonly string[], text: readonly string[]): string[] {
  const dom = new JSDOM(html, { url, virtualConsole: new VirtualConsole() });
  const doc = dom.window.document;
  new LiveCleanup(doc, dom.window as unknown as Window).apply();
  const holders = (snippet: string): Element[] => {
    const s = flat(snippet);
    return [...doc.body.querySelectorAll('*')].filter(
      (el) => flat(el.textContent ?? '').includes(s) && ![...el.children].some((c) => flat(c.textContent ?? '').includes(s)),
    );
  };
  const byNaqi = (el: Element): boolean => el.closest(`[${HIDDEN_ATTR}]`) !== null;
  const byPage = (el: Element): boolean => el.closest('script, style, template, noscript, [hidden]') !== null;
  const problems: string[] = [];
  for (const s of mustHide) {
    const found = holders(s);
    if (found.length === 0) problems.push(`liveMustHide not on the page: ${s.slice(0, 60)}`);
    else if (!found.every((el) => byNaqi(el) || byPage(el))) problems.push(`still on the live page: ${s.slice(0, 60)}`);
  }
  for (const s of text) if (holders(s).some(byNaqi)) problems.push(`article text hidden on the live page: ${s.slice(0, 60)}`);
  dom.window.close();
  return problems;
}
