/**
 * Output formats of the extract CLI: one-line JSON, a standalone HTML document, Markdown
 * and plain text. The body converters walk a DOM tree (any DOM: jsdom in node), so this
 * module imports no DOM implementation itself.
 */
import type { Article } from '../../utils/article/types.ts';
import { escapeAttr, escapeHtml } from '../../utils/library/formats.ts';

export const FORMATS = ['json', 'html', 'md', 'text'] as const;
export type OutputFormat = (typeof FORMATS)[number];

export function isOutputFormat(value: string): value is OutputFormat {
  return (FORMATS as readonly string[]).includes(value);
}

export interface ExtractResult {
  isArticle: boolean;
  article: Article | null;
}

/** `{"isArticle":…,"article":…}` on one line (JSON.stringify escapes every newline). */
export function formatJson(result: ExtractResult): string {
  return JSON.stringify({ isArticle: result.isArticle, article: result.article });
}

// ---------------------------------------------------------------------------------------------
// HTML

/** A minimal standalone, script-free HTML document of the article. `body` is its parsed contentHtml. */
export function formatHtml(article: Article, body: ParentNode): string {
  const lead = leadParts(article, body);
  const meta = metaParts(article);
  const lines: string[] = [
    '<!doctype html>',
    `<html lang="${escapeAttr(article.lang || 'und')}" dir="${article.dir}">`,
    '<head>',
    '<meta charset="utf-8">',
    `<meta http-equiv="Content-Security-Policy" content="default-src 'none'; img-src * data:; media-src *; style-src 'unsafe-inline'">`,
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<title>${escapeHtml(article.title)}</title>`,
    `<style>body{max-width:40em;margin:2em auto;padding:0 1em;font:1.125rem/1.8 system-ui,sans-serif}` +
      `img,video{max-width:100%;height:auto}figcaption,.meta{color:#555;font-size:.9em}</style>`,
    '</head>',
    '<body>',
    '<article>',
    `<h1>${escapeHtml(article.title)}</h1>`,
  ];
  const metaHtml = [
    article.byline ? `<span class="byline">${escapeHtml(article.byline)}</span>` : '',
    article.siteName ? `<span class="site">${escapeHtml(article.siteName)}</span>` : '',
    meta.date ? `<time datetime="${escapeAttr(meta.date.full)}">${escapeHtml(meta.date.shown)}</time>` : '',
    isWebUrl(article.url) ? `<a href="${escapeAttr(article.url)}">${escapeHtml(displayUrl(article.url))}</a>` : '',
  ].filter(Boolean);
  if (metaHtml.length > 0) lines.push(`<p class="meta">${metaHtml.join(' · ')}</p>`);
  if (lead.image || lead.caption) {
    lines.push('<figure>');
    if (lead.image) {
      const alt = lead.image.alt ?? '';
      lines.push(`<img src="${escapeAttr(lead.image.src)}" alt="${escapeAttr(alt)}">`);
    }
    if (lead.caption) lines.push(`<figcaption>${escapeHtml(lead.caption)}</figcaption>`);
    lines.push('</figure>');
  }
  lines.push(article.contentHtml, '</article>', '</body>', '</html>');
  return lines.join('\n');
}

// ---------------------------------------------------------------------------------------------
// Markdown and text

/**
 * Markdown: `# title`, a metadata line, the lead image and caption, then the body. For
 * right-to-left articles the body sits in `<div dir="rtl">` with blank lines around it, so
 * CommonMark renderers still read the Markdown inside and keep the direction.
 */
export function formatMarkdown(article: Article, body: ParentNode): string {
  const parts: string[] = [`# ${escapeMdInline(collapse(article.title))}`];
  const meta = metaParts(article);
  const metaLine = [
    article.byline ? escapeMdInline(collapse(article.byline)) : '',
    article.siteName ? escapeMdInline(collapse(article.siteName)) : '',
    meta.date?.shown ?? '',
  ].filter(Boolean);
  const urlLine = isWebUrl(article.url) ? `<${displayUrl(article.url).replace(/[<>\s]/g, encodeURIComponent)}>` : '';
  const header = [metaLine.join(' · '), urlLine].filter(Boolean);
  if (header.length > 0) parts.push(header.join('\\\n'));
  const lead = leadParts(article, body);
  if (lead.image) parts.push(mdImage(lead.image.alt ?? '', lead.image.src));
  if (lead.caption) parts.push(`*${escapeMdInline(collapse(lead.caption))}*`);
  const blocks = htmlToBlocks(body, 'md');
  if (article.dir === 'rtl') parts.push('<div dir="rtl">', ...blocks, '</div>');
  else parts.push(...blocks);
  return parts.join('\n\n');
}

/** Plain text: title, blank line, the lead caption if any, then body paragraphs separated by blank lines. */
export function formatText(article: Article, body: ParentNode): string {
  const parts: string[] = [collapse(article.title)];
  const lead = leadParts(article, body);
  if (lead.caption) parts.push(collapse(lead.caption));
  parts.push(...htmlToBlocks(body, 'text'));
  return parts.join('\n\n');
}

/** Markdown of an HTML body (paragraphs, headings, lists, links, blockquotes, images, code, tables). */
export function htmlToMarkdown(root: ParentNode): string {
  return htmlToBlocks(root, 'md').join('\n\n');
}

/** Plain-text paragraphs of an HTML body. */
export function htmlToText(root: ParentNode): string {
  return htmlToBlocks(root, 'text').join('\n\n');
}

type Mode = 'md' | 'text';

const ELEMENT_NODE = 1;
/** Stands for a <br> while a paragraph is built (NUL never survives HTML parsing). */
const BR = '\u0000';
const TEXT_NODE = 3;

const SKIP = new Set([
  'script', 'style', 'noscript', 'template', 'head', 'title', 'meta', 'link', 'button', 'input',
  'select', 'textarea', 'form', 'iframe', 'object', 'embed', 'svg', 'math', 'canvas', 'nav',
]);

const BLOCK = new Set([
  'address', 'article', 'aside', 'blockquote', 'body', 'center', 'dd', 'details', 'dialog', 'div', 'dl',
  'dt', 'fieldset', 'figcaption', 'figure', 'footer', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'header',
  'hgroup', 'hr', 'html', 'li', 'main', 'ol', 'p', 'picture', 'pre', 'section', 'summary', 'table',
  'tbody', 'td', 'tfoot', 'th', 'thead', 'tr', 'ul', 'video', 'audio',
]);

function isElement(node: Node): node is Element {
  return node.nodeType === ELEMENT_NODE;
}

function isText(node: Node): node is Text {
  return node.nodeType === TEXT_NODE;
}

function hasBlockDescendant(el: Element): boolean {
  for (const d of Array.from(el.getElementsByTagName('*'))) if (BLOCK.has(d.localName)) return true;
  return false;
}

/** Renders a subtree as a list of blocks (paragraph strings, no surrounding blank lines). */
function htmlToBlocks(root: ParentNode, mode: Mode): string[] {
  const out: string[] = [];
  renderChildren(root, mode, out);
  return out;
}

function renderChildren(parent: ParentNode | Node, mode: Mode, out: string[]): void {
  let inline = '';
  const flush = (): void => {
    const text = finishInline(inline, mode);
    if (text) out.push(text);
    inline = '';
  };
  for (const child of Array.from(parent.childNodes)) {
    if (isText(child)) {
      inline += mode === 'md' ? escapeMdInline(collapseWs(child.data)) : collapseWs(child.data);
      continue;
    }
    if (!isElement(child)) continue;
    const tag = child.localName;
    if (SKIP.has(tag)) continue;
    if (BLOCK.has(tag) || hasBlockDescendant(child)) {
      flush();
      renderBlock(child, mode, out);
    } else {
      inline += renderInline(child, mode);
    }
  }
  flush();
}

function renderBlock(el: Element, mode: Mode, out: string[]): void {
  const tag = el.localName;
  const heading = /^h([1-6])$/.exec(tag);
  if (heading) {
    const text = finishInline(inlineOf(el, mode).split(BR).join(' '), mode);
    if (!text) return;
    // The article title is the one `#`; body headings start one level down.
    out.push(mode === 'md' ? `${'#'.repeat(Math.min(6, Number(heading[1]) + 1))} ${text}` : text);
    return;
  }
  switch (tag) {
    case 'ul':
    case 'ol': {
      const list = renderList(el, mode);
      if (list) out.push(list);
      return;
    }
    case 'blockquote': {
      const inner: string[] = [];
      renderChildren(el, mode, inner);
      if (mode === 'text') out.push(...inner);
      else if (inner.length > 0) out.push(inner.join('\n\n').split('\n').map((l) => (l ? `> ${l}` : '>')).join('\n'));
      return;
    }
    case 'pre': {
      const code = (el.textContent ?? '').replace(/^\n/, '').replace(/\s+$/, '');
      if (!code) return;
      if (mode === 'text') out.push(code);
      else {
        const fence = '`'.repeat(Math.max(3, longestRun(code, '`') + 1));
        out.push(`${fence}\n${code}\n${fence}`);
      }
      return;
    }
    case 'hr':
      if (mode === 'md') out.push('---');
      return;
    case 'table': {
      const table = renderTable(el, mode);
      if (table) out.push(table);
      return;
    }
    case 'figcaption': {
      const text = finishInline(inlineOf(el, mode), mode);
      if (text) out.push(mode === 'md' ? `*${text.replace(/\\\n/g, ' ')}*` : text);
      return;
    }
    default:
      renderChildren(el, mode, out);
  }
}

function renderList(list: Element, mode: Mode): string {
  const ordered = list.localName === 'ol';
  const start = Number.parseInt(list.getAttribute('start') ?? '1', 10);
  let n = Number.isFinite(start) ? start : 1;
  const items: string[] = [];
  for (const child of Array.from(list.children)) {
    if (child.localName !== 'li') continue;
    const marker = ordered ? `${n++}. ` : mode === 'md' ? '- ' : '• ';
    const blocks: string[] = [];
    renderChildren(child, mode, blocks);
    if (blocks.length === 0) continue;
    const pad = ' '.repeat(marker.length);
    const body = blocks.join('\n').split('\n').map((line, i) => (i === 0 ? marker + line : line ? pad + line : line));
    items.push(body.join('\n'));
  }
  return items.join('\n');
}

function renderTable(table: Element, mode: Mode): string {
  const rows: string[][] = [];
  for (const tr of Array.from(table.querySelectorAll('tr'))) {
    if (tr.closest('table') !== table) continue;
    const cells = Array.from(tr.children)
      .filter((c) => c.localName === 'td' || c.localName === 'th')
      .map((c) => finishInline(inlineOfDeep(c, mode).split(BR).join(' '), mode));
    if (cells.some(Boolean)) rows.push(cells);
  }
  if (rows.length === 0) return '';
  if (mode === 'text') return rows.map((r) => r.filter(Boolean).join(' | ')).join('\n');
  const width = Math.max(...rows.map((r) => r.length));
  const line = (r: string[]): string =>
    `| ${Array.from({ length: width }, (_, i) => (r[i] ?? '').replace(/\|/g, '\\|')).join(' | ')} |`;
  const [head, ...rest] = rows;
  return [line(head ?? []), `|${' --- |'.repeat(width)}`, ...rest.map(line)].join('\n');
}

/** Inline rendering of an element's children. */
function inlineOf(el: Element, mode: Mode): string {
  let s = '';
  for (const child of Array.from(el.childNodes)) {
    if (isText(child)) s += mode === 'md' ? escapeMdInline(collapseWs(child.data)) : collapseWs(child.data);
    else if (isElement(child) && !SKIP.has(child.localName)) s += renderInline(child, mode);
  }
  return s;
}

/** Inline text of a subtree that may hold blocks (table cells): blocks become spaces. */
function inlineOfDeep(el: Element, mode: Mode): string {
  if (!hasBlockDescendant(el)) return inlineOf(el, mode);
  const blocks: string[] = [];
  renderChildren(el, mode, blocks);
  return blocks.join(' ');
}

function renderInline(el: Element, mode: Mode): string {
  const tag = el.localName;
  if (tag === 'br') return BR;
  if (tag === 'img') {
    const src = el.getAttribute('src') ?? '';
    return mode === 'md' && isWebUrl(src) ? mdImage(el.getAttribute('alt') ?? '', src) : '';
  }
  const inner = inlineOf(el, mode);
  if (mode === 'text') return inner;
  switch (tag) {
    case 'a': {
      const href = el.getAttribute('href')?.trim() ?? '';
      if (!inner.trim() || !(isWebUrl(href) || href.startsWith('mailto:'))) return inner;
      const { lead, core, trail } = splitSpace(inner);
      return `${lead}[${core}](${mdUrl(href)})${trail}`;
    }
    case 'strong':
    case 'b':
      return wrap('**', inner);
    case 'em':
    case 'i':
    case 'cite':
      return wrap('*', inner);
    case 'del':
    case 's':
      return wrap('~~', inner);
    case 'code':
    case 'kbd':
    case 'samp': {
      const code = (el.textContent ?? '').replace(/\s+/g, ' ');
      if (!code.trim()) return code;
      const ticks = '`'.repeat(longestRun(code, '`') + 1);
      const pad = code.startsWith('`') || code.endsWith('`') ? ' ' : '';
      return `${ticks}${pad}${code}${pad}${ticks}`;
    }
    default:
      return inner;
  }
}

/** Tidies a paragraph's inline text: single spaces, line breaks (BR) kept inside, block-start escapes. */
function finishInline(s: string, mode: Mode): string {
  const lines = s.split(BR).map((l) => l.replace(/ {2,}/g, ' ').trim());
  while (lines.length > 0 && lines[0] === '') lines.shift();
  while (lines.length > 0 && lines[lines.length - 1] === '') lines.pop();
  const kept = lines.filter((l, i) => l !== '' || lines[i - 1] !== '');
  if (mode === 'text') return kept.join('\n');
  return kept.map(escapeMdLineStart).join('\\\n');
}

function escapeMdLineStart(line: string): string {
  return line
    .replace(/^(#{1,6})(?=\s|$)/, '\\$1')
    .replace(/^([>+=-])/, '\\$1')
    .replace(/^(\d+)([.)])(?=\s|$)/, '$1\\$2');
}

/** Escapes characters that would start Markdown inline syntax. */
function escapeMdInline(text: string): string {
  return text.replace(/[\\`*_[\]<>|~]/g, '\\$&');
}

function wrap(marker: string, inner: string): string {
  if (!inner.trim()) return inner;
  const { lead, core, trail } = splitSpace(inner);
  return `${lead}${marker}${core}${marker}${trail}`;
}

function splitSpace(s: string): { lead: string; core: string; trail: string } {
  const m = /^(\s*)([\s\S]*?)(\s*)$/.exec(s);
  return { lead: m?.[1] ?? '', core: m?.[2] ?? s, trail: m?.[3] ?? '' };
}

function mdImage(alt: string, src: string): string {
  return `![${escapeMdInline(collapse(alt))}](${mdUrl(src)})`;
}

function mdUrl(url: string): string {
  return url.replace(/[\s()<>]/g, (c) => encodeURIComponent(c).replace('(', '%28').replace(')', '%29'));
}

function longestRun(text: string, ch: string): number {
  let best = 0;
  let run = 0;
  for (const c of text) {
    run = c === ch ? run + 1 : 0;
    if (run > best) best = run;
  }
  return best;
}

// ---------------------------------------------------------------------------------------------
// Shared helpers

interface LeadParts {
  image: { src: string; alt?: string } | null;
  caption: string | null;
}

/** The lead image and caption to show before the body, unless the body already shows them. */
function leadParts(article: Article, body: ParentNode): LeadParts {
  const lead = article.leadImage;
  if (!lead) return { image: null, caption: null };
  const inBody = Array.from(body.querySelectorAll('img')).some((img) => img.getAttribute('src') === lead.src);
  const caption = lead.caption ? collapse(lead.caption) : '';
  const bodyText = collapse(body.textContent ?? '');
  return {
    image: !inBody && isWebUrl(lead.src) ? { src: lead.src, alt: lead.alt } : null,
    caption: caption && !bodyText.includes(caption) ? caption : null,
  };
}

function metaParts(article: Article): { date: { full: string; shown: string } | null } {
  const full = article.publishedTime?.trim();
  if (!full) return { date: null };
  const day = /^\d{4}-\d{2}-\d{2}/.exec(full)?.[0];
  return { date: { full, shown: day ?? full } };
}

function isWebUrl(url: string): boolean {
  return /^https?:\/\//i.test(url);
}

/** A URL with percent-encoded non-ASCII text decoded for people (Arabic slugs stay readable). */
function displayUrl(url: string): string {
  try {
    return decodeURI(url);
  } catch {
    return url;
  }
}

/** Collapses HTML whitespace (not NBSP) to single spaces, keeps edges. */
function collapseWs(text: string): string {
  return text.replace(/[ \t\n\r\f]+/g, ' ');
}

/** Collapses all whitespace runs and trims. */
function collapse(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

