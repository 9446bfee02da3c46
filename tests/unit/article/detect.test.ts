import { describe, expect, it } from 'vitest';
import { detectArticle } from '../../../utils/article/detect.ts';
import { listFixtures, loadFixture, parsePage } from '../helpers/fixtures.ts';

/** Listing against article by the shape of the text, on pages no rule has seen. */

const SENTENCE = 'told reporters on Monday that the council would vote on the new budget next week, after months of talks with the unions';
const signals = (doc: Document, url: string) => detectArticle(doc, url).signals.map((s) => s.name);
const page = (body: string, head = ''): Document =>
  parsePage(`<html lang="en"><head><title>t</title>${head}</head><body>${body}</body></html>`, 'https://news.test/2024/05/story-1234');

describe('detectArticle: listing or article', () => {
  it('a run of headline links, each alone on its line over a teaser, is a listing', () => {
    const items = Array.from(
      { length: 6 },
      (_, i) => `<a href="/n/${i}">Headline number ${i} of the day</a><br>The mayor ${SENTENCE}.<br><br>`,
    ).join('');
    const doc = page(`<div class="col">${items}</div>`);
    expect(signals(doc, 'https://news.test/2024/05/story-1234')).toContain('teaser-list');
    expect(detectArticle(doc, 'https://news.test/2024/05/story-1234').isArticle).toBe(false);
  });

  it('paragraphs that open with a linked name are one article, not teasers', () => {
    const paragraphs = Array.from(
      { length: 6 },
      (_, i) => `<p><a href="/people/${i}">Person ${i} Name</a> ${SENTENCE}, and added that nothing was decided yet.</p>`,
    ).join('');
    const doc = page(`<h1>Council to vote on the budget</h1><div class="body">${paragraphs}</div>`);
    expect(signals(doc, 'https://news.test/2024/05/story-1234')).not.toContain('teaser-list');
    expect(detectArticle(doc, 'https://news.test/2024/05/story-1234').isArticle).toBe(true);
  });

  it('a listicle whose linked subheadings each lead several paragraphs is an article', () => {
    const section = (i: number) =>
      `<h2><a href="https://shop.test/${i}">Item ${i}: a good tent</a></h2><p>The tent ${SENTENCE}.</p><p>Its maker ${SENTENCE}.</p><p>Reviewers ${SENTENCE}.</p>`;
    const doc = page(
      `<h1>Eight tents for the summer</h1><div class="body">${[1, 2, 3, 4, 5, 6, 7, 8].map(section).join('')}</div>`,
      '<meta property="og:type" content="article">',
    );
    const verdict = detectArticle(doc, 'file:///tmp/page.html');
    expect(verdict.signals.map((s) => s.name)).not.toContain('teaser-list');
    expect(verdict.isArticle).toBe(true);
  });
});

describe('detectArticle: the verdict alone', () => {
  it('is the full verdict on every fixture page, and settles most of them before the costliest signals', () => {
    const differ: string[] = [];
    let early = 0;
    const slugs = listFixtures();
    for (const slug of slugs) {
      const { doc, expected } = loadFixture(slug);
      const full = detectArticle(doc, expected.url);
      const quick = detectArticle(doc, expected.url, { verdictOnly: true });
      if (quick.isArticle !== full.isArticle) differ.push(slug);
      // Settled early: the page-wide teaser count (the last signal) was never taken.
      if (!quick.signals.some((s) => s.name === 'teaser-grid') && full.signals.length > quick.signals.length) early++;
    }
    expect(differ).toEqual([]);
    expect(early).toBeGreaterThan(slugs.length / 2);
  }, 120_000);

  it('stops at a clear article, and takes every signal on a page near the threshold', () => {
    const paragraphs = Array.from({ length: 6 }, (_, i) => `<p>Minister ${i} ${SENTENCE}, and added that nothing was decided.</p>`).join(
      '',
    );
    const head = '<meta property="og:type" content="article"><meta property="article:published_time" content="2024-05-01">';
    const url = 'https://news.test/2024/05/story-1234';
    const clear = detectArticle(page(`<h1>Council to vote on the budget</h1><div class="body">${paragraphs}</div>`, head), url, {
      verdictOnly: true,
    });
    expect(clear.isArticle).toBe(true);
    expect(clear.signals.map((s) => s.name)).not.toContain('readerable');
    // A short text with no metadata: every signal counts.
    const near = page(`<div class="body"><p>The mayor ${SENTENCE}.</p><p>The council ${SENTENCE}.</p></div>`);
    const full = detectArticle(near, url);
    const quick = detectArticle(near, url, { verdictOnly: true });
    expect(quick).toEqual(full);
  });
});
