/**
 * A standalone HTML file of one article: nothing from the network (images and the Arabic face
 * only as data: URIs handed in), no script, styled like the reading view (style.ts).
 */
import { sanitizeHtml, type PurifyWindow } from '../sanitize.ts';
import { collapseSpace as collapse } from '../text.ts';
import type { Article } from '../types.ts';
import { displayUrl, escapeAttr, escapeHtml } from './escape.ts';
import { fontFaceCss, usesArabicFace, type EmbeddedFont } from './fonts.ts';
import { leadCaption, leadImageSrc } from './lead.ts';
import { EXPORT_CSS } from './style.ts';

export interface StandaloneOptions {
  /** The stylesheet inlined in a <style>; the exporter's own (style.ts) by default. */
  css?: string;
  /** Data URIs by original image src; images without one are dropped by the CSP. */
  images?: Record<string, string>;
  /** The date as shown to readers (formatArticleDate); defaults to the ISO date. */
  dateText?: string;
  /** The Arabic face's weights (fonts.ts), embedded when the article is set in it. */
  fonts?: readonly EmbeddedFont[];
}

export const STANDALONE_CSP = "default-src 'none'; img-src data:; font-src data:; style-src 'unsafe-inline'";

const DATA_IMAGE = /^data:image\/(?:png|jpeg|gif|webp|avif|bmp|svg\+xml);base64,[A-Za-z0-9+/=]+$/;

/**
 * A complete, self-contained HTML document: `<html lang dir>`, a CSP that allows no script
 * and no network, the CSS inlined, title, byline, date, lead figure and the body sanitised
 * again with DOMPurify bound to `view`; image srcs replaced by the data URIs given.
 */
export function toStandaloneHtml(article: Article, view: PurifyWindow, options: StandaloneOptions = {}): string {
  const images = Object.fromEntries(Object.entries(options.images ?? {}).filter(([, uri]) => DATA_IMAGE.test(uri)));
  const dataUri = (src: string): string | null => images[src] ?? null;
  // The sanitiser puts each stored copy in place of its web address.
  // An image without its data copy has no address: the file fetches nothing.
  const body = sanitizeHtml(article.contentHtml, view, { images, localOnly: true });

  const dir = article.dir === 'rtl' ? 'rtl' : 'ltr';
  const lang = article.lang || 'und';
  // No "<" at all inside <style>: it cannot close the element (CSS reads \3c as "<").
  const faces = options.fonts && usesArabicFace(article) ? fontFaceCss(options.fonts) : '';
  const css = [faces, options.css ?? EXPORT_CSS].filter(Boolean).join('\n').replace(/</g, '\\3c ');
  // Each item isolated, as in the reading view: a Latin site name or byline neither flips the
  // line nor drags the separators, and the address reads left to right ("/http://…" before).
  const meta: string[] = [];
  // Many sites put their own name in the author field; saying it twice adds nothing.
  if (article.byline && collapse(article.byline) !== collapse(article.siteName ?? '')) {
    meta.push(`<bdi class="byline">${escapeHtml(collapse(article.byline))}</bdi>`);
  }
  if (article.siteName) meta.push(`<bdi class="site">${escapeHtml(collapse(article.siteName))}</bdi>`);
  if (article.publishedTime) {
    const shown = options.dateText ?? article.publishedTime.slice(0, 10);
    meta.push(`<bdi class="date"><time datetime="${escapeAttr(article.publishedTime)}">${escapeHtml(shown)}</time></bdi>`);
  }
  // The address on a line of its own: a long one no longer breaks the date line in two.
  const source = /^https?:\/\//i.test(article.url)
    ? `<p class="meta source"><bdi dir="ltr"><a href="${escapeAttr(article.url)}" rel="noopener noreferrer">${escapeHtml(displayUrl(article.url))}</a></bdi></p>`
    : '';

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
    '<body>',
    `<article class="reading-view" lang="${escapeAttr(lang)}" dir="${dir}">`,
    `<header class="reading-header"><h1 class="reading-title">${escapeHtml(collapse(article.title))}</h1>`,
    meta.length > 0 ? `<p class="meta reading-byline">${meta.join(' · ')}</p>` : '',
    source,
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
