import { Readability } from '@mozilla/readability';
import { planBodyClean } from './body-clean.ts';
import { planDeclutter } from './declutter.ts';
import { resolveLanguage } from './direction.ts';
import { imageSource, resolveImages } from './images.ts';
import { findLeadImage, imageKey } from './lead-image.ts';
import { assertReadableSize } from './limits.ts';
import { findMainBlock } from './main-text.ts';
import { readMetadata } from './metadata.ts';
import { unwrapNoscriptText, type ParseHtml } from './noscript.ts';
import { hoistHtmlFromForeign, sanitizeElementInPlace, type PurifyWindow } from './sanitize.ts';
import { collapseSpace, countWords, readingMinutes } from './text.ts';
import type { Article, PlannedRemoval } from './types.ts';

export interface ExtractOptions {
  /** The window whose DOM classes DOMPurify binds to; the document's own by default. */
  view?: PurifyWindow;
}

const MIN_WORDS = 8;
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
  let mainBlock = clone.body ? findMainBlock(clone.body, true) : undefined;
  if (unwrapNoscriptText(clone, mainBlock, htmlParser(view))) mainBlock = clone.body ? findMainBlock(clone.body, true) : undefined;
  const main = mainBlock?.element;
  resolveImages(clone);
  const hostname = hostnameOf(url);
  // root given: the size guard has run on this page already.
  const removals: PlannedRemoval[] = clone.body
    ? planDeclutter(clone, { root: clone.body, protect: main ?? null, ...(hostname ? { hostname } : {}) })
    : [];
  for (const r of removals) r.element.remove();

  const lead = findLeadImage(clone, meta, main, url);

  const parsed = new Readability(clone, { serializer: (el: Node) => el as Element, charThreshold: 400 }).parse();
  const content = parsed?.content as Element | null | undefined;
  if (!parsed || !content) return null;

  // Inline "read also" boxes, trailing related lists and appeals inside the body.
  const inner = planDeclutter(clone, { root: content, protect: findMainBlock(content, true)?.element ?? null, cutOut: true, ...(hostname ? { hostname } : {}) });
  for (const r of inner) r.element.remove();
  // Paragraphs a broken <svg>/<math> swallowed are still article text: keep them, drop the graphics.
  hoistHtmlFromForeign(content);
  for (const el of content.querySelectorAll(NON_TEXT)) el.remove();
  const lines = planBodyClean(content, meta.byline ?? parsed.byline ?? undefined, [meta.title, parsed.title]);
  for (const r of lines) r.element.remove();

  let leadImage = lead;
  if (leadImage) leadImage = dropDuplicateLead(content, leadImage, url);

  const textContent = blockText(content);
  // A menu or a list of headlines is not an article, whatever Readability made of it.
  if (countWords(textContent) < MIN_WORDS || linkShare(content) > 0.8) return null;

  const title = chooseTitle(doc, meta.title, parsed.title);
  const { lang, dir } = resolveLanguage(`${title}\n${textContent.slice(0, 4000)}`, meta.lang ?? parsed.lang ?? undefined);
  const wordCount = countWords(textContent);
  const siteName = meta.siteName ?? parsed.siteName ?? hostnameOf(url);
  const byline = cleanByline(meta.byline ?? parsed.byline ?? undefined);
  const publishedTime = meta.publishedTime ?? parsed.publishedTime ?? undefined;
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
    removed: [...removals, ...inner, ...lines].map((r) => ({ rule: r.rule, kind: r.kind, reason: r.reason, text: r.text })),
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
 * The headline as shown: the page's <h1> when it is the metadata title (or a part of it,
 * without the " | Site" suffix), otherwise the metadata or Readability title.
 */
function chooseTitle(doc: Document, metaTitle?: string, readabilityTitle?: string | null): string {
  const candidates = [metaTitle, readabilityTitle ?? undefined].map((t) => collapseSpace(t ?? '')).filter(Boolean);
  const headings = [...doc.querySelectorAll('h1')].map((h) => collapseSpace(h.textContent ?? '')).filter((t) => t.length >= 8);
  for (const h of headings) {
    if (candidates.some((c) => c.includes(h) || h.includes(c))) return h;
  }
  return candidates[0] ?? headings[0] ?? collapseSpace(doc.title);
}

function cleanByline(byline: string | undefined): string | undefined {
  const t = collapseSpace(byline ?? '');
  return t && t.length <= 120 ? t : undefined;
}

function hostnameOf(url: string): string | undefined {
  try {
    const host = new URL(url).hostname.replace(/^www\./, '');
    return host || undefined;
  } catch {
    return undefined;
  }
}
