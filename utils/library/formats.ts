/**
 * Export formats of one saved article: Markdown (turndown), plain text, and a standalone HTML
 * file that needs nothing from the network. Pure functions of an Article; the HTML export
 * takes the window whose DOM sanitises the body (the extension page's, or jsdom's in tests).
 */
import TurndownService from 'turndown';
import { sanitizeHtml, type PurifyWindow } from '../article/sanitize.ts';
import type { Article } from '../article/types.ts';

// ---------------------------------------------------------------------------------------------
// Markdown

const SAFE_LINK = /^(?:https?:|mailto:|tel:|#)/i;
const SAFE_IMAGE = /^(?:https?:|data:image\/)/i;

function turndown(): TurndownService {
  const service = new TurndownService({ headingStyle: 'atx', codeBlockStyle: 'fenced', bulletListMarker: '-', emDelimiter: '*' });
  service.remove(['script', 'style', 'noscript', 'template', 'iframe', 'object', 'embed', 'form', 'button']);
  // Links and images without titles, their addresses percent-encoded, alt text escaped like
  // text: turndown escapes only `"` in a title, so a title ending in `\` closed itself early and
  // the rest became raw HTML in renderers that allow it (issue 12).
  service.addRule('link', {
    filter: (node) => node.nodeName === 'A' && !!node.getAttribute('href'),
    replacement: (content, node) => `[${content}](${markdownDestination((node as Element).getAttribute('href') ?? '')})`,
  });
  service.addRule('image', {
    filter: 'img',
    replacement: (_content, node) => {
      const src = (node as Element).getAttribute('src') ?? '';
      return src ? `![${escapeMdInline(collapse((node as Element).getAttribute('alt') ?? ''))}](${markdownDestination(src)})` : '';
    },
  });
  // The body is sanitised already; still, no link or image leaves with a scriptable URL.
  service.addRule('safeLink', {
    filter: (node) => node.nodeName === 'A' && !SAFE_LINK.test(node.getAttribute('href')?.trim() ?? ''),
    replacement: (content) => content,
  });
  service.addRule('safeImage', {
    filter: (node) => node.nodeName === 'IMG' && !SAFE_IMAGE.test(node.getAttribute('src')?.trim() ?? ''),
    replacement: () => '',
  });
  // Text that looks like HTML ("<script>" written in an article) must stay text in Markdown.
  const escape = service.escape.bind(service);
  service.escape = (text: string) => escape(text).replace(/</g, '\\<');
  return service;
}

/**
 * A YAML scalar: JSON strings are YAML double-quoted strings. U+2028/9 are escaped, and so
 * are "<" and "[ ]", so a renderer that shows front matter as Markdown finds no HTML or link in it.
 */
function yaml(value: string): string {
  return JSON.stringify(value).replace(/[\u2028\u2029<[\]]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

function collapse(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

/** Lead caption, unless the body already shows it. */
function leadCaption(article: Article): string | null {
  const caption = article.leadImage?.caption ? collapse(article.leadImage.caption) : '';
  return caption && !collapse(article.textContent).includes(caption) ? caption : null;
}

/** Lead image src, unless the body already shows it. */
function leadImageSrc(article: Article): string | null {
  const src = article.leadImage?.src;
  return src && !article.contentHtml.includes(src) ? src : null;
}

function escapeMdInline(text: string): string {
  return text.replace(/[\\`*_[\]<>|~]/g, '\\$&');
}

/**
 * A link or image address as a Markdown destination: every character that could end it or
 * start markup there (space, quotes, brackets, parentheses, backslash, backtick, controls)
 * percent-encoded, so the destination is one token in every renderer.
 */
export function markdownDestination(url: string): string {
  return url.trim().replace(/[\u0000-\u0020\u007f-\u00a0\u2028\u2029\s"'<>()[\]\\`]/g, (c) => {
    const code = c.charCodeAt(0);
    return code < 0x80 ? `%${code.toString(16).toUpperCase().padStart(2, '0')}` : encodeURIComponent(c);
  });
}

/**
 * Markdown with YAML front matter (title, url, byline, site, published, lang, dir), then
 * the title, lead image and caption and the body. Right-to-left articles are wrapped in
 * `<div dir="rtl" lang="…">` with blank lines inside, so renderers still read the Markdown.
 */
export function toMarkdown(article: Article): string {
  const front: string[] = ['---', `title: ${yaml(collapse(article.title))}`, `url: ${yaml(article.url)}`];
  if (article.byline) front.push(`byline: ${yaml(collapse(article.byline))}`);
  if (article.siteName) front.push(`site: ${yaml(collapse(article.siteName))}`);
  if (article.publishedTime) front.push(`published: ${yaml(article.publishedTime)}`);
  front.push(`lang: ${yaml(article.lang)}`, `dir: ${article.dir === 'rtl' ? 'rtl' : 'ltr'}`, '---');

  const blocks: string[] = [`# ${escapeMdInline(collapse(article.title))}`];
  const src = leadImageSrc(article);
  if (src && /^https?:/i.test(src)) {
    const alt = escapeMdInline(collapse(article.leadImage?.alt ?? ''));
    blocks.push(`![${alt}](${markdownDestination(src)})`);
  }
  const caption = leadCaption(article);
  if (caption) blocks.push(`*${escapeMdInline(caption)}*`);
  const body = turndown().turndown(article.contentHtml).trim();
  if (body) blocks.push(body);

  const content = blocks.join('\n\n');
  const wrapped = article.dir === 'rtl' ? `<div dir="rtl" lang="${escapeAttr(article.lang)}">\n\n${content}\n\n</div>` : content;
  return `${front.join('\n')}\n\n${wrapped}\n`;
}

// ---------------------------------------------------------------------------------------------
// Plain text

/** Title, blank line, the lead caption (if the body lacks it), then body paragraphs. */
export function toPlainText(article: Article): string {
  const parts = [collapse(article.title)];
  const caption = leadCaption(article);
  if (caption) parts.push(caption);
  // textContent has a blank line between blocks (blockText in the core).
  for (const paragraph of article.textContent.split(/\n\s*\n/)) {
    const text = paragraph
      .split('\n')
      .map((line) => line.replace(/[ \t\f\r\u00a0]+/g, ' ').trim())
      .filter(Boolean)
      .join('\n');
    if (text) parts.push(text);
  }
  return `${parts.join('\n\n')}\n`;
}

// ---------------------------------------------------------------------------------------------
// Standalone HTML

export interface StandaloneOptions {
  /** The reading view's CSS, inlined in a <style>. */
  css: string;
  /** Data URIs by original image src; images without one are dropped by the CSP. */
  images?: Record<string, string>;
  /** The date as shown to readers (formatArticleDate); defaults to the ISO date. */
  dateText?: string;
}

export const STANDALONE_CSP = "default-src 'none'; img-src data:; style-src 'unsafe-inline'";

const DATA_IMAGE = /^data:image\/(?:png|jpeg|gif|webp|avif|bmp|svg\+xml);base64,[A-Za-z0-9+/=]+$/;

export function escapeHtml(text: string): string {
  return text.replace(/[&<>]/g, (c) => (c === '&' ? '&amp;' : c === '<' ? '&lt;' : '&gt;'));
}

export function escapeAttr(text: string): string {
  return escapeHtml(text).replace(/"/g, '&quot;').replace(/'/g, '&#39;');
}

/**
 * A complete, self-contained HTML document: `<html lang dir>`, a CSP that allows no script
 * and no network, the CSS inlined, title, byline, date, lead figure and the body sanitised
 * again with DOMPurify bound to `view`; image srcs replaced by the data URIs given.
 */
export function toStandaloneHtml(article: Article, view: PurifyWindow, options: StandaloneOptions): string {
  const images = Object.fromEntries(Object.entries(options.images ?? {}).filter(([, uri]) => DATA_IMAGE.test(uri)));
  const dataUri = (src: string): string | null => images[src] ?? null;
  // The sanitiser puts each stored copy in place of its web address.
  const body = sanitizeHtml(article.contentHtml, view, { images });

  const dir = article.dir === 'rtl' ? 'rtl' : 'ltr';
  const lang = article.lang || 'und';
  // No "<" at all inside <style>: it cannot close the element (CSS reads \3c as "<").
  const css = options.css.replace(/</g, '\\3c ');
  const meta: string[] = [];
  // Many sites put their own name in the author field; saying it twice adds nothing.
  if (article.byline && collapse(article.byline) !== collapse(article.siteName ?? '')) {
    meta.push(`<span class="byline">${escapeHtml(collapse(article.byline))}</span>`);
  }
  if (article.siteName) meta.push(`<span class="site">${escapeHtml(collapse(article.siteName))}</span>`);
  if (article.publishedTime) {
    const shown = options.dateText ?? article.publishedTime.slice(0, 10);
    meta.push(`<time datetime="${escapeAttr(article.publishedTime)}">${escapeHtml(shown)}</time>`);
  }
  if (/^https?:\/\//i.test(article.url)) meta.push(`<a href="${escapeAttr(article.url)}" rel="noopener noreferrer">${escapeHtml(safeDecode(article.url))}</a>`);

  const figure: string[] = [];
  const leadSrc = leadImageSrc(article);
  const leadUri = leadSrc ? dataUri(leadSrc) : null;
  const caption = leadCaption(article);
  if (leadUri || caption) {
    figure.push('<figure class="reading-lead">');
    if (leadUri) figure.push(`<img src="${escapeAttr(leadUri)}" alt="${escapeAttr(article.leadImage?.alt ?? '')}">`);
    if (caption) figure.push(`<figcaption>${escapeHtml(caption)}</figcaption>`);
    figure.push('</figure>');
  }

  return [
    '<!doctype html>',
    `<html lang="${escapeAttr(lang)}" dir="${dir}">`,
    '<head>',
    '<meta charset="utf-8">',
    `<meta http-equiv="Content-Security-Policy" content="${STANDALONE_CSP}">`,
    '<meta name="referrer" content="no-referrer">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<title>${escapeHtml(collapse(article.title))}</title>`,
    `<style>${css}</style>`,
    '</head>',
    // The reading view's own classes, so the inlined reading-view CSS styles the file alike.
    '<body class="reader-page theme-light font-naskh">',
    `<article class="reading-view theme-light font-naskh width-medium" lang="${escapeAttr(lang)}" dir="${dir}" style="--reader-size:20px;--reader-line-height:1.9;--reader-measure:38em">`,
    `<header class="reading-header"><h1 class="reading-title">${escapeHtml(collapse(article.title))}</h1>`,
    meta.length > 0 ? `<p class="meta reading-byline">${meta.join(' · ')}</p>` : '',
    '</header>',
    ...figure,
    `<div class="article-body">${body}</div>`,
    '</article>',
    '</body>',
    '</html>',
    '',
  ]
    .filter((line, i, all) => line !== '' || i === all.length - 1)
    .join('\n');
}

function safeDecode(url: string): string {
  try {
    return decodeURI(url);
  } catch {
    return url;
  }
}
