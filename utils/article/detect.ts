import isProbablyReaderable from '@mozilla/readability/Readability-readerable.js';
import { isClobbered, readableCopy } from './clobbering.ts';
import { oversize } from './limits.ts';
import { findMainBlock, type MainBlock } from './main-text.ts';
import { readMetadata, type PageMetadata } from './metadata.ts';
import type { Detection, DetectionSignal } from './types.ts';
import { collapseSpace } from './text.ts';

/**
 * Is this page one article? Positive signals (structured data saying so, a dominant block
 * of running text) against negative ones (a page of headline cards, a listing URL).
 * A home page full of teasers must say no, whatever its meta tags claim.
 */

const THRESHOLD = 3;
const LISTING_PATH =
  /\/(?:tag|tags|category|categories|section|sections|topic|topics|search|author|archive|page)\/|[?&](?:s|q|query|search)=/i;
const ARTICLE_PATH = /\d{4,}|\.(?:html?|php|aspx?)$|[\w\u0600-\u06FF%-]{25,}/i;

export interface DetectionInput {
  metadata?: PageMetadata;
  main?: MainBlock;
  /**
   * Only the verdict is wanted (the live page): the costlier signals are skipped once they can
   * no longer change it, and `score` and `signals` are then those computed up to that point.
   */
  verdictOnly?: boolean;
}

/**
 * The costlier signals, in the order they are computed after the cheap ones, each with the
 * lowest and highest weight it can add: once the score is out of reach of what is left, the
 * verdict is settled.
 */
const LATER = [
  { name: 'description', low: 0, high: 1 },
  { name: 'listing', low: -6, high: 2 }, // teaser-list or post-list, else dominant-text
  { name: 'readerable', low: 0, high: 1 },
  { name: 'teaser-grid', low: -4, high: 0 },
] as const;

export function detectArticle(doc: Document, url: string, known: DetectionInput = {}): Detection {
  // Forms or images named after DOM properties: read a copy that no name clobbers (clobbering.ts).
  if (isClobbered(doc)) return detectArticle(readableCopy(doc), url, known.verdictOnly ? { verdictOnly: true } : {});
  const signals: DetectionSignal[] = [];
  let score = 0;
  const add = (name: string, weight: number, detail?: string): void => {
    signals.push(detail === undefined ? { name, weight } : { name, weight, detail });
    score += weight;
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
  // The URL's signal is listed last, and counted from the start.
  const pathSignal = urlSignal(url);
  /** The verdict, when the signals from `next` on cannot change it (only when asked for the verdict alone). */
  const settled = (next: number): Detection | undefined => {
    if (!known.verdictOnly) return undefined;
    let low = score + (pathSignal?.weight ?? 0);
    let high = low;
    for (const later of LATER.slice(next)) {
      low += later.low;
      high += later.high;
    }
    if (low < THRESHOLD && high >= THRESHOLD) return undefined;
    if (pathSignal) add(pathSignal.name, pathSignal.weight);
    return { isArticle: low >= THRESHOLD, score, signals };
  };

  if (meta.hasArticleLd) add('json-ld-article', 3, meta.ldTypes.join(','));
  if (meta.ogType === 'article') add('og-article', 2);
  else if (meta.ogType === 'website') add('og-website', -1);
  if (meta.publishedTime) add('published-time', 1);

  // Running text inside the main block (all its sections, not only the block itself) and on the page.
  const text = main ? measureText(main) : { inMain: 0, paragraphs: 0, onPage: 0, runnerUp: 0 };
  const mainText = text.inMain;
  const paragraphs = text.paragraphs;
  if (mainText >= 1200 && paragraphs >= 3) add('main-text', 3, `${Math.round(mainText)} chars, ${paragraphs} paragraphs`);
  else if (mainText >= 500 && paragraphs >= 2) add('main-text', 2, `${Math.round(mainText)} chars`);
  else if (mainText >= 200) add('some-text', 1, `${Math.round(mainText)} chars`);
  else if (mainText < 100) add('no-main-text', -2, `${Math.round(mainText)} chars`);

  // A news flash is short, but it is one headline over its own text.
  const leads = main !== undefined && headlineLeads(doc, main.element);
  if (leads) add('headline-over-text', 2);

  let verdict = settled(0);
  if (verdict) return verdict;
  const lede = meta.description ? collapseSpace(meta.description).slice(0, 60) : undefined;
  if (lede && lede.length >= 30 && main?.element.textContent?.replace(/\s+/g, ' ').includes(lede)) {
    add('description-is-text', 1);
  }

  verdict = settled(1);
  if (verdict) return verdict;
  // A listing: the "main text" is a run of items, each a headline link followed by its teaser.
  // Short teasers (a line or two each) make a listing whatever the page claims; a listicle's
  // items run to several paragraphs. Long items (feeds of whole posts) make a listing only
  // when nothing says the page is one article (a listicle has a headline and metadata).
  const items = main ? teaserItems(main.element) : undefined;
  let listing = false;
  if (items && items.teasers >= 4 && items.teaserText >= mainText * 0.6) {
    if (items.medianText <= 400 && items.medianLines <= 2) {
      listing = true;
      add('teaser-list', -6, `${items.teasers} headline links with teasers, median ${items.medianText} chars`);
    } else if (!meta.hasArticleLd && meta.ogType !== 'article' && !leads) {
      listing = true;
      add('post-list', -4, `${items.teasers} linked posts, no headline or metadata`);
    }
  }
  // Or the main text is one of a run of posts of the same template, each under its linked title.
  const siblings = main && !listing ? repeatedPosts(main, mainText) : 0;
  if (siblings >= 2) {
    listing = true;
    add('post-list', -4, `${siblings + 1} posts of one template, each under a linked title`);
  }
  // One block of running text dominates the page (most of its text, or several times any other
  // block's): a page about one thing, in any language or layout.
  const dominant = !listing && mainText >= 200 && (mainText >= text.onPage * 0.6 || mainText >= text.runnerUp * 4);
  if (dominant) {
    add(
      'dominant-text',
      2,
      `${Math.round((100 * mainText) / Math.max(1, text.onPage))}% of the page's text, ${Math.round(text.runnerUp)} chars in the next block`,
    );
  }

  verdict = settled(2);
  if (verdict) return verdict;
  if (isProbablyReaderable(doc, { minContentLength: 140, minScore: 20 })) add('readerable', 1);

  verdict = settled(3);
  if (verdict) return verdict;
  // A page of cards: many headline links, little running text beside them.
  // Beside a dominant text they are a sidebar or a stream below the story, and weigh less.
  const teasers = main ? countTeasers(doc, main.element) : countTeasers(doc);
  if (teasers >= 12 && teasers * 120 > mainText) add('teaser-grid', dominant ? -2 : -4, `${teasers} headline cards`);

  if (pathSignal) add(pathSignal.name, pathSignal.weight);
  return { isArticle: score >= THRESHOLD, score, signals };
}

/** What the address says: the root, a listing's path, or an article's. */
function urlSignal(url: string): { name: string; weight: number } | undefined {
  const path = safePath(url);
  if (path === undefined) return undefined;
  if (path === '/' || path === '') return { name: 'root-path', weight: -3 };
  if (LISTING_PATH.test(path)) return { name: 'listing-path', weight: -3 };
  if (ARTICLE_PATH.test(decodeSafe(path))) return { name: 'article-path', weight: 1 };
  return undefined;
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

/** Headline cards: links with a headline's length inside h2–h4 or <article> teasers, outside the main text. */
function countTeasers(doc: Document, main?: Element): number {
  let n = 0;
  for (const a of doc.querySelectorAll('h2 a[href], h3 a[href], h4 a[href], article a[href]')) {
    const length = (a.textContent ?? '').trim().length;
    if (length >= 20 && length <= 200 && !main?.contains(a)) n++;
  }
  return n;
}

const MIN_PARAGRAPH = 25;

/**
 * Running text (link text apart) inside the main block, its paragraphs of 80+ characters, on the
 * whole page, and in the largest container elsewhere (neither inside the main block nor around it).
 */
function measureText(main: MainBlock): { inMain: number; paragraphs: number; onPage: number; runnerUp: number } {
  let inMain = 0;
  let paragraphs = 0;
  let onPage = 0;
  const elsewhere = new Map<Element, number>();
  for (const [block, { text, links }] of main.blocks) {
    const running = text - links;
    if (running < MIN_PARAGRAPH) continue;
    onPage += running;
    if (main.element.contains(block)) {
      inMain += running;
      if (running >= 80) paragraphs++;
      continue;
    }
    const container = block.parentElement;
    if (container && !container.contains(main.element)) elsewhere.set(container, (elsewhere.get(container) ?? 0) + running);
  }
  return { inMain, paragraphs, onPage, runnerUp: Math.max(0, ...elsewhere.values()) };
}

const POST_LEVELS = 4;
const LINKED_TITLE = 'h1 a[href], h2 a[href], h3 a[href]';

/** Element name and classes: blocks printed by one template share it. */
const signature = (el: Element): string => `${el.tagName}.${(el.getAttribute('class') ?? '').trim().split(/\s+/).sort().join('.')}`;

/**
 * How many siblings of the post holding the main text repeat its template: same element and
 * classes, each with a linked title and running text of at least a third of the main text's.
 * A page of one article shows its own title unlinked; a blog's front page shows each post's as a link.
 */
function repeatedPosts(main: MainBlock, mainText: number): number {
  let post: Element | null = main.element;
  for (let up = 0; post?.parentElement && up < POST_LEVELS; up++, post = post.parentElement) {
    if (!post.querySelector(LINKED_TITLE)) continue;
    const key = signature(post);
    const same = [...post.parentElement.children].filter((s) => s !== post && signature(s) === key && s.querySelector(LINKED_TITLE));
    if (same.length < 2) continue;
    const textOf = new Map<Element, number>(same.map((s) => [s, 0]));
    for (const [block, { text, links }] of main.blocks) {
      if (text - links < MIN_PARAGRAPH) continue;
      for (let e: Element | null = block; e && e !== post.parentElement; e = e.parentElement) {
        const n = textOf.get(e);
        if (n !== undefined) {
          textOf.set(e, n + text - links);
          break;
        }
      }
    }
    return [...textOf.values()].filter((n) => n >= mainText / 3).length;
  }
  return 0;
}

const HEADLINE_LINK = { min: 3, max: 200 };
/** "<a>Title</a> – description": a directory entry, the same shape as a headline on its own line. */
const SEPARATOR_FIRST = /^[-–—:|•]/;
const TEASER_MIN = 40;
const SKIP = new Set(['SCRIPT', 'STYLE', 'NOSCRIPT', 'TEMPLATE', 'svg', 'SELECT', 'TEXTAREA', 'BUTTON']);
/** Elements that start a line; anything else (custom elements included) runs inline. */
const LINE_BLOCKS = new Set([
  'P',
  'DIV',
  'LI',
  'UL',
  'OL',
  'DL',
  'DT',
  'DD',
  'TABLE',
  'TBODY',
  'TR',
  'TD',
  'TH',
  'H1',
  'H2',
  'H3',
  'H4',
  'H5',
  'H6',
  'SECTION',
  'ARTICLE',
  'HEADER',
  'FOOTER',
  'ASIDE',
  'NAV',
  'MAIN',
  'BLOCKQUOTE',
  'FIGURE',
  'FIGCAPTION',
  'PRE',
  'CENTER',
  'FORM',
  'ADDRESS',
  'HR',
]);

/**
 * Items that open with a headline link alone on its line (a block of its own, or a line
 * ended by <br>) and go on with text of their own: the teasers of a listing, in lists, cards
 * and old table cells alike (or "<a>Title</a> – description"). A link that a sentence goes on from ("<a>Name</a> said…") is
 * not a headline. `teaserText`: characters of non-link text after those headlines.
 */
function teaserItems(main: Element): { teasers: number; teaserText: number; medianText: number; medianLines: number } {
  /** Per headline: characters of its own text after it, and on how many lines; -1 once unmade. */
  const items: { text: number; lines: number }[] = [];
  let current: { text: number; lines: number } | undefined;
  /** A headline link whose line has not ended yet: text on the same line unmakes it. */
  let pending = false;
  let lineHasText = false;
  let lineCounted = false;
  const endLine = (): void => {
    pending = false;
    lineHasText = false;
    lineCounted = false;
  };
  const unmake = (): void => {
    if (current) current.text = -1;
    current = undefined;
    pending = false;
  };
  const walk = (el: Element): void => {
    for (let child = el.firstChild; child; child = child.nextSibling) {
      if (child.nodeType === 3) {
        const t = collapseSpace(child.nodeValue ?? '');
        if (pending && SEPARATOR_FIRST.test(t)) pending = false;
        if (!/[\p{L}\p{N}]/u.test(t)) continue;
        if (pending) unmake();
        lineHasText = true;
        if (current) {
          current.text += t.length;
          if (!lineCounted) current.lines += 1;
          lineCounted = true;
        }
        continue;
      }
      if (child.nodeType !== 1) continue;
      const e = child as Element;
      if (SKIP.has(e.tagName)) continue;
      if (e.tagName === 'BR') {
        endLine();
        continue;
      }
      if (e.tagName === 'A' && e.hasAttribute('href')) {
        const length = collapseSpace(e.textContent ?? '').length;
        if (length === 0) continue;
        if (pending) unmake();
        else if (!lineHasText && length >= HEADLINE_LINK.min && length <= HEADLINE_LINK.max) {
          current = { text: 0, lines: 0 };
          items.push(current);
          pending = true;
        }
        lineHasText = true;
        continue; // link text is not the teaser's own text
      }
      const block = LINE_BLOCKS.has(e.tagName);
      if (block) endLine();
      walk(e);
      if (block) endLine();
    }
  };
  walk(main);
  const teasers = items.filter((i) => i.text >= TEASER_MIN);
  const middle = (values: number[]): number => values.sort((a, b) => a - b)[values.length >> 1] ?? 0;
  return {
    teasers: teasers.length,
    teaserText: teasers.reduce((n, i) => n + i.text, 0),
    medianText: middle(teasers.map((i) => i.text)),
    medianLines: middle(teasers.map((i) => i.lines)),
  };
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
