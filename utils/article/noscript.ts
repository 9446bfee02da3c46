import type { MainBlock } from './main-text.ts';
import { collapseSpace } from './text.ts';

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
    const text = nodes.reduce((n, node) => n + collapseSpace(node.textContent ?? '').length, 0);
    if (text < MIN_TEXT) continue;
    noscript.replaceWith(...nodes);
    unwrapped = true;
  }
  return unwrapped;
}

/** Running text of a paragraph, links apart. */
const RUNNING = 80;

/**
 * A page parsed without scripting (node, a saved page) reads `<noscript>` as markup, and there
 * an unclosed `<p>` inside it (`<noscript><p>Enable JavaScript</noscript>`, or a `</noscript>`
 * smuggled inside an attribute) makes the parser ignore the real `</noscript>`: every paragraph
 * after it, up to the end of the container, lands inside the noscript and out of the reading
 * view. A browser with scripting ends the noscript where the page meant to and shows them.
 *
 * On a detached clone: each noscript holding paragraphs of running text that the page does not
 * already show elsewhere (a fallback copy of the article) is unwrapped, its own leading content
 * (short lines, the element that carried the `</noscript>`) dropped. Returns whether anything changed.
 */
export function unwrapSwallowedNoscripts(doc: Document, main: MainBlock | undefined): boolean {
  const body = doc.body;
  if (!body) return false;
  let changed = false;
  for (const noscript of [...body.getElementsByTagName('noscript')]) {
    // Image fallbacks and tracking pixels hold no text: the common case, skipped at once.
    if (!noscript.isConnected || noscript.children.length === 0 || (noscript.textContent ?? '').length < RUNNING) continue;
    const children = [...noscript.children];
    const first = children.findIndex((el) => runningText(el) >= RUNNING && !smuggles(el));
    const lead = children[first];
    if (!lead) continue;
    // A fallback copy repeats what the page shows: leave it.
    const sample = collapse(lead.textContent).slice(0, 80);
    const shown = main && !main.element.closest('noscript') ? textOutsideNoscripts(main.element) : '';
    if (shown.includes(sample)) continue;
    // The noscript's own content, before the swallowed paragraphs, stays hidden as a browser hides it.
    const keep = [...noscript.childNodes].slice([...noscript.childNodes].indexOf(lead));
    noscript.replaceWith(...keep);
    changed = true;
  }
  return changed;
}

function textOutsideNoscripts(root: Element): string {
  let text = '';
  const walker = root.ownerDocument.createTreeWalker(root, 4); // NodeFilter.SHOW_TEXT
  for (let t = walker.nextNode(); t; t = walker.nextNode()) if (!t.parentElement?.closest('noscript')) text += t.nodeValue ?? '';
  return collapse(text);
}

function collapse(text: string | null): string {
  return collapseSpace(text ?? '');
}

function runningText(el: Element): number {
  let links = 0;
  for (const a of el.getElementsByTagName('a')) links += collapse(a.textContent).length;
  return collapse(el.textContent).length - links;
}

/** An element whose attributes hold a `</noscript>`: the tag that broke the page's markup. */
function smuggles(el: Element): boolean {
  for (const e of [el, ...el.querySelectorAll('*')]) {
    for (const attr of e.attributes) if (/<\/noscript/i.test(attr.value)) return true;
  }
  return false;
}
