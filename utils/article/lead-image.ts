import { captionText } from './body-clean.ts';
import { imageSource } from './images.ts';
import type { MetaImage, PageMetadata } from './metadata.ts';
import type { LeadImage } from './types.ts';
import { collapseSpace } from './text.ts';

/**
 * The lead image and its caption: the largest meaningful image of the article. Templates
 * often put the featured image outside the body Readability keeps, so it is found on the
 * decluttered page before extraction. Never a counter or tracking endpoint (showing it would
 * ping the site's counter each time the popup opens), a logo, an icon, or the site's
 * placeholder ("default_…", "big_defualt_image…", "…/null-46.jpg").
 */

// Ancestor checks by hand: selector engines are slow on large pages in node (jsdom).
const CHROME_TAGS = new Set(['HEADER', 'NAV', 'FOOTER', 'ASIDE']);
const NOT_CONTENT_NAME = /logo|avatar|author/i;
const CONTAINER_NAME = /wp-caption|featured|post-thumbnail|lead|main-image|article-image/i;
const CAPTION_NAME =
  /caption|credit|(?:^|[-_\s])(?:img|image|photo|pic|foto)[-_]?(?:cap|desc|text|title|info|legend)(?:$|[-_\s])|(?:^|[-_\s])(?:cap|legend)(?:$|[-_\s])/i;
const MAX_CAPTION = 500;
const MAX_WRAPPER_CAPTION = 250;

// A file named for what it stands in for, wherever the word sits in its name.
const STAND_IN_WORD =
  /(?:^|[-_.\s])(?:default|defualt|placeholder|place-holder|no-?image|no-?img|no-?photo|no-?pic|no-?thumb(?:nail)?|image-?not-?found|spacer|1x1|dummy|transparent)(?=$|[-_.\s\d])/i;
// Logos and icons: the site's own pictures. A news photo of a company's logo is named so too,
// so these are refused only when the article does not show them.
const LOGO_WORD = /(?:^|[-_.\s])(?:favicon|sprites?|logos?|avatars?|icons?)(?=$|[-_.\s\d])/i;
const LOGO_DIR = /\/(?:logos?|icons?|avatars?|emojis?|emoticons|smilies|sprites?|badges|flags|buttons)\//i;
// A file that is only a word like this (and numbers): "null-46.jpg", "blank.gif", "pixel.png".
const STAND_IN_NAME =
  /^(?:blank|empty|pixel|null|undefined|none|nan|missing|loading|loader|fallback|noimage|clear|trans)(?:[-_.]?\d+(?:x\d+)?)*$/i;
const STAND_IN_DIR = /\/placeholders?\//i;
// View counters, hit counters, tracking pixels: an endpoint, not a picture.
const COUNTER_WORD =
  /(?:^|[/_.?&=;-])(?:counters?|count|hits?|hitcounter|views?|viewcount|visits?|visitors?|pageviews?|impressions?|track|tracking|tracker|pixel|beacon|stats?|statistics|analytics|collect|log|ping|increment)(?=$|[/_.?&=;-])/i;
const TRACKER_HOST =
  /(?:^|\.)(?:doubleclick\.net|google-analytics\.com|googletagmanager\.com|googlesyndication\.com|scorecardresearch\.com|quantserve\.com|chartbeat\.net|facebook\.com|facebook\.net|yandex\.ru|yadro\.ru|hotjar\.com|bat\.bing\.com|pixel\.wp\.com|stats\.wp\.com|top100\.rambler\.ru|alexametrics\.com)$/i;
const IMAGE_EXTENSION = /\.(?:jpe?g|jfif|png|gif|webp|avif|bmp|svg|heic)$/i;
// Both sides of a size in the name under this: an icon's thumbnail ("yad2_51x30.png").
const TINY_NAMED = 100;
// A lead image narrower or lower than this is a thumbnail or an icon, not a photo.
const MIN_LEAD_WIDTH = 200;
const MIN_LEAD_HEIGHT = 120;

const nameOf = (el: Element): string => `${el.getAttribute('class') ?? ''} ${el.getAttribute('id') ?? ''}`;

// The size a loaded image really has, copied onto the clone (which loads nothing).
const NATURAL = 'data-naqi-natural';

/**
 * On the live page the browser has loaded the images: their natural size tells a 1×1 counter
 * or a 40 px icon from a photo even when the markup declares no size. Copies it onto the
 * clone's images, which are the page's in the same order (call before changing the clone).
 * Reads the page only. In node (jsdom) nothing is loaded and nothing is copied.
 */
export function copyNaturalSizes(page: Document, clone: Document): void {
  const from = page.getElementsByTagName('img');
  const to = clone.getElementsByTagName('img');
  if (from.length !== to.length) return;
  for (let i = 0; i < from.length; i++) {
    const img = from[i] as HTMLImageElement | undefined;
    if (img?.complete && img.naturalWidth > 0) to[i]?.setAttribute(NATURAL, `${img.naturalWidth}x${img.naturalHeight}`);
  }
}

/** Declared size, else the natural size copied from the live page; NaN when unknown. */
function sizeOfImage(img: Element): [number, number] {
  const natural = /^(\d+)x(\d+)$/.exec(img.getAttribute(NATURAL) ?? '');
  const side = (attr: string, fromNatural: string | undefined): number => {
    // Pixels only: width="100%" says nothing about the picture.
    const declared = Number(/^\s*(\d+)(?:px)?\s*$/.exec(img.getAttribute(attr) ?? '')?.[1] ?? Number.NaN);
    return Number.isNaN(declared) ? Number(fromNatural ?? Number.NaN) : declared;
  };
  return [side('width', natural?.[1]), side('height', natural?.[2])];
}

function closestWhere(el: Element, test: (e: Element) => boolean, depth = 12): Element | undefined {
  for (let e: Element | null = el, i = 0; e && i < depth; e = e.parentElement, i++) if (test(e)) return e;
  return undefined;
}

function parseUrl(src: string, base: string): URL | undefined {
  try {
    return new URL(src, base);
  } catch {
    return undefined;
  }
}

/** The file name without its extension(s), camelCase split ("default_ynetLogo200_200" → "default_ynet-logo200_200"). */
function fileStem(pathname: string): string {
  let name = pathname.slice(pathname.lastIndexOf('/') + 1);
  try {
    name = decodeURIComponent(name);
  } catch {
    // a stray % in a file name: compare it as written
  }
  return name.replace(/(?:\.[a-z0-9]{2,5})+$/i, '').replace(/([a-z])([A-Z])/g, '$1-$2');
}

/** A counter, hit or tracking endpoint: fetching it is a visit the reader did not make. */
export function isCounterUrl(src: string, base = 'https://invalid.test/'): boolean {
  const url = parseUrl(src, base);
  if (!url) return false;
  if (TRACKER_HOST.test(url.hostname)) return true;
  return COUNTER_WORD.test(`${url.pathname}${url.search}`) && (url.search !== '' || !IMAGE_EXTENSION.test(url.pathname));
}

/** Stand-in pictures: placeholders, spacers, "no image", tiny named sizes. */
function isStandIn(url: URL): boolean {
  const stem = fileStem(url.pathname);
  if (STAND_IN_WORD.test(stem) || STAND_IN_NAME.test(stem) || STAND_IN_DIR.test(url.pathname)) return true;
  const size = /(?:^|[-_.])(\d{1,4})[x×_](\d{1,4})(?:$|[-_.])/.exec(stem);
  return size !== null && Number(size[1]) < TINY_NAMED && Number(size[2]) < TINY_NAMED;
}

/**
 * An image address never to request: a counter or tracker, a placeholder, a spacer, or not a
 * web address at all. The reading view checks the lead image with it before it puts the
 * address in an <img>.
 */
export function isJunkImageUrl(src: string, base = 'https://invalid.test/'): boolean {
  const url = parseUrl(src, base);
  if (!url || (url.protocol !== 'http:' && url.protocol !== 'https:')) return true;
  return isCounterUrl(url.href) || isStandIn(url);
}

/** A logo or an icon by its name or folder: a lead image only when the article shows it. */
export function isLogoUrl(src: string, base = 'https://invalid.test/'): boolean {
  const url = parseUrl(src, base);
  return !!url && (LOGO_WORD.test(fileStem(url.pathname)) || LOGO_DIR.test(url.pathname));
}

/** The width an address says it has: "-600x338.jpg", "?w=150", "/w_1280,", "/325x0/". NaN when it says none. */
function widthInUrl(src: string): number {
  const m =
    /-(\d{2,4})x\d{2,4}(?=\.\w+(?:$|[?#]))/.exec(src) ??
    /[?&](?:w|width|wid|resize)=(\d{2,4})\b/i.exec(src) ??
    /[/,]w_(\d{2,4})\b/.exec(src) ??
    /\/(\d{2,4})x\d{1,4}\//.exec(src);
  return m ? Number(m[1]) : Number.NaN;
}

// Inside the body, only what no reader sees: a pixel, a counter, a spacer or a placeholder.
const BODY_STAND_IN = /(?:^|[-_.\s])(?:spacer|1x1|placeholder|place-holder|transparent|defualt|no-?image)(?=$|[-_.\s\d])/i;

/**
 * A body image that shows nothing and is requested for its side effect or as a stand-in:
 * tracking pixels (declared 1–3 px), counter endpoints, spacers, placeholders. Logos and
 * icons inside the text may be what the article is about: they stay.
 */
export function isInvisibleImage(img: Element, base: string): boolean {
  const src = img.getAttribute('src')?.trim();
  if (!src) return true;
  if (/^data:/i.test(src)) return false;
  const url = parseUrl(src, base);
  if (!url) return true;
  const [width, height] = sizeOfImage(img);
  if (width <= 3 || height <= 3) return true;
  const stem = fileStem(url.pathname);
  return isCounterUrl(url.href) || BODY_STAND_IN.test(stem) || STAND_IN_NAME.test(stem);
}

// A <header> inside an <article>, or one that holds the headline, is the article's own.
const isChromeBox = (e: Element): boolean =>
  (CHROME_TAGS.has(e.tagName) && !(e.tagName === 'HEADER' && (e.closest('article') || e.getElementsByTagName('h1').length > 0))) ||
  NOT_CONTENT_NAME.test(nameOf(e));
const isChrome = (img: Element): boolean => closestWhere(img, isChromeBox, 40) !== undefined;
const isContainer = (e: Element): boolean => e.tagName === 'FIGURE' || CONTAINER_NAME.test(nameOf(e));
const isCaption = (e: Element): boolean => e.tagName === 'FIGCAPTION' || CAPTION_NAME.test(nameOf(e));
const isHidden = (e: Element): boolean =>
  e.hasAttribute('hidden') ||
  e.getAttribute('aria-hidden') === 'true' ||
  /display\s*:\s*none|visibility\s*:\s*hidden/i.test(e.getAttribute('style') ?? '');

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

/**
 * "photo-1024x683.jpg?ver=2", "photo-scaled.jpg", "photo@2x.jpg" and "photo.jpg" are one
 * image (WordPress and CDN size variants of one original).
 */
export function imageKey(src: string, base: string): string {
  try {
    const path = new URL(src, base).pathname;
    const name = decodeURIComponent(path.slice(path.lastIndexOf('/') + 1)).toLowerCase();
    return name
      .replace(/(\.(?:jpe?g|png|gif|webp|avif))(?:\.(?:jpe?g|png|gif|webp|avif))+$/, '$1')
      .replace(/(?:-\d{2,4}x\d{2,4}|-scaled|-rotated|-e\d{10,13}|@[23]x)+(?=\.\w+$)/, '');
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

/** The text of the image's own box, when the box holds the image and one short line after it. */
function wrapperCaption(img: Element): string | undefined {
  let box = img.parentElement;
  if (box && /^(?:A|PICTURE|SPAN)$/.test(box.tagName) && box.children.length === 1) box = box.parentElement;
  if (!box || box.getElementsByTagName('img').length !== 1 || !box.firstElementChild?.contains(img)) return undefined;
  if (box.querySelector('h1, h2, h3, h4, h5, h6, p, time, ul, ol, table, form')) return undefined;
  const text = collapseSpace(box.textContent ?? '');
  if (!text || text.length > MAX_WRAPPER_CAPTION) return undefined;
  let linked = 0;
  for (const a of box.querySelectorAll('a')) linked += collapseSpace(a.textContent ?? '').length;
  return linked * 2 < text.length ? text : undefined;
}

function captionNear(img: Element): string | undefined {
  const container = closestWhere(img, isContainer, 6);
  const caption = (container && findCaption(container)) ?? nextCaption(img);
  const text = (caption ? captionText(caption) : undefined) ?? wrapperCaption(img);
  return text && text.length <= MAX_CAPTION ? text : undefined;
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

// NaN (unknown) compares false: an image of unknown size is not tiny.
const isTiny = (width: number, height: number): boolean => width < MIN_LEAD_WIDTH || height < MIN_LEAD_HEIGHT;

/**
 * An image on the page that can be the lead: a real, large enough picture in the article's
 * part of the page. A logo only when the metadata names the same picture (`named`: image keys).
 */
function isContentImage(img: Element, base: string, named?: ReadonlySet<string>): boolean {
  if (isTiny(...sizeOfImage(img))) return false;
  const src = imageSource(img);
  if (!src || isJunkImageUrl(src, base) || /(?:^|[/_.-])ads?[/_-]/i.test(src)) return false;
  if (isLogoUrl(src, base) && !named?.has(imageKey(src, base))) return false;
  return !isChrome(img) && closestWhere(img, isHidden, 8) === undefined;
}

/** An image the metadata names that can be the lead: a web address, no stand-in, not declared tiny. */
function isUsableNamed(image: MetaImage, base: string): boolean {
  return !isJunkImageUrl(image.src, base) && !isTiny(image.width ?? widthInUrl(image.src), image.height ?? Number.NaN);
}

/** The widest of the named images whose width is known, else the first. */
function widest(images: readonly MetaImage[]): MetaImage | undefined {
  let best: MetaImage | undefined;
  let bestWidth = -1;
  for (const image of images) {
    const width = image.width ?? widthInUrl(image.src);
    if (width > bestWidth) [best, bestWidth] = [image, width];
  }
  return best ?? images[0];
}

// A page variant narrower than this gives way to the named original (a 150 px thumbnail of the
// og:image): the reading view is about 600–800 px wide.
const MIN_VARIANT_WIDTH = 600;

const MAX_STEPS = 5000;
// An image at the top of the text is the lead when no more than this much text comes before it.
const MAX_TEXT_BEFORE_LEAD = 600;

/** The first content image after the headline and before the first paragraph of the text. */
function firstImageBeforeText(doc: Document, start: Element, main: Element, base: string): Element | undefined {
  const stop = main.querySelector('p') ?? main;
  const walker = doc.createTreeWalker(doc.body ?? doc.documentElement, 1);
  walker.currentNode = start;
  // One walk in document order; comparing positions pairwise is slow in node's DOM.
  for (let e = walker.nextNode() as Element | null, steps = 0; e && steps < MAX_STEPS; e = walker.nextNode() as Element | null, steps++) {
    if (e === stop) return undefined;
    if (e.tagName === 'IMG' && isContentImage(e, base) && !linksElsewhere(e)) return e;
  }
  return undefined;
}

/** The first content image inside the text, when little text comes before it. */
function firstImageAtTopOfText(main: Element, base: string): Element | undefined {
  const walker = main.ownerDocument.createTreeWalker(main, 1 | 4);
  let text = 0;
  for (let n = walker.nextNode(), steps = 0; n && steps < MAX_STEPS; n = walker.nextNode(), steps++) {
    if (n.nodeType === 3) {
      text += (n.nodeValue ?? '').trim().length;
      if (text > MAX_TEXT_BEFORE_LEAD) return undefined;
    } else if ((n as Element).tagName === 'IMG' && isContentImage(n as Element, base) && !linksElsewhere(n as Element)) return n as Element;
  }
  return undefined;
}

/**
 * In order: an image the metadata names (JSON-LD, og:image, twitter:image) as the page shows
 * it; the first content image between the headline and the text; a named image the page does
 * not show; when the metadata names none that can be shown (a placeholder, a logo), an image
 * at the top of the text. Stand-ins, counters and thumbnails are never chosen.
 * @param headline the page's headline element, where the search for a figure starts
 */
export function findLeadImage(
  doc: Document,
  meta: PageMetadata,
  main: Element | undefined,
  baseUrl: string,
  headline?: Element,
): LeadImage | undefined {
  const usable = meta.images.filter((i) => isUsableNamed(i, baseUrl));
  const keys = new Set(usable.map((i) => imageKey(i.src, baseUrl)));
  // A named logo may be the photo (a story about a company): only as the article shows it.
  const named = usable.filter((i) => !isLogoUrl(i.src, baseUrl));
  let img: Element | undefined;
  let original: MetaImage | undefined;
  if (keys.size > 0) {
    for (const candidate of doc.getElementsByTagName('img')) {
      const key = imageKey(imageSource(candidate) ?? '', baseUrl);
      if (keys.has(key) && isContentImage(candidate, baseUrl, keys)) {
        img = candidate;
        original = widest(usable.filter((i) => imageKey(i.src, baseUrl) === key));
        break;
      }
    }
  }
  const start = headline ?? doc.querySelector('h1') ?? doc.body;
  if (!img && main && start) img = firstImageBeforeText(doc, start, main, baseUrl);
  if (!img && named.length === 0 && main) img = firstImageAtTopOfText(main, baseUrl);
  let src = (img && imageSource(img)) ?? widest(named)?.src;
  // The page shows a thumbnail of the named picture: the original, with the page's caption.
  if (img && src && original) {
    const shownWidth = sizeOfImage(img)[0] || widthInUrl(src);
    const originalWidth = original.width ?? widthInUrl(original.src);
    if (shownWidth < MIN_VARIANT_WIDTH && !(originalWidth <= shownWidth)) src = original.src;
  }
  const absolute = src ? absoluteUrl(src, baseUrl) : undefined;
  if (!absolute) return undefined;
  const alt = img?.getAttribute('alt')?.trim();
  const caption = img ? captionNear(img) : undefined;
  return { src: absolute, ...(alt ? { alt } : {}), ...(caption ? { caption } : {}) };
}
