import { collapseSpace as collapse } from '../text.ts';
import type { Article } from '../types.ts';
import { leadCaption } from './lead.ts';

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
