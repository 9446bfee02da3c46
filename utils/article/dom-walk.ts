/**
 * Moves a tree walker past the subtree of its current node: to its next sibling, else the
 * next sibling of the nearest ancestor that has one. Null at the end of the walker's root.
 */
export function skipChildren(walker: TreeWalker): Element | null {
  for (let node: Node | null = walker.currentNode; node; node = walker.parentNode()) {
    const sibling = walker.nextSibling();
    if (sibling) return sibling as Element;
  }
  return null;
}

/** The first `max` characters of an element's text, without reading the rest of a long text. */
export function textSample(el: Element, max: number): string {
  const walker = el.ownerDocument.createTreeWalker(el, 4);
  let out = '';
  for (let n = walker.nextNode(); n && out.length < max; n = walker.nextNode()) out += n.nodeValue ?? '';
  return out.slice(0, max);
}

/**
 * A part of the page around the article: a sidebar, a menu, or a footer — though a <footer>
 * inside an <article> is the article's own (Drupal and WordPress print the date and the
 * author there).
 */
export function isPageChrome(el: Element): boolean {
  if (el.tagName === 'ASIDE' || el.tagName === 'NAV') return true;
  return el.tagName === 'FOOTER' && el.closest('article') === null;
}

/**
 * The elements just before `start` in document order, nearest first, within `steps` of it:
 * what a template prints above a headline (a date bar, a byline). Passed over: `start`'s own
 * ancestors, elements inside `skip` (lists, sidebars: other stories' lines) and a page footer.
 */
export function* elementsBefore(start: Element, steps: number, skip: string): Generator<Element> {
  const body = start.ownerDocument.body;
  if (!body) return;
  const walker = start.ownerDocument.createTreeWalker(body, 1); // NodeFilter.SHOW_ELEMENT
  walker.currentNode = start;
  for (let e = walker.previousNode() as Element | null, n = 0; e && n < steps; e = walker.previousNode() as Element | null, n++) {
    if (e.contains(start) || e.closest(skip) || (e.closest('footer') && !e.closest('article'))) continue;
    yield e;
  }
}
