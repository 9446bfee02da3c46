import { oversize } from './limits.ts';
import { collapseSpace } from './text.ts';

/**
 * Finds the block that holds the article's running text: the element whose paragraphs
 * carry the most text. Detection uses it as a signal; decluttering uses it as a guard
 * (nothing that contains it may ever be removed).
 *
 * A "paragraph" is any block with running text of its own: a <p>, or a <div>/<td> of an
 * old template whose text sits between <br>s. Link text does not count: a list of
 * headlines is not running text.
 */
export interface MainBlock {
  element: Element;
  /** Characters of paragraph text credited to the block. */
  textLength: number;
  /** Paragraphs of 80+ characters inside the block. */
  paragraphs: number;
  /** Every block of the page with text of its own: its characters, and how many of them are link text. */
  blocks: ReadonlyMap<Element, BlockText>;
}

export interface BlockText {
  text: number;
  links: number;
}

const INLINE = new Set([
  'A',
  'SPAN',
  'STRONG',
  'B',
  'EM',
  'I',
  'FONT',
  'U',
  'SMALL',
  'BIG',
  'SUB',
  'SUP',
  'MARK',
  'Q',
  'CITE',
  'ABBR',
  'TIME',
  'LABEL',
  'BDI',
  'BDO',
  'BR',
  'WBR',
  'S',
  'DEL',
  'INS',
  'CODE',
  'KBD',
  'VAR',
  'DFN',
]);
// Text no reader sees as running text: code, form controls, and the raw fallback text of frames
// and plugins (an ad <iframe> can hold kilobytes of script as text, which a browser never shows).
const SKIP = new Set([
  'SCRIPT',
  'STYLE',
  'NOSCRIPT',
  'TEMPLATE',
  'TEXTAREA',
  'SELECT',
  'OPTION',
  'BUTTON',
  'svg',
  'IFRAME',
  'OBJECT',
  'EMBED',
  'FRAMESET',
  'NOFRAMES',
]);
// Script that leaked into the text (a broken tag, a template's inline config): braces, semicolons
// and assignments at a rate prose never has.
const CODE_CHARS = /[{};=]/g;
const MAYBE_CODE = /[{;=]/;
const isCode = (text: string): boolean => {
  if (!MAYBE_CODE.test(text)) return false;
  const n = text.match(CODE_CHARS)?.length ?? 0;
  return n >= 5 && n > text.length / 40;
};
const MIN_PARAGRAPH = 25;
const SHOW_TEXT = 4; // NodeFilter.SHOW_TEXT

/**
 * Undefined when there is no running text, or when `root` is over the size guard (limits.ts);
 * `sizeChecked`: the caller already checked the page against the guard.
 */
export function findMainBlock(root: Element, sizeChecked = false): MainBlock | undefined {
  if (!sizeChecked && oversize(root) !== null) return undefined;
  // 1. Running text per block, link text apart.
  const own = new Map<Element, BlockText>();
  const walker = root.ownerDocument.createTreeWalker(root, SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const length = collapseSpace(node.nodeValue ?? '').length;
    if (length === 0) continue;
    let block = node.parentElement;
    let inLink = false;
    let skipped = false;
    while (block && INLINE.has(block.tagName)) {
      if (block.tagName === 'A') inLink = true;
      block = block.parentElement;
    }
    for (let e = node.parentElement; e && e !== block; e = e.parentElement) if (SKIP.has(e.tagName)) skipped = true;
    if (!block || skipped || SKIP.has(block.tagName)) continue;
    if (length >= MIN_PARAGRAPH && isCode(node.nodeValue ?? '')) continue;
    const entry = own.get(block) ?? { text: 0, links: 0 };
    entry.text += length;
    if (inLink) entry.links += length;
    own.set(block, entry);
  }

  // 2. Each paragraph credits its container, and half to the one above (bodies split into sections).
  const credit = new Map<Element, { text: number; paragraphs: number }>();
  const add = (el: Element | null, text: number, long: boolean): void => {
    if (!el) return;
    const c = credit.get(el) ?? { text: 0, paragraphs: 0 };
    c.text += text;
    if (long) c.paragraphs += 1;
    credit.set(el, c);
  };
  const hidden = new Map<Element, boolean>();
  for (const [block, { text, links }] of own) {
    const running = text - links;
    // A copy the page hides (schema.org microdata in a display:none block) is not what a reader reads.
    if (running < MIN_PARAGRAPH || isHidden(block, hidden)) continue;
    add(block.parentElement, running, running >= 80);
    add(block.parentElement?.parentElement ?? null, running / 2, false);
  }

  // 3. The block with the most text, unless it sits in a comment thread while a block outside
  //    one has text of its own: readers' comments can outweigh a short post, and are not it.
  let first: [Element, { text: number; paragraphs: number }] | undefined;
  for (const entry of credit) if (!first || entry[1].text > first[1].text) first = entry;
  if (!first) return undefined;
  let chosen = first;
  if (inCommentThread(first[0], root)) {
    const ranked = [...credit].sort((a, b) => b[1].text - a[1].text);
    chosen = ranked.find(([el, c]) => c.text >= MIN_POST && !inCommentThread(el, root)) ?? first;
  }
  const [element, c] = chosen;
  return { element, textLength: c.text, paragraphs: c.paragraphs, blocks: own };
}

/** A post this short still beats its comment thread: two short paragraphs. */
const MIN_POST = 150;
const COMMENT_NAME = /(?:^|[\s_-])(?:comments?|commentlist|comment-?list|disqus\w*|discussions?|replies)(?:$|[\s_-])/i;
const commentName = (el: Element): boolean => COMMENT_NAME.test(`${el.getAttribute('class') ?? ''} ${el.getAttribute('id') ?? ''}`);

/**
 * Inside a comment thread: an ancestor named as comments (class or id) that holds at least two
 * more elements so named (the comments themselves) and not the page's headline. A wrapper that
 * merely shares the word (an opinion section's "tone-comment") holds no such items.
 */
function inCommentThread(el: Element, root: Element): boolean {
  for (let e: Element | null = el; e && e !== root.parentElement; e = e.parentElement) {
    if (!commentName(e) || e.getElementsByTagName('h1').length > 0) continue;
    let items = 0;
    const walker = e.ownerDocument.createTreeWalker(e, 1);
    for (let d = walker.nextNode() as Element | null; d; d = walker.nextNode() as Element | null) {
      if (d !== e && commentName(d) && ++items >= 2) return true;
    }
  }
  return false;
}

const HIDDEN_INLINE = /(?:^|;)\s*display\s*:\s*none/i;

/** Hidden by the element or an ancestor: the `hidden` attribute or an inline display:none. Memoised per element. */
function isHidden(el: Element | null, memo: Map<Element, boolean>): boolean {
  if (!el) return false;
  const known = memo.get(el);
  if (known !== undefined) return known;
  const hidden = el.hasAttribute('hidden') || HIDDEN_INLINE.test(el.getAttribute('style') ?? '') || isHidden(el.parentElement, memo);
  memo.set(el, hidden);
  return hidden;
}
