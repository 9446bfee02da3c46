import { isProbablyReaderable } from '@mozilla/readability';
import { isClobbered, readableCopy } from './clobbering.ts';
import { oversize } from './limits.ts';
import { findMainBlock, type MainBlock } from './main-text.ts';
import { readMetadata, type PageMetadata } from './metadata.ts';
import type { Detection, DetectionSignal } from './types.ts';

/**
 * Is this page one article? Positive signals (structured data saying so, a dominant block
 * of running text) against negative ones (a page of headline cards, a listing URL).
 * A home page full of teasers must say no, whatever its meta tags claim.
 */

const THRESHOLD = 3;
const LISTING_PATH = /\/(?:tag|tags|category|categories|section|sections|topic|topics|search|author|archive|page)\/|[?&](?:s|q|query|search)=/i;
const ARTICLE_PATH = /\d{4,}|\.(?:html?|php|aspx?)$|[\w\u0600-\u06FF%-]{25,}/i;

export interface DetectionInput {
  metadata?: PageMetadata;
  main?: MainBlock;
}

export function detectArticle(doc: Document, url: string, known: DetectionInput = {}): Detection {
  // Forms or images named after DOM properties: read a copy that no name clobbers (clobbering.ts).
  if (isClobbered(doc)) return detectArticle(readableCopy(doc), url);
  const signals: DetectionSignal[] = [];
  const add = (name: string, weight: number, detail?: string): void => {
    signals.push(detail === undefined ? { name, weight } : { name, weight, detail });
  };
  // A page over the size guard is left alone, and cheaply: no other signal is computed.
  const elements = oversize(doc);
  if (elements !== null) {
    add('too-large', -100, `over ${elements - 1} elements`);
    return { isArticle: false, score: -100, signals };
  }
  // A frameset page shows other pages: the reader should open the frame that holds the article.
  if (doc.body?.tagName === 'FRAMESET') {
    const frames = [...doc.body.getElementsByTagName('frame')].map((f) => f.getAttribute('src')).filter(Boolean);
    add('frameset', -100, `the text is in its frames: ${frames.join(', ') || 'none'}`);
    return { isArticle: false, score: -100, signals };
  }
  const meta = known.metadata ?? readMetadata(doc);
  const main = known.main ?? (doc.body ? findMainBlock(doc.body, true) : undefined);

  if (meta.hasArticleLd) add('json-ld-article', 3, meta.ldTypes.join(','));
  if (meta.ogType === 'article') add('og-article', 2);
  else if (meta.ogType === 'website') add('og-website', -1);
  if (meta.publishedTime) add('published-time', 1);

  const mainText = main?.textLength ?? 0;
  const paragraphs = main?.paragraphs ?? 0;
  if (mainText >= 1200 && paragraphs >= 3) add('main-text', 3, `${Math.round(mainText)} chars, ${paragraphs} paragraphs`);
  else if (mainText >= 500 && paragraphs >= 2) add('main-text', 2, `${Math.round(mainText)} chars`);
  else if (mainText >= 200) add('some-text', 1, `${Math.round(mainText)} chars`);
  else if (mainText < 100) add('no-main-text', -2, `${Math.round(mainText)} chars`);

  // A news flash is short, but it is one headline over its own text.
  if (main && headlineLeads(doc, main.element)) add('headline-over-text', 2);
  const lede = meta.description?.replace(/\s+/g, ' ').trim().slice(0, 60);
  if (lede && lede.length >= 30 && main?.element.textContent?.replace(/\s+/g, ' ').includes(lede)) {
    add('description-is-text', 1);
  }

  if (isProbablyReaderable(doc, { minContentLength: 140, minScore: 20 })) add('readerable', 1);

  // A page of cards: many headline links, little running text beside them.
  const teasers = countTeasers(doc);
  if (teasers >= 12 && teasers * 120 > mainText) add('teaser-grid', -4, `${teasers} headline cards`);

  const path = safePath(url);
  if (path !== undefined) {
    if (path === '/' || path === '') add('root-path', -3);
    else if (LISTING_PATH.test(path)) add('listing-path', -3);
    else if (ARTICLE_PATH.test(decodeSafe(path))) add('article-path', 1);
  }

  const score = signals.reduce((sum, s) => sum + s.weight, 0);
  return { isArticle: score >= THRESHOLD, score, signals };
}

/** One <h1>, and the main text sits a few levels from it: the page's headline is the text's. */
function headlineLeads(doc: Document, main: Element): boolean {
  const headings = doc.querySelectorAll('h1');
  if (headings.length !== 1) return false;
  let shared: Element | null = headings[0]!.parentElement;
  for (let up = 0; shared && up < 4; up++, shared = shared.parentElement) {
    if (shared.contains(main)) return true;
  }
  return false;
}

/** Headline cards: links with a headline's length inside h2–h4 or <article> teasers. */
function countTeasers(doc: Document): number {
  let n = 0;
  for (const a of doc.querySelectorAll('h2 a[href], h3 a[href], h4 a[href], article a[href]')) {
    const length = (a.textContent ?? '').trim().length;
    if (length >= 20 && length <= 200) n++;
  }
  return n;
}

function safePath(url: string): string | undefined {
  try {
    const u = new URL(url);
    return u.protocol === 'file:' ? undefined : u.pathname + u.search;
  } catch {
    return undefined;
  }
}

function decodeSafe(path: string): string {
  try {
    return decodeURIComponent(path);
  } catch {
    return path;
  }
}
