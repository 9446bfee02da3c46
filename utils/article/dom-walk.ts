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
