import type { ExportFormat } from '../components/ExportButtons.tsx';
import type { Article } from './article/types.ts';
import { toMarkdown, toPlainText, toStandaloneHtml } from './library/formats.ts';

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

/** Builds the file in this extension page and hands it to the browser's download. */
export function downloadArticle(article: Article, format: ExportFormat): void {
  const text =
    format === 'md'
      ? toMarkdown(article)
      : format === 'txt'
        ? toPlainText(article)
        : toStandaloneHtml(article, window, { css: readingViewCss(document) });
  const url = URL.createObjectURL(new Blob([text], { type: `${TYPES[format]};charset=utf-8` }));
  const a = document.createElement('a');
  a.href = url;
  a.download = fileNameFor(article, format);
  a.click();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
