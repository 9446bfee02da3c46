/**
 * Markdown (turndown): YAML front matter, the title, lead image and caption, the body. No raw
 * HTML survives but the direction wrapper: links and images without titles, destinations
 * percent-encoded, alt text and text escaped (issue 12: rendered by HTML-enabled renderers).
 */
import TurndownService from 'turndown';
import { collapseSpace as collapse } from '../text.ts';
import type { Article } from '../types.ts';
import { escapeAttr, escapeMdInline, markdownDestination, yaml } from './escape.ts';
import { leadCaption, leadImageSrc } from './lead.ts';

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
