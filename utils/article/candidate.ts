import { isClobbered } from './clobbering.ts';

/**
 * The first, cheap look at every page: could detection call it an article? It decides
 * whether the full cleanup (detection, declutter rules) is loaded at all, so it must never
 * turn away a page `detectArticle` would accept; it only spares the rest of the web (apps,
 * search pages, most home pages) the cost. A page is a candidate when it says it is an
 * article (JSON-LD article type, og:type article, a publication time), or when one block
 * holds running text (detection's weakest text signal starts at the same 200 characters):
 * without either, detection would have to reach its threshold on a headline, a description
 * and the URL alone. A run of teasers (linked headlines, a line of text each) is not such a
 * block: without metadata, detection turns that listing down (its teaser-list signal). tests/unit/article/candidate.test.ts checks that no fixture or corpus
 * page detection accepts is turned away. One text walk, no layout, no style.
 */

/** Running text (not in links) under one parent at which a page may be an article: detection's "some text". */
export const CANDIDATE_TEXT = 200;
/** A text node shorter than this is a label, a date, a button: not running text. */
const MIN_RUN = 25;

const ARTICLE_LD = /"@type"\s*:\s*(?:\[[^\]]*)?"(?:\w*Article|BlogPosting|LiveBlogPosting|Report)"/i;
const PUBLISHED =
  'meta[property="article:published_time" i], meta[name="datePublished" i], meta[itemprop="datePublished" i], meta[name="pubdate" i], meta[name="date" i], meta[name="dc.date" i], meta[name="sailthru.date" i], time[datetime]';
const INLINE = /^(?:A|SPAN|STRONG|B|EM|I|FONT|U|SMALL|BIG|SUB|SUP|MARK|Q|CITE|ABBR|TIME|BDI|BDO)$/;
const NOT_TEXT = /^(?:SCRIPT|STYLE|NOSCRIPT|TEMPLATE|TEXTAREA|SELECT|OPTION|BUTTON)$/;

export function isArticleCandidate(doc: Document): boolean {
  // A page that names its forms or images after DOM properties is read from a copy: leave that to detection.
  if (isClobbered(doc)) return true;
  const body = doc.body;
  if (!body || body.tagName === 'FRAMESET') return false;
  if (doc.querySelector('meta[property="og:type" i][content="article" i]') || doc.querySelector(PUBLISHED)) return true;
  for (const script of doc.querySelectorAll('script[type="application/ld+json" i]')) {
    if (ARTICLE_LD.test(script.textContent ?? '')) return true;
  }
  return runningTextBlock(body) >= CANDIDATE_TEXT;
}

/** Headline items at which a block of text among them is a run of teasers, not a text (detection's teaser list starts at 4). */
const TEASER_RUN = 4;
/** Running text per item up to which it is a teaser (detection's listing: a median teaser of 400 characters at most). */
const TEASER_TEXT = 400;

/**
 * The most running text (characters of text nodes of MIN_RUN+, outside links) that one block's
 * parent holds, leaving out parents whose text is a run of teasers: TEASER_RUN or more blocks
 * that start with a link (a headline, its teaser after it or in the next block) and at most
 * TEASER_TEXT characters of running text per such block. That is the listing detection turns
 * down (teaser-list: a headline link over a line or two, again and again) unless metadata
 * says the page is one article, which isArticleCandidate has asked before.
 */
export function runningTextBlock(root: Element): number {
  const doc = root.ownerDocument;
  const perParent = new Map<Element, number>();
  // Blocks by whether their first run of text is a link: a headline item's.
  const startsWithLink = new Map<Element, boolean>();
  const walker = doc.createTreeWalker(root, 4 /* NodeFilter.SHOW_TEXT */);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    // The length first: most text nodes are short (white space between tags, labels), and
    // reading one's value copies it out of the page.
    if ((node as CharacterData).length < MIN_RUN) continue;
    const length = (node.nodeValue ?? '').trim().length;
    if (length < MIN_RUN) continue;
    let block = node.parentElement;
    let inLink = false;
    while (block && INLINE.test(block.tagName)) {
      if (block.tagName === 'A') inLink = true;
      block = block.parentElement;
    }
    if (!block || NOT_TEXT.test(block.tagName)) continue;
    if (!startsWithLink.has(block)) startsWithLink.set(block, inLink);
    if (inLink) continue;
    const parent = block.parentElement ?? block;
    perParent.set(parent, (perParent.get(parent) ?? 0) + length);
  }
  const items = new Map<Element, number>();
  for (const [block, linked] of startsWithLink) {
    const parent = block.parentElement ?? block;
    if (linked) items.set(parent, (items.get(parent) ?? 0) + 1);
  }
  let best = 0;
  for (const [parent, text] of perParent) {
    const run = items.get(parent) ?? 0;
    if (run >= TEASER_RUN && text <= run * TEASER_TEXT) continue;
    if (text > best) best = text;
  }
  return best;
}
