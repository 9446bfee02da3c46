import { imageSource } from './images.ts';
import type { PageMetadata } from './metadata.ts';
import type { LeadImage } from './types.ts';

/**
 * The lead image and its caption. Templates often put the featured image outside the
 * body Readability keeps, so it is found on the decluttered page before extraction.
 */

// Ancestor checks by hand: selector engines are slow on large pages in node (jsdom).
const CHROME_TAGS = new Set(['HEADER', 'NAV', 'FOOTER', 'ASIDE']);
const NOT_CONTENT_NAME = /logo|avatar|author/i;
const CONTAINER_NAME = /wp-caption|featured|post-thumbnail|lead|main-image|article-image/i;
const CAPTION_NAME = /caption|credit/i;

const nameOf = (el: Element): string => `${el.getAttribute('class') ?? ''} ${el.getAttribute('id') ?? ''}`;

function closestWhere(el: Element, test: (e: Element) => boolean, depth = 12): Element | undefined {
  for (let e: Element | null = el, i = 0; e && i < depth; e = e.parentElement, i++) if (test(e)) return e;
  return undefined;
}

const isChrome = (img: Element): boolean =>
  closestWhere(img, (e) => CHROME_TAGS.has(e.tagName) || NOT_CONTENT_NAME.test(nameOf(e)), 40) !== undefined;
const isContainer = (e: Element): boolean => e.tagName === 'FIGURE' || CONTAINER_NAME.test(nameOf(e));
const isCaption = (e: Element): boolean => e.tagName === 'FIGCAPTION' || CAPTION_NAME.test(e.getAttribute('class') ?? '');

/** Inside a link to another page (a teaser), not a link to the full-size picture. */
function linksElsewhere(img: Element): boolean {
  const link = closestWhere(img, (e) => e.tagName === 'A', 4);
  const href = link?.getAttribute('href');
  return href !== undefined && href !== null && !/\.(?:jpe?g|png|webp|gif)(?:\?|$)/i.test(href);
}

function findCaption(container: Element): Element | undefined {
  const walker = container.ownerDocument.createTreeWalker(container, 1);
  for (let e = walker.nextNode() as Element | null; e; e = walker.nextNode() as Element | null) if (isCaption(e)) return e;
  return undefined;
}

/** "photo-1024x683.jpg?ver=2" and "photo.jpg" are one image. */
export function imageKey(src: string, base: string): string {
  try {
    const path = new URL(src, base).pathname;
    const name = decodeURIComponent(path.slice(path.lastIndexOf('/') + 1));
    return name.replace(/-\d{2,4}x\d{2,4}(?=\.\w+$)/, '').toLowerCase();
  } catch {
    return src;
  }
}

export function absoluteUrl(src: string, base: string): string | undefined {
  try {
    const u = new URL(src, base);
    return u.protocol === 'http:' || u.protocol === 'https:' ? u.href : undefined;
  } catch {
    return undefined;
  }
}

function captionNear(img: Element): string | undefined {
  const container = closestWhere(img, isContainer, 6);
  const caption = (container && findCaption(container)) ?? nextCaption(img);
  const text = caption?.textContent?.replace(/\s+/g, ' ').trim();
  return text && text.length <= 500 ? text : undefined;
}

/** A caption right after the image (or its link/wrapper), as some templates write it. */
function nextCaption(img: Element): Element | undefined {
  let el: Element | null = img;
  for (let i = 0; el && i < 3; i++, el = el.parentElement) {
    const next = el.nextElementSibling;
    if (next && isCaption(next)) return next;
  }
  return undefined;
}

function isContentImage(img: Element): boolean {
  const width = Number(img.getAttribute('width') ?? '0');
  const height = Number(img.getAttribute('height') ?? '0');
  if ((width > 0 && width < 200) || (height > 0 && height < 120)) return false;
  const src = imageSource(img) ?? '';
  return src !== '' && !/logo|icon|avatar|sprite|pixel|spacer|blank\.gif|(?:^|[/_.-])ads?[/_-]/i.test(src) && !isChrome(img);
}

const MAX_STEPS = 5000;

/** The first content image after the headline and before the first paragraph of the text. */
function firstImageBeforeText(doc: Document, main: Element): Element | undefined {
  const start = doc.querySelector('h1') ?? doc.body;
  const stop = main.querySelector('p') ?? main;
  if (!start) return undefined;
  const walker = doc.createTreeWalker(doc.body ?? doc.documentElement, 1);
  walker.currentNode = start;
  // One walk in document order; comparing positions pairwise is slow in node's DOM.
  for (let e = walker.nextNode() as Element | null, steps = 0; e && steps < MAX_STEPS; e = walker.nextNode() as Element | null, steps++) {
    if (e === stop) return undefined;
    if (e.tagName === 'IMG' && isContentImage(e) && !linksElsewhere(e)) return e;
  }
  return undefined;
}

/**
 * The image the page names (og:image / JSON-LD) if it is on the page, else the first
 * content image before the body text; its caption when it has one.
 */
export function findLeadImage(
  doc: Document,
  meta: PageMetadata,
  main: Element | undefined,
  baseUrl: string,
): LeadImage | undefined {
  const images = [...doc.querySelectorAll('img')];
  const named = meta.image ? imageKey(meta.image, baseUrl) : undefined;
  let img: Element | undefined = named ? images.find((i) => imageKey(imageSource(i) ?? '', baseUrl) === named && !isChrome(i)) : undefined;
  if (!img && main) img = firstImageBeforeText(doc, main);
  const src = (img && imageSource(img)) ?? meta.image;
  const absolute = src ? absoluteUrl(src, baseUrl) : undefined;
  if (!absolute) return undefined;
  const alt = img?.getAttribute('alt')?.trim();
  const caption = img ? captionNear(img) : undefined;
  return { src: absolute, ...(alt ? { alt } : {}), ...(caption ? { caption } : {}) };
}
