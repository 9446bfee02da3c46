import type { MainBlock } from './main-text.ts';

/**
 * Pages rendered by script often carry the whole article only in a `<noscript>` fallback
 * (a saved page, a blocked script): the reader should still get it. In node (jsdom, no
 * scripting) a noscript holds elements; in a browser with scripting it holds its markup as
 * text, parsed here in an inert document (DOMParser runs no script and loads nothing).
 */

/** Below this much running text (or with it inside a noscript), the text may be in the fallback. */
const THIN_PAGE = 500;
/** A noscript worth unwrapping holds at least this much text (image fallbacks hold none). */
const MIN_TEXT = 200;

export type ParseHtml = (html: string) => Document;

/**
 * On a detached clone: when the page shows almost no text outside its noscripts, replaces each `<noscript>` holding
 * real text by its content. Returns whether anything was unwrapped. Never call it on the live page.
 */
export function unwrapNoscriptText(doc: Document, main: MainBlock | undefined, parseHtml?: ParseHtml): boolean {
  const body = doc.body;
  if (!body) return false;
  if (main && main.textLength >= THIN_PAGE && !main.element.closest('noscript')) return false;
  const noscripts = [...body.getElementsByTagName('noscript')];
  let unwrapped = false;
  for (const noscript of noscripts) {
    if (!noscript.isConnected) continue;
    let nodes: Node[];
    if (noscript.children.length > 0) nodes = [...noscript.childNodes];
    else if (parseHtml && /<[a-z]/i.test(noscript.textContent ?? '')) {
      nodes = [...parseHtml(noscript.textContent ?? '').body.childNodes].map((n) => doc.importNode(n, true));
    } else continue;
    const text = nodes.reduce((n, node) => n + (node.textContent ?? '').replace(/\s+/g, ' ').trim().length, 0);
    if (text < MIN_TEXT) continue;
    noscript.replaceWith(...nodes);
    unwrapped = true;
  }
  return unwrapped;
}
