import type { Article, ExportFormat } from '../article/types.ts';
import { toMarkdown, toPlainText, toStandaloneHtml } from '../library/formats.ts';

const TYPES: Record<ExportFormat, string> = { html: 'text/html', md: 'text/markdown', txt: 'text/plain' };

/** The reading view's own rules (fonts left out: the file cannot reach the extension's). */
function readingViewCss(doc: Document): string {
  const rules: string[] = [];
  for (const sheet of doc.styleSheets) {
    for (const rule of sheet.cssRules) if (!rule.cssText.startsWith('@font-face')) rules.push(rule.cssText);
  }
  return rules.join('\n');
}

/** A file name from the title, kept to letters of any script, digits and dashes. */
export function fileNameFor(article: Article, format: ExportFormat): string {
  const base = article.title.replace(/[^\p{L}\p{N}]+/gu, '-').replace(/^-+|-+$/g, '').slice(0, 80) || 'article';
  return `${base}.${format}`;
}

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
 * One article as a file. `images` (data: URIs by src, from the library) go into the HTML
 * file; without them its images are left out, as the file loads nothing from the network.
 */
export function downloadArticle(article: Article, format: ExportFormat, images?: Record<string, string>): void {
  const text =
    format === 'md'
      ? toMarkdown(article)
      : format === 'txt'
        ? toPlainText(article)
        : toStandaloneHtml(article, window, { css: readingViewCss(document), ...(images ? { images } : {}) });
  downloadText(fileNameFor(article, format), text, TYPES[format]);
}
