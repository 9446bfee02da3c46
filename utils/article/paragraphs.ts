/**
 * Paragraphs from line breaks. Many pages, older Arabic and Persian news sites first, write
 * an article as one block of text split by <br>: Readability turns a run of two breaks into
 * a paragraph only where the text sits directly in a block, so a body set inside <font> or
 * <span> came out as paragraphs nested in an inline element in a paragraph, the text before
 * the first run stayed loose beside the paragraphs, and a body split by single breaks stayed
 * one wall of text with no space between its paragraphs (issue 14).
 *
 * Here, after the body is cleaned: paragraphs nested in a paragraph are lifted out, loose
 * text beside paragraphs becomes a paragraph, and a paragraph is split where two or more
 * breaks meet, or one break stands between two lines of prose (each at least PROSE_LINE
 * characters: verse, addresses and a question-and-answer label stay lines of one block).
 */

const INLINE =
  /^(?:A|ABBR|B|BDI|BDO|BR|CITE|CODE|DATA|DFN|EM|FONT|I|IMG|KBD|MARK|PICTURE|Q|S|SAMP|SMALL|SPAN|STRONG|SUB|SUP|TIME|U|VAR|WBR)$/;
/** Characters of a line that reads as a paragraph of its own, not a line of verse or a label. */
const PROSE_LINE = 80;
/** The blocks whose loose text is wrapped into paragraphs. */
const CONTAINER = /^(?:DIV|SECTION|ARTICLE|MAIN|TD|BLOCKQUOTE)$/;

const isInline = (node: Node): boolean => node.nodeType !== 1 || INLINE.test((node as Element).tagName);
const isBreak = (node: Node): boolean => node.nodeType === 1 && (node as Element).tagName === 'BR';
const isBlank = (node: Node): boolean => node.nodeType === 3 && !(node.textContent ?? '').trim();
const textOf = (nodes: readonly Node[]): string =>
  nodes
    .map((n) => n.textContent ?? '')
    .join('')
    .replace(/\s+/g, ' ')
    .trim();

/** Replaces an element by its children. */
function unwrap(el: Element): void {
  el.replaceWith(...el.childNodes);
}

/**
 * Inline elements holding a paragraph (<span>, <font>) are unwrapped, and a paragraph that
 * then holds paragraphs is split around them: its own text before, between and after.
 */
function liftNestedParagraphs(content: Element): void {
  for (const inner of [...content.getElementsByTagName('p')]) {
    for (let a = inner.parentElement; a && a !== content && INLINE.test(a.tagName);) {
      const up = a.parentElement;
      unwrap(a);
      a = up;
    }
  }
  for (const outer of [...content.getElementsByTagName('p')]) {
    if (!content.contains(outer) || !outer.querySelector('p')) continue;
    const doc = outer.ownerDocument;
    const pieces: Node[] = [];
    let run: Node[] = [];
    const flush = (): void => {
      if (textOf(run) || run.some((n) => n.nodeType === 1 && !isBreak(n))) {
        const p = doc.createElement('p');
        p.append(...run);
        pieces.push(p);
      }
      run = [];
    };
    for (const child of [...outer.childNodes]) {
      if (isInline(child)) run.push(child);
      else {
        flush();
        pieces.push(child);
      }
    }
    flush();
    outer.replaceWith(...pieces);
  }
}

/** Loose text beside paragraphs (the text before a run of breaks) becomes a paragraph of its own. */
function wrapLooseText(content: Element): void {
  const blocks = new Set<Element>();
  for (const p of content.getElementsByTagName('p'))
    if (p.parentElement && CONTAINER.test(p.parentElement.tagName)) blocks.add(p.parentElement);
  for (const block of blocks) {
    const children = [...block.childNodes];
    if (!children.some((n) => n.nodeType === 3 && (n.textContent ?? '').trim())) continue;
    let run: Node[] = [];
    const flush = (): void => {
      if (textOf(run)) {
        const p = block.ownerDocument.createElement('p');
        run[0]?.parentNode?.insertBefore(p, run[0]);
        p.append(...run);
      }
      run = [];
    };
    for (const child of children) {
      if (isInline(child)) run.push(child);
      else flush();
    }
    flush();
  }
}

/**
 * Where a block of inline content splits: after each run of two or more breaks, and after one
 * break between two lines of prose. Returns the groups of nodes, breaks at the splits dropped.
 */
function splitAtBreaks(nodes: readonly Node[]): Node[][] {
  // Segments between break runs, and the runs themselves.
  const segments: Node[][] = [[]];
  const runs: Node[][] = [];
  let run: Node[] | undefined;
  for (const node of nodes) {
    if (isBreak(node) || (run && isBlank(node))) {
      if (!run) runs.push((run = []));
      run.push(node);
      continue;
    }
    if (run) {
      segments.push([]);
      run = undefined;
    }
    segments.at(-1)?.push(node);
  }
  if (run) segments.push([]);
  const groups: Node[][] = [[...(segments[0] ?? [])]];
  runs.forEach((breaks, i) => {
    const before = segments[i] ?? [];
    const after = segments[i + 1] ?? [];
    const count = breaks.filter(isBreak).length;
    const split = count >= 2 || (textOf(before).length >= PROSE_LINE && textOf(after).length >= PROSE_LINE);
    if (split) groups.push([...after]);
    else groups.at(-1)?.push(...breaks, ...after);
  });
  return groups.filter((g) => textOf(g) || g.some((n) => n.nodeType === 1 && !isBreak(n)));
}

/** Each paragraph written as lines split by breaks becomes one paragraph per line of prose. */
function splitParagraphs(content: Element): void {
  const parents = new Set<Element>();
  for (const br of content.getElementsByTagName('br')) if (br.parentElement?.tagName === 'P') parents.add(br.parentElement);
  for (const p of parents) {
    const groups = splitAtBreaks([...p.childNodes]);
    if (groups.length < 2) continue;
    const paragraphs = groups.map((group) => {
      const next = p.cloneNode(false) as Element;
      next.append(...group);
      return next;
    });
    p.replaceWith(...paragraphs);
  }
}

/** The body's line-broken text as paragraphs (see the top of this file). Changes `content`. */
export function paragraphsFromBreaks(content: Element): void {
  liftNestedParagraphs(content);
  // A block of only inline content, split by breaks (a <div> of text): a paragraph first.
  for (const br of [...content.getElementsByTagName('br')]) {
    const block = br.parentElement;
    if (block && CONTAINER.test(block.tagName) && [...block.childNodes].every(isInline)) {
      const p = block.ownerDocument.createElement('p');
      p.append(...block.childNodes);
      block.append(p);
    }
  }
  wrapLooseText(content);
  splitParagraphs(content);
}
