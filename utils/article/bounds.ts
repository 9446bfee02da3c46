/**
 * Bounds on what a page hands Naqi about an article. A page controls its metadata: a
 * 1-million-character JSON-LD `headline` is invisible on the page but became the title of a
 * saved article, and a list of such titles never finished laying out (issue 12). The same
 * bounds are checked again when the library saves or imports a record.
 */
import { MONTH_NAMES } from './dates.ts';
import type { Article, MonthNames } from './types.ts';

/** Characters. A headline is at most a few hundred; these leave room and stop abuse. */
export const FIELD_LIMITS = {
  url: 8192,
  title: 1000,
  byline: 300,
  siteName: 200,
  excerpt: 2000,
  lang: 35,
  publishedTime: 100,
  imageSrc: 8192,
  imageAlt: 1000,
  caption: 2000,
} as const;

/** The earliest publication date Naqi believes (digitised newspapers go back that far). */
export const EARLIEST_PUBLISHED = Date.UTC(1700, 0, 1);
/** How far ahead of the clock a publication date may be (time zones, embargoed stories). */
export const PUBLISHED_AHEAD_MS = 366 * 24 * 3600 * 1000;

/** `text` cut to at most `max` characters, on a whole code point, with an ellipsis when cut. */
export function clipText(text: string, max: number): string {
  if (text.length <= max) return text;
  let end = max - 1;
  // Never split a surrogate pair.
  if (end > 0 && /[\uD800-\uDBFF]/.test(text.charAt(end - 1))) end--;
  return `${text.slice(0, end)}…`;
}

/**
 * Whether a publication date, as a page wrote it, is one Naqi shows: readable, within
 * EARLIEST_PUBLISHED and a year from `now`, and of a sane length.
 */
export function isSanePublishedTime(value: string, now = Date.now()): boolean {
  if (value.length > FIELD_LIMITS.publishedTime) return false;
  const time = Date.parse(value);
  return Number.isFinite(time) && time >= EARLIEST_PUBLISHED && time <= now + PUBLISHED_AHEAD_MS;
}

/**
 * The article with every page-given field within FIELD_LIMITS: titles and names clipped,
 * a publication date outside the sane range dropped, an over-long language tag replaced by
 * its primary subtag. Keys keep their order (the CLI prints them). The body is left as it
 * is: the page-size guard bounds it.
 */
export function boundArticle(article: Article, now = Date.now()): Article {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(article) as [keyof Article, unknown][]) {
    if (value === undefined) continue;
    switch (key) {
      case 'title':
        out[key] = clipText(article.title, FIELD_LIMITS.title);
        break;
      case 'byline':
      case 'siteName':
      case 'excerpt':
        out[key] = clipText(value as string, FIELD_LIMITS[key]);
        break;
      case 'lang':
        out[key] = article.lang.length <= FIELD_LIMITS.lang ? article.lang : (article.lang.split('-')[0] ?? '').slice(0, 8) || 'und';
        break;
      case 'publishedTime':
        if (isSanePublishedTime(value as string, now)) out[key] = value;
        break;
      case 'monthNames':
        // Kept only as one of the names the reader knows: a saved copy came from somewhere.
        if (MONTH_NAMES.includes(value as MonthNames)) out[key] = value;
        break;
      case 'leadImage': {
        const lead = value as NonNullable<Article['leadImage']>;
        if (lead.src.length > FIELD_LIMITS.imageSrc) break;
        out[key] = {
          src: lead.src,
          ...(lead.alt !== undefined ? { alt: clipText(lead.alt, FIELD_LIMITS.imageAlt) } : {}),
          ...(lead.caption !== undefined ? { caption: clipText(lead.caption, FIELD_LIMITS.caption) } : {}),
        };
        break;
      }
      default:
        out[key] = value;
    }
  }
  return out as unknown as Article;
}
