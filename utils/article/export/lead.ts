import { collapseSpace as collapse } from '../text.ts';
import type { Article } from '../types.ts';

/**
 * What the exporters share: the lead image and caption shown before the body unless the body
 * already shows them.
 */

/** Lead caption, unless the body already shows it. */
export function leadCaption(article: Article): string | null {
  const caption = article.leadImage?.caption ? collapse(article.leadImage.caption) : '';
  return caption && !collapse(article.textContent).includes(caption) ? caption : null;
}

/** Lead image src, unless the body already shows it. */
export function leadImageSrc(article: Article): string | null {
  const src = article.leadImage?.src;
  return src && !article.contentHtml.includes(src) ? src : null;
}
