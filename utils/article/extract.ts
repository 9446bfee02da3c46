import { Readability } from '@mozilla/readability';
import { planBodyClean } from './body-clean.ts';
import { checkByline, findCreditLine, findVisibleByline } from './byline.ts';
import { findShownDate, normalizeDate } from './dates.ts';
import { planDeclutter } from './declutter.ts';
import { resolveLanguage } from './direction.ts';
import { textSample } from './dom-walk.ts';
import { chooseHeadline } from './headline.ts';
import { imageSource, resolveImages } from './images.ts';
import { copyNaturalSizes, findLeadImage, imageKey, isInvisibleImage } from './lead-image.ts';
import { assertReadableSize } from './limits.ts';
import { findMainBlock } from './main-text.ts';
import { readMetadata } from './metadata.ts';
import { readPageNames } from './page-names.ts';
import { unwrapNoscriptText, type ParseHtml } from './noscript.ts';
import { hoistHtmlFromForeign, sanitizeElementInPlace, type PurifyWindow } from './sanitize.ts';
import { collapseSpace, countWords, readingMinutes } from './text.ts';
import type { Article, PlannedRemoval } from './types.ts';

export interface ExtractOptions {
  /** The window whose DOM classes DOMPurify binds to; the document's own by default. */
  view?: PurifyWindow;
}

const MIN_WORDS = 8;
const READABILITY_CHARS = 400;
const MIN_CHARS = 80;
const NON_TEXT = 'script, style, noscript, template, button, input, select, textarea, form, iframe, object, embed, svg';
const BLOCK = /^(?:P|DIV|LI|H[1-6]|BLOCKQUOTE|FIGCAPTION|PRE|TR|DD|DT|SECTION|ARTICLE|UL|OL|TABLE|FIGURE|HR|BR)$/;

/**
 * extractArticle: clone → remove planned clutter → Readability → remove clutter that
 * survived inside the body → lead image and caption → metadata → sanitise.
 * Never mutates `doc`. Returns null when no article text can be found; throws
 * PageTooLargeError, before any other work, on a page over the size guard (limits.ts).
 */
export function extractArticle(doc: Document, url: string, options: ExtractOptions = {}): Article | null {
  const view = options.view ?? (doc.defaultView as PurifyWindow | null);
  if (!view) throw new Error('extractArticle needs a document with a window (or options.view)');
  assertReadableSize(doc);

  // A frameset holds no text of its own: the article is in one of its frames (detect says why).
  if (doc.body?.tagName === 'FRAMESET') return null;

  const meta = readMetadata(doc);
  const clone = doc.cloneNode(true) as Document;
  copyNaturalSizes(doc, clone);
  let mainBlock = clone.body ? findMainBlock(clone.body, true) : undefined;
  if (unwrapNoscriptText(clone, mainBlock, htmlParser(view))) mainBlock = clone.body ? findMainBlock(clone.body, true) : undefined;
  const main = mainBlock?.element;
  resolveImages(clone);
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
  if (headline.anchor && !clone.documentElement.contains(headline.anchor)) headline = chooseHeadline(clone, [meta.title, doc.title], names, main);
  const lead = findLeadImage(clone, meta, main, url, headline.anchor);
  const declaredByline = checkByline(meta.byline, names);
  const shownByline = declaredByline ? undefined : findVisibleByline(clone, headline.anchor, headline.element, main, names);

  const parsed = new Readability(clone, { serializer: (el: Node) => el as Element, charThreshold: charThreshold(mainBlock?.textLength) }).parse();
  const content = parsed?.content as Element | null | undefined;
  if (!parsed || !content) return null;

  // Inline "read also" boxes, trailing related lists and appeals inside the body.
  const inner = planDeclutter(clone, { root: content, protect: findMainBlock(content, true)?.element ?? null });
  for (const r of inner) r.element.remove();
  // Paragraphs a broken <svg>/<math> swallowed are still article text: keep them, drop the graphics.
  hoistHtmlFromForeign(content);
  for (const el of content.querySelectorAll(NON_TEXT)) el.remove();
  const credit = declaredByline || shownByline ? undefined : findCreditLine(content, names);
  const byline = declaredByline ?? shownByline?.byline ?? credit?.byline;
  // The line the byline was read from, inside the text: the reading view shows it above.
  const bylineLines = planBylineLine(content, credit?.node ?? shownByline?.element);
  for (const r of bylineLines) r.element.remove();
  const lines = planBodyClean(content, byline, [headline.text, meta.title, parsed.title]);
  for (const r of lines) r.element.remove();

  let leadImage = lead;
  if (leadImage) leadImage = dropDuplicateLead(content, leadImage, url);
  // Pixels, counters and spacers: the reading view must not request them.
  for (const img of [...content.getElementsByTagName('img')]) if (isInvisibleImage(img, url)) img.remove();

  const textContent = blockText(content);
  // A menu or a list of headlines is not an article, whatever Readability made of it.
  if (countWords(textContent) < MIN_WORDS || linkShare(content) > 0.8) return null;

  const title = headline.text || collapseSpace(parsed.title ?? '');
  const { lang, dir } = resolveLanguage(`${title}\n${textContent.slice(0, 4000)}`, meta.lang ?? parsed.lang ?? undefined);
  const wordCount = countWords(textContent);
  const siteName = meta.siteName ?? parsed.siteName ?? hostnameOf(url);
  // A <time> by the headline marked as published, the declared date (JSON-LD, meta), another
  // <time> by the headline (often the last update), a date line by the headline.
  const publishedTime =
    shownDate.published ?? declaredDate ?? shownDate.time ?? shownDate.line ?? normalizeDate(parsed.publishedTime, lang);
  const excerpt = collapseSpace(meta.description ?? parsed.excerpt ?? '') || undefined;

  return {
    url,
    title,
    ...(byline ? { byline } : {}),
    ...(siteName ? { siteName } : {}),
    ...(publishedTime ? { publishedTime } : {}),
    lang,
    dir,
    ...(excerpt ? { excerpt } : {}),
    ...(leadImage ? { leadImage } : {}),
    contentHtml: sanitizeElementInPlace(content, view),
    textContent,
    wordCount,
    readingMinutes: readingMinutes(wordCount, lang),
    removed: [...removals, ...inner, ...bylineLines, ...lines].map((r) => ({ rule: r.rule, kind: r.kind, reason: r.reason, text: r.text })),
  };
}

/**
 * The reading view shows the lead image above the body; drop its copy near the top of the
 * body so it does not show twice, keeping the caption it carried.
 */
function dropDuplicateLead(content: Element, lead: NonNullable<Article['leadImage']>, url: string): Article['leadImage'] {
  const key = imageKey(lead.src, url);
  const images = [...content.querySelectorAll('img')].slice(0, 3);
  const copy = images.find((img) => imageKey(imageSource(img) ?? '', url) === key);
  if (!copy) return lead;
  const figure = copy.closest('figure') ?? copy;
  const caption = figure.querySelector('figcaption')?.textContent?.replace(/\s+/g, ' ').trim();
  figure.remove();
  return lead.caption || !caption ? lead : { ...lead, caption };
}

/**
 * Readability calls an attempt that finds under 400 characters a failure and tries again
 * with its filters off, then keeps the longest text it saw: on a two-sentence news flash
 * that is the page's menus and footer around the flash. When the page's running text is
 * itself short, an attempt that finds about that much has found the article.
 */
function charThreshold(mainText: number | undefined): number {
  return mainText === undefined ? READABILITY_CHARS : Math.max(MIN_CHARS, Math.min(READABILITY_CHARS, Math.floor(mainText * 0.9)));
}

/** An inert HTML parser from the page's window, when it has one. */
function htmlParser(view: PurifyWindow): ParseHtml | undefined {
  const Parser = (view as unknown as { DOMParser?: typeof DOMParser }).DOMParser;
  return Parser ? (html) => new Parser().parseFromString(html, 'text/html') : undefined;
}

function linkShare(el: Element): number {
  const total = (el.textContent ?? '').replace(/\s+/g, '').length;
  let linked = 0;
  for (const a of el.querySelectorAll('a')) linked += (a.textContent ?? '').replace(/\s+/g, '').length;
  return total === 0 ? 1 : linked / total;
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
  while (target.parentElement && target.parentElement !== content && collapseSpace(target.parentElement.textContent ?? '') === text) target = target.parentElement;
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
