import createDOMPurify, { type Config, type DOMPurify } from 'dompurify';
import { blockDirection } from './direction.ts';

/**
 * Page HTML is hostile. This is the one sanitiser every article body goes through before
 * it leaves the core; the reading view's ArticleBody runs it again as the single sink.
 */

export type PurifyWindow = NonNullable<Parameters<typeof createDOMPurify>[0]>;

// No foreign namespace gets through (SVG, MathML: where parser-confusion attacks live);
// extraction rewrites formulas as HTML before this (math.ts).
const CONFIG: Config = {
  USE_PROFILES: { html: true },
  // Media would play (and be fetched) from the network every time a saved copy opens:
  // extraction turns it into a poster image and a link first (media.ts).
  FORBID_TAGS: [
    'style',
    'form',
    'input',
    'button',
    'textarea',
    'select',
    'option',
    'iframe',
    'frame',
    'object',
    'embed',
    'link',
    'meta',
    'base',
    'svg',
    'math',
    'template',
    'noscript',
    'dialog',
    'video',
    'audio',
    'source',
    'track',
    'picture',
  ],
  FORBID_ATTR: ['style', 'class', 'id', 'name', 'srcset', 'sizes', 'formaction', 'action', 'background', 'ping', 'target', 'poster'],
  ALLOW_DATA_ATTR: false,
  ALLOW_ARIA_ATTR: false,
  ALLOWED_URI_REGEXP: /^(?:https?:|mailto:|tel:|#)/i,
  // With a URI filter, DOMPurify also holds every attribute it does not know to be safe to that
  // filter: a table's colspan="2" or a list's start="4" would go. These are not URLs; nor is a
  // link's MIME type, how a media link says it is video or audio (media.ts).
  ADD_URI_SAFE_ATTR: ['colspan', 'rowspan', 'headers', 'scope', 'start', 'reversed', 'type'],
  RETURN_TRUSTED_TYPE: false,
};

const HTML_NS = 'http://www.w3.org/1999/xhtml';
// In an <img>, a data: URL is an image or nothing; elsewhere it is a document.
const DATA_URL_ATTRS = ['src', 'href', 'xlink:href', 'poster'];
const DATA_IMAGE = /^data:image\//i;

const BLOCKS = new Set(['P', 'LI', 'H2', 'H3', 'H4', 'H5', 'H6', 'BLOCKQUOTE', 'FIGCAPTION', 'TD', 'TH', 'DD', 'DT', 'PRE']);

export interface SanitizeOptions {
  /** Local copies of images by their original src: data:image URIs (kept offline) or blob: URLs (fetched without credentials). */
  images?: Readonly<Record<string, string>>;
  /**
   * For extension pages: an image with no local copy gets no address at all (hidden until
   * its copy arrives), so the page never asks a host for it itself, with the reader's cookies.
   */
  localOnly?: boolean;
}

const STORED_IMAGE = /^data:image\/[a-z0-9.+-]+;base64,[A-Za-z0-9+/]+=*$|^blob:[^\s"'<>]+$/i;

// One configured instance per window and mode: DOMPurify binds to a window's DOM classes.
const instances = { copy: new WeakMap<object, DOMPurify>(), inPlace: new WeakMap<object, DOMPurify>() };

function purifierFor(view: PurifyWindow, mode: keyof typeof instances = 'copy'): DOMPurify {
  const cached = instances[mode].get(view);
  if (cached) return cached;
  const purify = createDOMPurify(view);
  // The string mode passes its configuration with each call (it returns a fragment).
  if (mode === 'inPlace') purify.setConfig({ ...CONFIG, IN_PLACE: true });
  purify.addHook('afterSanitizeAttributes', (node) => {
    if (node.tagName === 'A' || node.tagName === 'AREA') {
      // Links leave the extension page in a new tab, without opener or referrer.
      if (node.hasAttribute('href')) {
        node.setAttribute('target', '_blank');
        node.setAttribute('rel', 'noopener noreferrer');
      }
    } else if (node.tagName === 'IMG') {
      node.setAttribute('loading', 'lazy');
      node.setAttribute('referrerpolicy', 'no-referrer');
    }
    for (const name of DATA_URL_ATTRS) {
      const value = node.getAttribute(name)?.replace(/[\u0000-\u0020]/g, '');
      if (value && /^data:/i.test(value) && !(node.tagName === 'IMG' && name === 'src' && DATA_IMAGE.test(value)))
        node.removeAttribute(name);
    }
    // The article's direction is every block's base; a block turns only when its letters are
    // predominantly of the other script (issue 14). `dir="auto"` let the first letter decide, so
    // «CNN وBloomberg نشرتا…» ran left to right; a page's own dir (often wrong) gives way too.
    if (BLOCKS.has(node.tagName)) {
      const dir = blockDirection(node.textContent ?? '');
      if (dir) node.setAttribute('dir', dir);
      else node.removeAttribute('dir');
    }
  });
  instances[mode].set(view, purify);
  return purify;
}

/**
 * Text that a page parsed into HTML inside <svg> or <math> (through <foreignObject> or <mtext>,
 * or a broken tag that leaves the rest of the page inside) is text browsers show, but the
 * sanitiser drops foreign elements with all they hold. Moves those HTML islands out, in order,
 * just before their foreign ancestor: the graphics and formulas go, the article stays.
 * Changes `root` (pass a detached clone).
 */
export function hoistHtmlFromForeign(root: Element): void {
  const doc = root.ownerDocument;
  const isForeign = (e: Element | null): boolean => !!e && e.namespaceURI !== HTML_NS;
  const roots: Element[] = [];
  const walker = doc.createTreeWalker(root, 1);
  for (let e = walker.nextNode() as Element | null; e; e = walker.nextNode() as Element | null) {
    if (isForeign(e) && !isForeign(e.parentElement)) roots.push(e);
  }
  for (const foreign of roots) {
    // Outermost HTML elements of this foreign tree (deeper islands move with them).
    const islands: Element[] = [];
    for (const e of foreign.querySelectorAll('*')) {
      if (isForeign(e) || !isForeign(e.parentElement)) continue;
      let up = e.parentElement;
      while (up && up !== foreign && isForeign(up)) up = up.parentElement;
      if (up === foreign) islands.push(e);
    }
    if (islands.length > 0) foreign.before(...islands);
  }
}

/**
 * Sanitises a detached element that the caller owns, in place, and returns its HTML: no
 * copy of the tree (the extraction's clone is Naqi's own). Run hoistHtmlFromForeign on it
 * first (extraction does, before it drops graphics). The reading view sanitises the returned
 * HTML again, from a string, in its one sink.
 */
export function sanitizeElementInPlace(el: Element, view: PurifyWindow): string {
  purifierFor(view, 'inPlace').sanitize(el);
  return el.outerHTML;
}

const FRAGMENT_CONFIG = { ...CONFIG, RETURN_DOM_FRAGMENT: true } as const;

/**
 * A copy kept in the library replaces an image's web address (after the sanitiser's URL
 * filter); with `localOnly`, an image without one gets no address.
 */
function placeImages(root: DocumentFragment, options: SanitizeOptions): void {
  if (!options.images && !options.localOnly) return;
  for (const img of root.querySelectorAll('img')) {
    const src = img.getAttribute('src');
    const stored = options.images?.[src ?? ''];
    if (stored && STORED_IMAGE.test(stored)) img.setAttribute('src', stored);
    else if (options.localOnly && src !== null) {
      img.removeAttribute('src');
      img.setAttribute('hidden', '');
    }
  }
}

/** Sanitises an HTML string with the DOMPurify bound to `view`, a real or jsdom window. */
export function sanitizeHtml(html: string, view: PurifyWindow, options: SanitizeOptions = {}): string {
  // `target` is forbidden on input (pages aim it at named frames); the hook sets _blank.
  const fragment = purifierFor(view).sanitize(html, FRAGMENT_CONFIG);
  placeImages(fragment, options);
  const holder = fragment.ownerDocument.createElement('div');
  holder.append(fragment);
  return holder.innerHTML;
}
