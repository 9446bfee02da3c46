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
