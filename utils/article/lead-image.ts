import type { PageMetadata } from './metadata.ts';
import type { LeadImage } from './types.ts';

/**
 * The lead image and its caption. Templates often put the featured image outside the
 * body Readability keeps, so it is found on the decluttered page before extraction.
 */

const NOT_CONTENT = 'header, nav, footer, aside, [class*="logo" i], [id*="logo" i], [class*="avatar" i], [class*="author" i]';
const CONTAINER = 'figure, .wp-caption, [class*="featured" i], [class*="post-thumbnail" i], [class*="lead" i], [class*="main-image" i], [class*="article-image" i]';
const CAPTION = 'figcaption, .wp-caption-text, [class*="caption" i], [class*="credit" i]';

export function imageSource(img: Element): string | undefined {
  const direct =
    img.getAttribute('data-src') ??
    img.getAttribute('data-lazy-src') ??
    img.getAttribute('data-original') ??
    img.getAttribute('src');
  if (direct && !direct.startsWith('data:')) return direct.trim();
  const srcset = img.getAttribute('data-srcset') ?? img.getAttribute('srcset');
  return srcset?.split(',')[0]?.trim().split(/\s+/)[0];
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
  const container = img.closest(CONTAINER);
  const caption = container?.querySelector(CAPTION) ?? nextCaption(img);
  const text = caption?.textContent?.replace(/\s+/g, ' ').trim();
  return text && text.length <= 500 ? text : undefined;
}

/** A caption right after the image (or its link/wrapper), as some templates write it. */
function nextCaption(img: Element): Element | undefined {
  let el: Element | null = img;
  for (let i = 0; el && i < 3; i++, el = el.parentElement) {
    const next = el.nextElementSibling;
    if (next?.matches(CAPTION)) return next;
  }
  return undefined;
}

function isContentImage(img: Element): boolean {
  if (img.closest(NOT_CONTENT)) return false;
  const width = Number(img.getAttribute('width') ?? '0');
  const height = Number(img.getAttribute('height') ?? '0');
  if ((width > 0 && width < 200) || (height > 0 && height < 120)) return false;
  const src = imageSource(img) ?? '';
  return src !== '' && !/logo|icon|avatar|sprite|pixel|spacer|blank\.gif|ads?[/_-]/i.test(src);
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
  let img = named ? images.find((i) => imageKey(imageSource(i) ?? '', baseUrl) === named && !i.closest(NOT_CONTENT)) : undefined;
  if (!img && main) {
    const firstText = main.querySelector('p') ?? main;
    const h1 = doc.querySelector('h1');
    const FOLLOWING = 4; // Node.DOCUMENT_POSITION_FOLLOWING
    img = images.find(
      (i) =>
        isContentImage(i) &&
        (!h1 || h1.compareDocumentPosition(i) & FOLLOWING) &&
        (main.contains(i) ? i.compareDocumentPosition(firstText) & FOLLOWING : i.compareDocumentPosition(main) & FOLLOWING) &&
        !i.closest('a[href]:not([href$=".jpg" i]):not([href$=".jpeg" i]):not([href$=".png" i]):not([href$=".webp" i])'),
    );
  }
  const src = (img && imageSource(img)) ?? meta.image;
  const absolute = src ? absoluteUrl(src, baseUrl) : undefined;
  if (!absolute) return undefined;
  const alt = img?.getAttribute('alt')?.trim();
  const caption = img ? captionNear(img) : undefined;
  return { src: absolute, ...(alt ? { alt } : {}), ...(caption ? { caption } : {}) };
}
