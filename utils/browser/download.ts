import { EXPORT_TYPES, exportArticle, fileNameFor } from '../article/export/index.ts';
import type { Article, ExportFormat } from '../article/types.ts';
import { formatArticleDate } from '../reader/dates.ts';

export { fileNameFor };

/** Hands a text file to the browser's download, from this extension page. */
export function downloadText(fileName: string, text: string, type: string): void {
  const url = URL.createObjectURL(new Blob([text], { type: `${type};charset=utf-8` }));
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  a.click();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/**
 * One article as a file, made by the one exporter (the CLI's files are the same). `images`
 * (data: URIs by src, from the library) go into the HTML file; without them its images are
 * left out, as the file loads nothing from the network.
 */
export function downloadArticle(article: Article, format: ExportFormat, images?: Record<string, string>): void {
  const dateText = formatArticleDate(article.publishedTime, article.lang);
  const text = exportArticle(article, format, { view: window, ...(images ? { images } : {}), ...(dateText ? { dateText } : {}) });
  downloadText(fileNameFor(article, format), text, EXPORT_TYPES[format]);
}
