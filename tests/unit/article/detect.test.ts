import { describe, expect, it } from 'vitest';
import { detectArticle } from '../../../utils/article/detect.ts';
import { parsePage } from '../helpers/fixtures.ts';

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
