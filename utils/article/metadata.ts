/**
 * Article metadata from JSON-LD (also inside `@graph`), Open Graph / article:* meta tags
 * and common fallbacks. Reads only; never changes the document.
 */

const ARTICLE_TYPES = new Set([
  'article',
  'newsarticle',
  'reportagenewsarticle',
  'analysisnewsarticle',
  'opinionnewsarticle',
  'backgroundnewsarticle',
  'reviewnewsarticle',
  'blogposting',
  'liveblogposting',
  'scholarlyarticle',
  'report',
]);

export interface PageMetadata {
  title?: string;
  byline?: string;
  siteName?: string;
  publishedTime?: string;
  description?: string;
  image?: string;
  lang?: string;
  canonicalUrl?: string;
  ogType?: string;
  /** The schema.org types found in JSON-LD, lower-cased. */
  ldTypes: string[];
  hasArticleLd: boolean;
}

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type JsonObject = { [key: string]: Json };

const isObject = (v: Json | undefined): v is JsonObject => typeof v === 'object' && v !== null && !Array.isArray(v);

function asArray(v: Json | undefined): Json[] {
  if (v === undefined || v === null) return [];
  return Array.isArray(v) ? v : [v];
}

function textOf(v: Json | undefined): string | undefined {
  if (typeof v === 'string') return v.trim() || undefined;
  if (Array.isArray(v)) return v.map(textOf).filter(Boolean).join('، ') || undefined;
  if (isObject(v)) return textOf(v.name) ?? textOf(v['@value']) ?? textOf(v.url);
  return undefined;
}

function imageOf(v: Json | undefined): string | undefined {
  for (const item of asArray(v)) {
    if (typeof item === 'string' && item.trim()) return item.trim();
    if (isObject(item)) {
      const url = textOf(item.url) ?? textOf(item.contentUrl);
      if (url) return url;
    }
  }
  return undefined;
}

/** Every JSON-LD node of the page, flattening arrays and `@graph`. Broken blocks are skipped. */
function readJsonLd(doc: Document): JsonObject[] {
  const nodes: JsonObject[] = [];
  const visit = (v: Json | undefined, depth: number): void => {
    if (depth > 4) return;
    for (const item of asArray(v)) {
      if (!isObject(item)) continue;
      nodes.push(item);
      if (item['@graph']) visit(item['@graph'], depth + 1);
    }
  };
  for (const script of doc.querySelectorAll('script[type="application/ld+json" i]')) {
    try {
      visit(JSON.parse(script.textContent ?? '') as Json, 0);
    } catch {
      // Sites ship invalid JSON-LD (trailing commas, raw newlines); it is not an error of ours.
    }
  }
  return nodes;
}

const typesOf = (node: JsonObject): string[] =>
  asArray(node['@type']).filter((t): t is string => typeof t === 'string').map((t) => t.toLowerCase());

/** Every <meta> of the page by lower-cased property / name / itemprop, first one winning. */
function readMetaTags(doc: Document): Map<string, string> {
  const tags = new Map<string, string>();
  for (const el of doc.getElementsByTagName('meta')) {
    const content = el.getAttribute('content')?.trim();
    if (!content) continue;
    for (const attr of ['property', 'name', 'itemprop']) {
      const key = el.getAttribute(attr)?.trim().toLowerCase();
      if (key && !tags.has(key)) tags.set(key, content);
    }
  }
  return tags;
}

export function readMetadata(doc: Document): PageMetadata {
  const ld = readJsonLd(doc);
  const ldTypes = ld.flatMap(typesOf);
  const article = ld.find((n) => typesOf(n).some((t) => ARTICLE_TYPES.has(t)));
  const site = ld.find((n) => typesOf(n).some((t) => t === 'website' || t === 'newsmediaorganization'));
  const html = doc.documentElement;
  const tags = readMetaTags(doc);
  const meta = (...keys: string[]): string | undefined => {
    for (const key of keys) {
      const value = tags.get(key.toLowerCase());
      if (value) return value;
    }
    return undefined;
  };

  return {
    title:
      textOf(article?.headline) ??
      meta('og:title', 'twitter:title') ??
      (doc.title.trim() || undefined),
    byline: textOf(article?.author) ?? meta('author', 'article:author', 'byl', 'parsely-author'),
    siteName:
      meta('og:site_name', 'application-name') ?? textOf(article?.publisher) ?? textOf(site?.name),
    publishedTime:
      textOf(article?.datePublished) ??
      meta('article:published_time', 'datePublished', 'pubdate', 'date', 'dc.date', 'sailthru.date') ??
      doc.querySelector('time[datetime]')?.getAttribute('datetime') ??
      undefined,
    description: meta('og:description', 'description', 'twitter:description') ?? textOf(article?.description),
    image: meta('og:image', 'og:image:url', 'twitter:image') ?? imageOf(article?.image),
    lang: html?.getAttribute('lang') ?? meta('og:locale', 'language', 'content-language') ?? undefined,
    canonicalUrl: doc.querySelector('link[rel="canonical" i]')?.getAttribute('href') ?? meta('og:url'),
    ogType: meta('og:type')?.toLowerCase(),
    ldTypes,
    hasArticleLd: article !== undefined,
  };
}
