/**
 * What the library derives from a record and writes with it: its id (from the URL), its list
 * entry, its search entry and words, the images it shows. Pure functions.
 */
import { clipText, FIELD_LIMITS } from '../article/bounds.ts';
import { countMediaLinks } from '../article/media.ts';
import { normalizeText } from '../article/text.ts';
import type { Article } from '../article/types.ts';
import type { LibraryEntry, LibraryRecord, SearchEntry } from './schema.ts';

const TRACKING_PARAM = /^(?:utm_.*|fbclid|gclid|dclid|msclkid|mc_eid|yclid|igshid)$/i;

/** The record id of a URL: no fragment, no utm_* or click-id parameters. */
export function canonicalId(url: string): string {
  let parsed: URL;
  try {
    parsed = new URL(url.trim());
  } catch {
    return url.trim();
  }
  parsed.hash = '';
  for (const key of [...parsed.searchParams.keys()]) if (TRACKING_PARAM.test(key)) parsed.searchParams.delete(key);
  if (parsed.searchParams.size === 0) parsed.search = '';
  return parsed.href;
}

/** Words as search sees them: letters and digits of any script, after folding. */
const WORD = /[\p{L}\p{N}]+/gu;

/** The folded words of a text, each once. */
export function wordsOf(text: string): string[] {
  return [...new Set(normalizeText(text).match(WORD) ?? [])];
}

/** The search terms of an article: title and body words, each once, padded with spaces. */
export function termsOf(article: Pick<Article, 'title' | 'textContent'>): string {
  return ` ${wordsOf(`${article.title} ${article.textContent}`).join(' ')} `;
}

const IMG_SRC = /<img\b[^>]*?\ssrc="([^"]*)"/gi;
const decodeAttr = (value: string): string =>
  value
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');

/**
 * The web images an article shows: its lead image and the images of its body. contentHtml is
 * DOMPurify's serialisation (attributes in double quotes, & and " escaped), so a pattern
 * reads it exactly.
 */
export function imageSources(article: Pick<Article, 'leadImage' | 'contentHtml'>): string[] {
  const out = new Set<string>();
  if (article.leadImage?.src) out.add(article.leadImage.src);
  for (const match of article.contentHtml.matchAll(IMG_SRC)) out.add(decodeAttr(match[1] ?? ''));
  return [...out].filter((src) => /^https?:\/\//i.test(src));
}

/** The list entry of a record. */
export function entryOf(record: Pick<LibraryRecord, 'id' | 'url' | 'article' | 'savedAt' | 'images' | 'hlc'>): LibraryEntry {
  const { article } = record;
  const sources = imageSources(article);
  const imagesSaved = sources.filter((src) => src in record.images).length;
  return {
    id: record.id,
    url: record.url,
    // Derived, so bounded whatever an older version stored: the list lays out every title.
    title: clipText(String(article.title ?? ''), FIELD_LIMITS.title),
    ...(article.siteName ? { siteName: article.siteName } : {}),
    ...(article.publishedTime ? { publishedTime: article.publishedTime } : {}),
    dir: article.dir,
    lang: article.lang,
    readingMinutes: article.readingMinutes,
    savedAt: record.savedAt,
    imagesSaved,
    imagesRemote: sources.length - imagesSaved,
    mediaLinks: countMediaLinks(article.contentHtml),
    ...(record.hlc ? { hlc: record.hlc } : {}),
  };
}

/** The search entry of a record. */
export function searchEntryOf(record: Pick<LibraryRecord, 'id' | 'article' | 'savedAt'>): SearchEntry {
  return {
    id: record.id,
    savedAt: record.savedAt,
    titleText: normalizeText(clipText(String(record.article.title ?? ''), FIELD_LIMITS.title)),
    terms: termsOf(record.article),
  };
}
