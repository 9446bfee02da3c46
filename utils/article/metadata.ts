/**
 * Article metadata from JSON-LD (also inside `@graph`), Open Graph / article:* meta tags
 * and common fallbacks. Reads only; never changes the document. What the page declares is
 * not always what it shows: headline.ts, byline.ts, dates.ts and lead-image.ts check these
 * values against the visible page.
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
  /** Every image the metadata names, in order of trust: JSON-LD, og:image, twitter:image, image_src. */
  images: MetaImage[];
  /** Names the site goes by: og:site_name, application-name, the publisher and WebSite in JSON-LD. */
  siteNames: string[];
  /** Section names the metadata gives: article:section, channel-name, articleSection, breadcrumb items. */
  sections: string[];
  /** Publication dates as declared (JSON-LD first, then meta tags), not yet read. */
  dates: string[];
  lang?: string;
  canonicalUrl?: string;
  ogType?: string;
  /** The schema.org types found in JSON-LD, lower-cased. */
  ldTypes: string[];
  hasArticleLd: boolean;
}

export interface MetaImage {
  src: string;
  /** Declared size in pixels, when the metadata gives it. */
  width?: number;
  height?: number;
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

const sizeOf = (v: Json | undefined): number | undefined => {
  const n = typeof v === 'number' ? v : typeof v === 'string' ? Number.parseInt(v, 10) : Number.NaN;
  return Number.isFinite(n) && n > 0 ? n : undefined;
};

function imagesOf(v: Json | undefined, depth = 0): MetaImage[] {
  const out: MetaImage[] = [];
  for (const item of asArray(v)) {
    if (typeof item === 'string' && item.trim()) out.push({ src: item.trim() });
    else if (isObject(item)) {
      // {"@list": [...]} and nested ImageObjects
      if (item['@list'] && depth < 2) out.push(...imagesOf(item['@list'], depth + 1));
      const src = textOf(item.url) ?? textOf(item.contentUrl);
      if (!src) continue;
      const width = sizeOf(item.width);
      const height = sizeOf(item.height);
      out.push({ src, ...(width ? { width } : {}), ...(height ? { height } : {}) });
    }
  }
  return out;
}

/** The item names of a JSON-LD BreadcrumbList (the page's own section path). */
function breadcrumbNames(node: JsonObject): string[] {
  const names: string[] = [];
  for (const entry of asArray(node.itemListElement)) {
    if (!isObject(entry)) continue;
    const name = textOf(entry.name) ?? (isObject(entry.item) ? textOf(entry.item.name) : undefined);
    if (name) names.push(name);
  }
  return names;
}

/** Every JSON-LD node of the page, flattening arrays and `@graph`. Broken blocks are skipped. */
// Lookups by tag: jsdom's selector engine walks the whole page for each query, slowly.

/** The href of the first <link> whose rel holds `rel` (case-insensitive). */
function linkHref(doc: Document, rel: string): string | null {
  for (const link of doc.getElementsByTagName('link')) {
    const rels = (link.getAttribute('rel') ?? '').toLowerCase().split(/\s+/);
    if (rels.includes(rel)) return link.getAttribute('href');
  }
  return null;
}

/** The datetime of the page's first <time datetime>. */
function firstTimeDatetime(doc: Document): string | null {
  for (const time of doc.getElementsByTagName('time')) if (time.hasAttribute('datetime')) return time.getAttribute('datetime');
  return null;
}

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
  for (const script of doc.getElementsByTagName('script')) {
    if (script.getAttribute('type')?.trim().toLowerCase() !== 'application/ld+json') continue;
    try {
      visit(JSON.parse(script.textContent ?? '') as Json, 0);
    } catch {
      // Sites ship invalid JSON-LD (trailing commas, raw newlines); it is not an error of ours.
    }
  }
  return nodes;
}

const typesOf = (node: JsonObject): string[] =>
  asArray(node['@type'])
    .filter((t): t is string => typeof t === 'string')
    .map((t) => t.toLowerCase());

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
  const organisation = ld.find((n) => typesOf(n).some((t) => t === 'organization' || t === 'newsmediaorganization'));
  const html = doc.documentElement;
  const tags = readMetaTags(doc);
  const meta = (...keys: string[]): string | undefined => {
    for (const key of keys) {
      const value = tags.get(key.toLowerCase());
      if (value) return value;
    }
    return undefined;
  };

  const ogWidth = sizeOf(meta('og:image:width'));
  const ogHeight = sizeOf(meta('og:image:height'));
  const ogImage = meta('og:image', 'og:image:url', 'og:image:secure_url');
  const images: MetaImage[] = [
    ...imagesOf(article?.image),
    ...(ogImage ? [{ src: ogImage, ...(ogWidth ? { width: ogWidth } : {}), ...(ogHeight ? { height: ogHeight } : {}) }] : []),
    ...imagesOf(meta('twitter:image', 'twitter:image:src') ?? null),
    ...imagesOf(linkHref(doc, 'image_src')),
  ];
  const siteNames = [
    meta('og:site_name'),
    meta('application-name'),
    textOf(article?.publisher),
    textOf(site?.name),
    textOf(organisation?.name),
    meta('twitter:site')?.replace(/^@/, ''),
  ].filter((n): n is string => !!n);
  const sections = [
    meta('article:section'),
    meta('channel-name'),
    ...asArray(article?.articleSection).map(textOf),
    ...ld.filter((n) => typesOf(n).includes('breadcrumblist')).flatMap(breadcrumbNames),
    ...ld.flatMap((n) => (isObject(n.breadcrumb) ? breadcrumbNames(n.breadcrumb) : [])),
  ].filter((n): n is string => !!n);
  const dates = [
    textOf(article?.datePublished),
    meta(
      'article:published_time',
      'og:published_time',
      'datePublished',
      'pubdate',
      'publishdate',
      'date',
      'dc.date',
      'dc.date.issued',
      'sailthru.date',
    ),
    textOf(article?.dateCreated),
  ].filter((d): d is string => !!d);

  return {
    images,
    siteNames,
    sections,
    dates,
    title: textOf(article?.headline) ?? meta('og:title', 'twitter:title') ?? (doc.title.trim() || undefined),
    byline: textOf(article?.author) ?? meta('author', 'article:author', 'byl', 'parsely-author'),
    siteName: meta('og:site_name', 'application-name') ?? textOf(article?.publisher) ?? textOf(site?.name),
    publishedTime:
      textOf(article?.datePublished) ??
      meta('article:published_time', 'datePublished', 'pubdate', 'date', 'dc.date', 'sailthru.date') ??
      firstTimeDatetime(doc) ??
      undefined,
    description: meta('og:description', 'description', 'twitter:description') ?? textOf(article?.description),
    image: meta('og:image', 'og:image:url', 'twitter:image') ?? imagesOf(article?.image)[0]?.src,
    lang: html?.getAttribute('lang') ?? meta('og:locale', 'language', 'content-language') ?? undefined,
    canonicalUrl: linkHref(doc, 'canonical') ?? meta('og:url'),
    ogType: meta('og:type')?.toLowerCase(),
    ldTypes,
    hasArticleLd: article !== undefined,
  };
}
