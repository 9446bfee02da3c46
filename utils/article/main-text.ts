/**
 * Finds the block that holds the article's running text: the element whose paragraphs
 * carry the most text. Detection uses it as a signal; decluttering uses it as a guard
 * (nothing that contains it may ever be removed).
 */

export interface MainBlock {
  element: Element;
  /** Characters of paragraph text credited to the block. */
  textLength: number;
  /** Paragraphs of 80+ characters inside the block. */
  paragraphs: number;
}

const SKIP = 'script, style, noscript, template';
const MIN_PARAGRAPH = 25;

function paragraphText(p: Element): number {
  if (p.closest(SKIP)) return 0;
  let linked = 0;
  for (const node of p.querySelectorAll('a')) linked += node.textContent?.length ?? 0;
  const text = (p.textContent ?? '').replace(/\s+/g, ' ').trim().length;
  // Teaser links wrapped in <p> are not running text.
  return text - linked;
}

export function findMainBlock(root: ParentNode): MainBlock | undefined {
  const credit = new Map<Element, { text: number; paragraphs: number }>();
  const add = (el: Element | null, text: number, long: boolean): void => {
    if (!el) return;
    const c = credit.get(el) ?? { text: 0, paragraphs: 0 };
    c.text += text;
    if (long) c.paragraphs += 1;
    credit.set(el, c);
  };
  // <p> is the common case.
  for (const block of root.querySelectorAll('p, pre, blockquote')) {
    const text = paragraphText(block);
    if (text < MIN_PARAGRAPH) continue;
    add(block.parentElement, text, text >= 80);
    // Paragraphs split into sub-containers still belong to one body.
    add(block.parentElement?.parentElement ?? null, text / 2, false);
  }
  // Old templates: text straight in a <div>/<td>, paragraphs split by <br>.
  const brParents = new Set<Element>();
  for (const br of root.querySelectorAll('br + br')) if (br.parentElement) brParents.add(br.parentElement);
  for (const block of brParents) {
    if (block.closest(SKIP)) continue;
    const text = directText(block);
    if (text >= MIN_PARAGRAPH) add(block, text, text >= 80);
  }
  let best: MainBlock | undefined;
  for (const [element, c] of credit) {
    if (!best || c.text > best.textLength) best = { element, textLength: c.text, paragraphs: c.paragraphs };
  }
  return best;
}

function directText(el: Element): number {
  let n = 0;
  for (const child of el.childNodes) {
    if (child.nodeType === 3) n += (child.textContent ?? '').trim().length;
  }
  return n;
}
