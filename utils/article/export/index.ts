/**
 * The one exporter: an article as a file, for the CLI, the reader's downloads and the library.
 * Every format is a pure function of the article (and, for HTML, the window whose DOM
 * sanitises the body again).
 */
import type { PurifyWindow } from '../sanitize.ts';
import type { EmbeddedFont } from './fonts.ts';
import type { Article, ExportFormat } from '../types.ts';
import { toStandaloneHtml } from './html.ts';
import { toMarkdown } from './markdown.ts';
import { toPlainText } from './text.ts';

export { ARABIC_FACE_FILES, usesArabicFace, type EmbeddedFont } from './fonts.ts';
export { escapeAttr, escapeHtml, escapeMdInline, markdownDestination } from './escape.ts';
export { STANDALONE_CSP, toStandaloneHtml } from './html.ts';
export { toMarkdown } from './markdown.ts';
export { toPlainText } from './text.ts';

export const EXPORT_FORMATS: readonly ExportFormat[] = ['html', 'md', 'txt'];

/** MIME type of each format's file. */
export const EXPORT_TYPES: Readonly<Record<ExportFormat, string>> = { html: 'text/html', md: 'text/markdown', txt: 'text/plain' };

export interface ExportOptions {
  /** The window whose DOM sanitises the body of an HTML file (the page's, or jsdom's). */
  view: PurifyWindow;
  /** Data URIs of the article's images by original src: only these go into an HTML file. */
  images?: Record<string, string>;
  /** The publication date as readers of the article's language write it (utils/reader/dates.ts). */
  dateText?: string;
  /** The Arabic face for an HTML file (fonts.ts); without it the file names a fallback stack. */
  fonts?: readonly EmbeddedFont[];
}

/** The article as the text of a file in `format`. */
export function exportArticle(article: Article, format: ExportFormat, options: ExportOptions): string {
  if (format === 'md') return toMarkdown(article);
  if (format === 'txt') return toPlainText(article);
  return toStandaloneHtml(article, options.view, {
    ...(options.images ? { images: options.images } : {}),
    ...(options.dateText ? { dateText: options.dateText } : {}),
    ...(options.fonts ? { fonts: options.fonts } : {}),
  });
}

/** A file name from the title, kept to letters of any script, digits and dashes. */
export function fileNameFor(article: Pick<Article, 'title'>, format: ExportFormat): string {
  const base =
    article.title
      .replace(/[^\p{L}\p{N}]+/gu, '-')
      .replace(/^-+|-+$/g, '')
      .slice(0, 80) || 'article';
  return `${base}.${format}`;
}
