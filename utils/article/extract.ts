import { Readability } from '@mozilla/readability';
import { captionText, planBodyClean } from './body-clean.ts';
import { boundArticle } from './bounds.ts';
import { checkByline, findCreditLine, findVisibleByline } from './byline.ts';
import { declobber, domGet, isClobbered, readableCopy, windowWithDocument } from './clobbering.ts';
import { findShownDate, monthNamesOf, normalizeDate } from './dates.ts';
import { planDeclutter } from './declutter.ts';
import { resolveLanguage } from './direction.ts';
import { textSample } from './dom-walk.ts';
import { chooseHeadline, type Headline } from './headline.ts';
import { imageSource, resolveImages } from './images.ts';
import { copyNaturalSizes, findLeadImage, imageKey, isInvisibleImage } from './lead-image.ts';
import { assertReadableSize } from './limits.ts';
import { findMainBlock } from './main-text.ts';
import { embedsToCards } from './embeds.ts';
import { linearizeMath } from './math.ts';
import { paragraphsFromBreaks } from './paragraphs.ts';
import { mediaToLinks } from './media.ts';
import { readMetadata, type PageMetadata } from './metadata.ts';
import { unwrapNoscriptText, unwrapSwallowedNoscripts, type ParseHtml } from './noscript.ts';
import { readPageNames, type PageNames } from './page-names.ts';
import { hoistHtmlFromForeign, sanitizeElementInPlace, type PurifyWindow } from './sanitize.ts';
import { collapseSpace, countWords, excerptOf, readingMinutes } from './text.ts';
import type { Article, PlannedRemoval, Removal } from './types.ts';

export interface ExtractOptions {
  /** The window whose DOM classes DOMPurify binds to; the document's own by default. */
  view?: PurifyWindow;
  /**
   * Called once, before returning an article, with what each `removed[]` entry took out (same
   * order): the bench's differential report matches the text Readability keeps and Naqi drops
   * to the entry that explains it. `text()` reads the removed element's whole text, blocks apart
   * (call it after timing: it walks the removed subtree).
   */
  explain?: (removed: readonly RemovalTrace[]) => void;
}

/** A `removed[]` entry and, on demand, the whole text it took out (not only its excerpt). */
export interface RemovalTrace {
  entry: Removal;
  text: () => string;
}

const MIN_WORDS = 8;
/** As bare Readability: a first, strict pass shorter than this is retried with its filters relaxed. */
const CHAR_THRESHOLD = 500;
/** The least a first pass may settle for on a short flash (see charThreshold). */
const MIN_CHARS = 80;
const NON_TEXT = 'script, style, noscript, template, button, input, select, textarea, form, iframe, object, embed, svg';
// Running text of a paragraph, links apart: a form holding one is the page, not a form.
const RUNNING_TEXT = 80;
const BLOCK = /^(?:P|DIV|LI|H[1-6]|BLOCKQUOTE|FIGCAPTION|PRE|TR|DD|DT|SECTION|ARTICLE|UL|OL|TABLE|FIGURE|HR|BR)$/;

/**
 * extractArticle: clone → remove planned clutter → Readability (asked again when its answer
 * misses the main text) → remove clutter that survived inside the body → formulas as text →
 * lead image and caption → sanitise → text and metadata. Everything left out is in `removed`.
 * Never mutates `page`. Returns null when no article text can be found; throws
 * PageTooLargeError, before any other work, on a page over the size guard (limits.ts).
 */
export function extractArticle(page: Document, url: string, options: ExtractOptions = {}): Article | null {
  const pageView = options.view ?? domGet<PurifyWindow | null>(page, 'defaultView');
  if (!pageView) throw new Error('extractArticle needs a document with a window (or options.view)');
  // Forms or images named after DOM properties: everything below reads a copy that is not,
  // and DOMPurify gets that copy as its window's document (clobbering.ts).
  const clobbered = isClobbered(page);
  const doc = clobbered ? readableCopy(page) : page;
  const view = clobbered ? windowWithDocument(pageView, doc) : pageView;
  assertReadableSize(doc);

  // A frameset holds no text of its own: the article is in one of its frames (detect says why).
  if (doc.body?.tagName === 'FRAMESET') return null;

  const meta = readMetadata(doc);
  let prepared = prepare(doc, url, view, meta);
  const threshold = charThreshold(prepared.mainLength);
  let parsed = readability(prepared.clone, threshold);
  // Readability's first, strict pass drops containers named like page chrome ("header",
  // "sidebar", "comment"…) and settles for what is left when it is long enough: an article
  // inside <div class="site_header"> came out as the print footer. When the result misses the
  // main text (and less text than the main block holds), ask again, on a fresh copy, with a
  // threshold the wrong block does not reach: Readability then relaxes its filters.
  const declined: PlannedRemoval[] = [];
  const found = collapseSpace(parsed?.textContent ?? '').length;
  if (prepared.mainLength > found && !prepared.anchors.some((a) => holds(parsed, a))) {
    const wrong = parsed?.content as Element | null | undefined;
    const again = prepare(doc, url, view, meta);
    const second = readability(again.clone, Math.max(threshold, found + 1));
    // Kept only when it found the main text; otherwise the first answer stands.
    if (second && again.anchors.some((a) => holds(second, a))) {
      if (wrong) {
        declined.push({
          rule: 'not-main-text',
          kind: 'boilerplate',
          reason: 'a block that holds none of the main text (a footer, a note)',
          text: excerptOf(wrong.textContent ?? ''),
          element: wrong,
        });
      }
      prepared = again;
      parsed = second;
    }
  }
  const { clone, removals, lead, names, headline, shownDate, declaredDate, declaredByline, shownByline } = prepared;
  const content = parsed?.content as Element | null | undefined;
  if (!parsed || !content) return null;

  // Inline "read also" boxes, trailing related lists and appeals inside the body.
  const innerMain = findMainBlock(content, true)?.element ?? null;
  const hostname = hostnameOf(url);
  const inner = planDeclutter(clone, { root: content, protect: innerMain, cutOut: true, ...(hostname ? { hostname } : {}) });
  for (const r of inner) r.element.remove();
  // Paragraphs a broken <svg>/<math> swallowed are still article text: keep them, drop the graphics.
  hoistHtmlFromForeign(content);
  linearizeMath(content);
  const nonText = removeNonText(content, innerMain);
  const credit = declaredByline || shownByline ? undefined : findCreditLine(content, names);
  const byline = declaredByline ?? shownByline?.byline ?? credit?.byline;
  // The line the byline was read from, inside the text: the reading view shows it above.
  const bylineLines = planBylineLine(content, credit?.node ?? shownByline?.element);
  for (const r of bylineLines) r.element.remove();
  const lines = planBodyClean(content, byline, [headline.text, meta.title, parsed.title]);
  for (const r of lines) r.element.remove();
  // A body written as lines split by <br>: its paragraphs as paragraphs.
  paragraphsFromBreaks(content);

  let leadImage = lead;
  const duplicates: PlannedRemoval[] = [];
  if (leadImage) leadImage = dropDuplicateLead(content, leadImage, url, duplicates);
  // Pixels, counters and spacers: the reading view must not request them.
  for (const img of [...content.getElementsByTagName('img')]) if (isInvisibleImage(img, url)) img.remove();
  // Video and audio: the poster kept as an image, the media as a link; nothing that plays from the network.
  mediaToLinks(content);

  // The text is read from the sanitised body: what the reader is shown.
  const contentHtml = sanitizeElementInPlace(content, view);
  const textContent = blockText(content);
  // A menu or a list of headlines is not an article, whatever Readability made of it.
  if (countWords(textContent) < MIN_WORDS || isLinkList(content)) return null;

  const title = headline.text || collapseSpace(parsed.title ?? '');
  const { lang, dir } = resolveLanguage(`${title}\n${textContent.slice(0, 4000)}`, meta.lang ?? parsed.lang ?? undefined);
  const wordCount = countWords(textContent);
  const siteName = meta.siteName ?? parsed.siteName ?? hostnameOf(url);
  // A <time> by the headline marked as published, the declared date (JSON-LD, meta), another
  // <time> by the headline (often the last update), a date line by the headline.
  const publishedTime =
    shownDate.published ?? declaredDate ?? shownDate.time ?? shownDate.line ?? normalizeDate(parsed.publishedTime, lang);
  // The page's own date text first, then its text, then its language tag's region.
  const monthNames = publishedTime ? monthNamesOf([shownDate.text, `${title}\n${textContent.slice(0, 4000)}`], lang, meta.lang) : undefined;
  const excerpt = collapseSpace(meta.description ?? parsed.excerpt ?? '') || undefined;

  const all = [...removals, ...declined, ...inner, ...nonText, ...bylineLines, ...lines, ...duplicates];
  const removed = all.map((r): Removal => ({ rule: r.rule, kind: r.kind, reason: r.reason, text: r.text }));
  options.explain?.(all.map((r, i) => ({ entry: removed[i] as Removal, text: () => blockText(r.element) })));

  // Page-given metadata within sane bounds (issue 12): a huge headline, a date in year 300000.
  return boundArticle({
    url,
    title,
    ...(byline ? { byline } : {}),
    ...(siteName ? { siteName } : {}),
    ...(publishedTime ? { publishedTime } : {}),
    ...(monthNames ? { monthNames } : {}),
    lang,
    dir,
    ...(excerpt ? { excerpt } : {}),
    ...(leadImage ? { leadImage } : {}),
    contentHtml,
    textContent,
    wordCount,
    readingMinutes: readingMinutes(wordCount, lang),
    removed,
  });
}

interface Prepared {
  clone: Document;
  removals: PlannedRemoval[];
  lead: Article['leadImage'];
  /** Samples of the main text (its longest paragraphs): the body must hold at least one. */
  anchors: string[];
  /** Characters of running text in the main block (0 without one). */
  mainLength: number;
  names: PageNames;
  headline: Headline;
  shownDate: ReturnType<typeof findShownDate>;
  declaredDate: string | undefined;
  declaredByline: string | undefined;
  shownByline: ReturnType<typeof findVisibleByline>;
}

/** The page's copy, clutter removed, ready for Readability; the lead image found before it. */
function prepare(doc: Document, url: string, view: PurifyWindow, meta: PageMetadata): Prepared {
  const clone = readableCopy(doc);
  copyNaturalSizes(doc, clone);
  let mainBlock = clone.body ? findMainBlock(clone.body, true) : undefined;
  if (unwrapNoscriptText(clone, mainBlock, htmlParser(view))) {
    declobber(clone); // the unwrapped markup may name its controls too
    mainBlock = clone.body ? findMainBlock(clone.body, true) : undefined;
  }
  if (unwrapSwallowedNoscripts(clone, mainBlock)) {
    declobber(clone);
    mainBlock = clone.body ? findMainBlock(clone.body, true) : undefined;
  }
  const main = mainBlock?.element;
  resolveImages(clone);
  // Tweets, Instagram posts and YouTube frames as quoted cards, while their markup still says what they are.
  if (clone.body) embedsToCards(clone.body);
  const hostname = hostnameOf(url);
  // root given: the size guard has run on this page already.
  const removals: PlannedRemoval[] = clone.body
    ? planDeclutter(clone, { root: clone.body, protect: main ?? null, ...(hostname ? { hostname } : {}) })
    : [];

  // What the page shows, read before Readability rearranges the clone. The date first, before
  // the clutter goes: a date bar that also holds share buttons is still the article's date.
  const names = readPageNames(clone, meta, url);
  let headline = chooseHeadline(clone, [meta.title, doc.title], names, main);
  const pageLang = resolveLanguage(`${headline.text}\n${main ? textSample(main, 2000) : ''}`, meta.lang).lang;
  const declaredDate = meta.dates.map((d) => normalizeDate(d, pageLang)).find(Boolean);
  const shownDate = findShownDate(clone, headline.anchor, main, pageLang, { lines: !declaredDate });
  for (const r of removals) r.element.remove();
  if (headline.anchor && !clone.documentElement.contains(headline.anchor))
    headline = chooseHeadline(clone, [meta.title, doc.title], names, main);
  const lead = findLeadImage(clone, meta, main, url, headline.anchor);
  const declaredByline = checkByline(meta.byline, names);
  const shownByline = declaredByline ? undefined : findVisibleByline(clone, headline.anchor, headline.element, main, names);
  return {
    clone,
    removals,
    lead,
    anchors: main ? longestParagraphs(main) : [],
    mainLength: mainBlock?.textLength ?? 0,
    names,
    headline,
    shownDate,
    declaredDate,
    declaredByline,
    shownByline,
  };
}

/**
 * Readability calls an attempt that finds under its threshold a failure and tries again with
 * its filters off, then keeps the longest text it saw: on a two-sentence news flash that is
 * the page's menus and footer around the flash. When the page's running text is itself short,
 * an attempt that finds about that much has found the article.
 */
function charThreshold(mainText: number): number {
  return mainText === 0 ? CHAR_THRESHOLD : Math.max(MIN_CHARS, Math.min(CHAR_THRESHOLD, Math.floor(mainText * 0.9)));
}

type Parsed = ReturnType<Readability<Element>['parse']>;

function readability(clone: Document, charThreshold: number): Parsed {
  return new Readability(clone, { serializer: (el: Node) => el as Element, charThreshold }).parse();
}

function holds(parsed: Parsed, anchor: string): boolean {
  return collapseSpace(parsed?.textContent ?? '').includes(anchor);
}

/** The block's three longest paragraphs of 80+ characters, collapsed (the first 200 characters of each). */
function longestParagraphs(block: Element): string[] {
  const texts: string[] = [];
  for (const child of block.children) {
    if (child.tagName !== 'P') continue;
    const text = collapseSpace(child.textContent ?? '');
    if (text.length >= 80) texts.push(text);
  }
  return texts
    .sort((a, b) => b.length - a.length)
    .slice(0, 3)
    .map((t) => t.slice(0, 200));
}

/**
 * The reading view shows the lead image above the body; drop its copy near the top of the
 * body so it does not show twice, keeping the caption it carried (a second caption, when the
 * lead has its own, is recorded in `removed`).
 */
function dropDuplicateLead(
  content: Element,
  lead: NonNullable<Article['leadImage']>,
  url: string,
  removed: PlannedRemoval[],
): Article['leadImage'] {
  const images = [...content.querySelectorAll('img')].slice(0, 3);
  const copy = images.find((img) => sameImage(imageSource(img) ?? '', lead.src, url));
  if (!copy) return lead;
  const figure = copy.closest('figure') ?? copy;
  const captionEl = figure.querySelector('figcaption');
  const caption = captionEl ? captionText(captionEl) || undefined : undefined;
  figure.remove();
  const text = collapseSpace(figure.textContent ?? '');
  const shown = collapseSpace(lead.caption ?? caption ?? '');
  if (text && !shown.includes(text)) {
    removed.push({
      rule: 'lead-image-copy',
      kind: 'boilerplate',
      reason: 'the lead image again; the reading view shows it above the text',
      text: excerptOf(text),
      element: figure,
    });
  }
  return lead.caption || !caption ? lead : { ...lead, caption };
}

/**
 * One picture: the same file name once size variants are set aside (imageKey), or, for
 * addresses whose path names no file (an image CDN's `…/resize/840x548!/?url=…`), the same
 * address: every such address has the same empty name.
 */
function sameImage(src: string, leadSrc: string, url: string): boolean {
  const key = imageKey(leadSrc, url);
  if (/\.\w{2,5}$/.test(key)) return imageKey(src, url) === key;
  try {
    return new URL(src, url).href === new URL(leadSrc, url).href;
  } catch {
    return src === leadSrc;
  }
}

const NON_TEXT_REASON: Record<string, string> = {
  IFRAME: "an embedded frame's fallback text",
  OBJECT: "an embedded object's fallback text",
  EMBED: "an embedded object's fallback text",
  NOSCRIPT: 'text for browsers without scripts',
  svg: "a graphic's labels",
};

/**
 * Drops what is not text (scripts, controls, frames, graphics) from the body, recording what
 * held words. A form that holds running text is the page itself (ASP.NET and other templates
 * wrap whole pages in one): it is unwrapped, its controls go and its text stays.
 */
function removeNonText(content: Element, main: Element | null): PlannedRemoval[] {
  const removed: PlannedRemoval[] = [];
  for (const el of content.querySelectorAll(NON_TEXT)) {
    if (!content.contains(el)) continue; // inside one already removed
    if (el.tagName === 'FORM' && holdsRunningText(el, main)) {
      el.replaceWith(...el.childNodes);
      continue;
    }
    el.remove();
    if (el.tagName === 'SCRIPT' || el.tagName === 'STYLE' || el.tagName === 'TEMPLATE') continue;
    const text = collapseSpace(el.textContent ?? '');
    if (text) {
      const reason = NON_TEXT_REASON[el.tagName] ?? 'form controls';
      removed.push({ rule: 'non-text', kind: 'boilerplate', reason, text: excerptOf(text), element: el });
    }
  }
  return removed;
}

function holdsRunningText(form: Element, main: Element | null): boolean {
  if (main && form.contains(main)) return true;
  for (const p of form.getElementsByTagName('p')) {
    let links = 0;
    for (const a of p.getElementsByTagName('a')) links += collapseSpace(a.textContent ?? '').length;
    if (collapseSpace(p.textContent ?? '').length - links >= RUNNING_TEXT) return true;
  }
  return false;
}

/** An inert HTML parser from the page's window, when it has one. */
function htmlParser(view: PurifyWindow): ParseHtml | undefined {
  const Parser = (view as unknown as { DOMParser?: typeof DOMParser }).DOMParser;
  return Parser ? (html) => new Parser().parseFromString(html, 'text/html') : undefined;
}

/**
 * A menu or a list of headlines: over 80% of the text is links to other pages, and no
 * paragraph has running text of its own. Links within the page (a table of contents) are
 * not links away, and a page of linked items that each say something is still read.
 */
function isLinkList(el: Element): boolean {
  const total = (el.textContent ?? '').replace(/\s+/g, '').length;
  if (total === 0) return true;
  let linked = 0;
  for (const a of el.querySelectorAll('a')) {
    if ((a.getAttribute('href') ?? '').startsWith('#')) continue;
    linked += (a.textContent ?? '').replace(/\s+/g, '').length;
  }
  if (linked / total <= 0.8) return false;
  return !hasRunningText(el);
}

/** A block (paragraph, item, cell) with RUNNING_TEXT characters that are not link text. */
function hasRunningText(root: Element): boolean {
  for (const block of root.querySelectorAll('p, li, dd, td, blockquote')) {
    let links = 0;
    for (const a of block.getElementsByTagName('a')) links += collapseSpace(a.textContent ?? '').length;
    if (collapseSpace(block.textContent ?? '').length - links >= RUNNING_TEXT) return true;
  }
  return false;
}

/** Text with blank lines between blocks, so paragraphs stay paragraphs in text exports. */
export function blockText(root: Element): string {
  const parts: string[] = [];
  let line = '';
  const flush = (): void => {
    const t = collapseSpace(line);
    if (t) parts.push(t);
    line = '';
  };
  const walk = (node: Node): void => {
    for (let child = node.firstChild; child; child = child.nextSibling) {
      if (child.nodeType === 3) line += child.nodeValue ?? '';
      else if (child.nodeType === 1) {
        const isBlock = BLOCK.test((child as Element).tagName);
        if (isBlock) flush();
        walk(child);
        if (isBlock) flush();
      }
    }
  };
  walk(root);
  flush();
  return parts.join('\n\n');
}

/**
 * The body's line the byline was read from: a credit after the text (its text node), or a
 * «بقلم …» line at its top (an element of the page before Readability, found again in the
 * body by its text: Readability moves or copies the page's nodes).
 */
function planBylineLine(content: Element, source: Node | undefined): PlannedRemoval[] {
  const text = collapseSpace(source?.textContent ?? '');
  if (!source || !text) return [];
  let line: Node | undefined = content.contains(source) ? source : undefined;
  line ??= [...content.querySelectorAll('p, div, span, li, strong, b')].find((el) => collapseSpace(el.textContent ?? '') === text);
  if (!line) return [];
  // The outermost element that holds only this line.
  let target: Node = line;
  while (target.parentElement && target.parentElement !== content && collapseSpace(target.parentElement.textContent ?? '') === text)
    target = target.parentElement;
  // PlannedRemoval points at an element; a bare text node is wrapped so it can be removed alike.
  let element: Element;
  if (target.nodeType === 1) element = target as Element;
  else {
    element = content.ownerDocument.createElement('span');
    target.parentNode?.replaceChild(element, target);
    element.appendChild(target);
  }
  return [{ rule: 'byline-line', kind: 'boilerplate', reason: 'byline; the reading view shows it above the text', text, element }];
}

function hostnameOf(url: string): string | undefined {
  try {
    const host = new URL(url).hostname.replace(/^www\./, '');
    return host || undefined;
  } catch {
    return undefined;
  }
}
