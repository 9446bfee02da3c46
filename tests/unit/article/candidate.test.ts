import { describe, expect, it } from 'vitest';
import { isArticleCandidate } from '../../../utils/article/candidate.ts';
import { detectArticle } from '../../../utils/article/detect.ts';
import { listFixtures, loadFixture, parsePage } from '../helpers/fixtures.ts';

/** The first stage on every page: it must never turn an article away, and should spare the rest. */

const page = (body: string, head = ''): Document =>
  parsePage(`<html lang="fa"><head><title>t</title>${head}</head><body>${body}</body></html>`, 'https://news.test/1403/05/story');
const SENTENCE = 'شورای شهر روز دوشنبه اعلام کرد که بودجه جدید هفته آینده پس از ماه‌ها گفت‌وگو با اتحادیه‌ها به رأی گذاشته می‌شود';

describe('isArticleCandidate', () => {
  it('keeps every fixture page that detection calls an article, and turns away some listings', () => {
    const turnedAway: string[] = [];
    const lost: string[] = [];
    for (const slug of listFixtures()) {
      const { doc, expected } = loadFixture(slug);
      const candidate = isArticleCandidate(doc);
      if (!candidate && detectArticle(doc, expected.url).isArticle) lost.push(slug);
      if (!candidate && !expected.isArticle) turnedAway.push(slug);
    }
    expect(lost).toEqual([]);
    expect(turnedAway).toEqual(
      expect.arrayContaining([
        'ar-home-page',
        'ar-tag-page',
        'odd-frameset',
        'ar-shadesofnews-bbc-feed-2013',
        'fa-nonstopnews-science-feed-2013',
      ]),
    );
  }, 120_000);

  it('a page of links and labels (an app, a menu, a home page of headlines) is not a candidate', () => {
    const links = Array.from({ length: 30 }, (_, i) => `<li><a href="/n/${i}">${SENTENCE.slice(0, 60)} ${i}</a></li>`).join('');
    expect(isArticleCandidate(page(`<nav><ul>${links}</ul></nav><button>ورود به حساب کاربری</button>`))).toBe(false);
  });

  it('a run of headline links with their teasers is not a candidate; the same text as one article is', () => {
    // A feed: each item a linked headline, a line of teaser after it (in the item, or in the next block).
    const inItem = Array.from({ length: 8 }, (_, i) => `<li><a href="/n/${i}">${SENTENCE.slice(0, 50)} ${i}</a><br>${SENTENCE}.</li>`);
    expect(isArticleCandidate(page(`<ul class="feed">${inItem.join('')}</ul>`))).toBe(false);
    const nextBlock = Array.from(
      { length: 6 },
      (_, i) => `<h3><a href="/n/${i}">${SENTENCE.slice(0, 50)} ${i}</a></h3><p>${SENTENCE}.</p>`,
    );
    expect(isArticleCandidate(page(`<section>${nextBlock.join('')}</section>`))).toBe(false);
    // An article whose paragraphs start with a link now and then is still one.
    const story = Array.from({ length: 6 }, (_, i) =>
      i % 2 ? `<p>${SENTENCE}. ${SENTENCE}.</p>` : `<p><a href="/p/${i}">${SENTENCE.slice(0, 40)}</a> ${SENTENCE}. ${SENTENCE}.</p>`,
    );
    expect(isArticleCandidate(page(`<h1>${SENTENCE.slice(0, 40)}</h1><div class="matn">${story.join('')}</div>`))).toBe(true);
  });

  it('running text without any metadata makes a candidate', () => {
    expect(isArticleCandidate(page(`<div class="matn"><p>${SENTENCE}.</p><p>${SENTENCE}.</p></div>`))).toBe(true);
  });

  it('a short flash that says it is an article is a candidate', () => {
    expect(isArticleCandidate(page(`<h1>خبر فوری</h1><p>کوتاه.</p>`, '<meta property="og:type" content="article">'))).toBe(true);
    const ld = '<script type="application/ld+json">{"@context":"https://schema.org","@type":["NewsArticle"],"headline":"x"}</script>';
    expect(isArticleCandidate(page(`<h1>خبر فوری</h1><p>کوتاه.</p>`, ld))).toBe(true);
  });
});
