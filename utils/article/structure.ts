import { APPEAL_URL, APP_STORE_URL, SHARE_URL, STRUCTURE_RULES, type StructureRule } from './clutter-rules.ts';
import { collapseSpace } from './text.ts';

/**
 * Clutter found by structure, not words: what links point to (share endpoints, app stores,
 * donate pages), runs of sibling cards of one template linking to the site's other articles,
 * and what the page's own styles hide. Pure: reads the document, returns elements and rules.
 */

export interface StructureFinding {
  element: Element;
  rule: StructureRule;
}

const SHOW_TEXT = 4; // NodeFilter.SHOW_TEXT
const SKIP = new Set(['SCRIPT', 'STYLE', 'NOSCRIPT', 'TEMPLATE', 'svg', 'SVG', 'TEXTAREA', 'SELECT']);
const ROOTS = new Set(['HTML', 'BODY', 'MAIN']);
/** Site chrome the live page keeps: a page's own header, menu and footer (not a section's <header>). */
const CHROME = new Set(['NAV', 'HEADER', 'FOOTER']);
const SECTIONING = 'article, section, aside';

const SHARE_BAR_MAX = 400;
const SHARE_LABEL = 30;
const APP_PROMPT_MAX = 600;
const APPEAL = { min: 60, max: 1500 };
const APPEAL_HEADING = 100;
const RUN_SLACK = 80;
const CARD = { minRun: 3, share: 0.7, ownTextMax: 300, headlineChars: 20, headlineWords: 3 };
/** Inside the article's region a card may carry a date, not a teaser: a list of linked items with sentences is content. */
const CARD_IN_TEXT_MAX = 25;
/** Link text a card may hold besides its own: a headline, a kicker, a few tags. */
const CARD_LINK_TEXT_MAX = 400;

const flatLength = (s: string | null): number => collapseSpace(s ?? '').length;
/** Text a reader sees in `el`, white space collapsed (style and script text left out). */
const visibleLength = (el: Element): number => boundedTextLength(el, Number.POSITIVE_INFINITY);

/** Characters of text a reader sees (not style or script), white space collapsed, counting stopped past `limit`. */
export function boundedTextLength(el: Element, limit: number): number {
  let n = 0;
  const walker = el.ownerDocument.createTreeWalker(el, SHOW_TEXT);
  for (let t = walker.nextNode(); t; t = walker.nextNode()) {
    if (SKIP.has(t.parentElement?.tagName ?? '')) continue;
    n += (t.nodeValue ?? '').replace(/\s+/g, ' ').length;
    if (n > limit + 2) return n;
  }
  return n;
}

function linkTextLength(el: Element): number {
  let n = 0;
  for (const a of el.getElementsByTagName('a')) n += flatLength(a.textContent);
  return n;
}

/** Inside the page's own header, menu or footer (a section's <header> is not chrome). */
export function isSiteChrome(el: Element): boolean {
  for (let p: Element | null = el; p; p = p.parentElement) {
    if (p.tagName === 'NAV') return true;
    if ((p.tagName === 'HEADER' || p.tagName === 'FOOTER') && !p.parentElement?.closest(SECTIONING)) return true;
  }
  return false;
}

const contains = (el: Element, other: Element | null): boolean => other !== null && (el === other || el.contains(other));

/**
 * The largest ancestor of `from` (itself included) that stays within `limit` characters and
 * holds no more than the block it grew from plus `slack` characters of other text, never the
 * article text nor a page root.
 */
function growWithin(from: Element, limit: number, protect: Element | null, keep: (el: Element) => boolean): Element {
  let block = from;
  for (let p = from.parentElement; p && !ROOTS.has(p.tagName) && !contains(p, protect); p = p.parentElement) {
    if (boundedTextLength(p, limit) > limit || !keep(p)) break;
    block = p;
  }
  return block;
}

/**
 * The appeal around a call to action: the smallest ancestor with some text of its own (not a
 * list of links), within APPEAL.max characters, then its wrapper while that adds only a heading.
 */
function appealAround(a: Element, protect: Element | null): Element | null {
  for (let p = a.parentElement; p && !ROOTS.has(p.tagName) && !contains(p, protect); p = p.parentElement) {
    const length = boundedTextLength(p, APPEAL.max);
    if (length > APPEAL.max) return null;
    if (length < APPEAL.min || linkTextLength(p) >= length * 0.5) continue;
    return growWithin(p, length + APPEAL_HEADING, protect, () => true);
  }
  return null;
}

/** Links classified by where they point: share endpoints, app stores, donate pages. */
export function findLinkPurposeBlocks(root: Element, protect: Element | null): StructureFinding[] {
  const found: StructureFinding[] = [];
  const share: Element[] = [];
  // By tag: jsdom's attribute selectors walk slowly.
  for (const a of Array.from(root.getElementsByTagName('a'))) {
    const href = (a.getAttribute('href') ?? '').trim();
    if (!href) continue;
    if (SHARE_URL.test(href)) share.push(a);
    else if (APP_STORE_URL.test(href)) {
      if (isSiteChrome(a)) continue;
      // Inside the article a paragraph may name an app and link to it: that is news, not a prompt.
      const block = growWithin(a, APP_PROMPT_MAX, protect, (p) => !(protect?.contains(p) && p.tagName === 'P'));
      if (protect?.contains(block) && (block.tagName === 'P' || block === a)) continue;
      found.push({ element: block, rule: STRUCTURE_RULES['app-store-links'] });
    } else if (APPEAL_URL.test(href) && !isSiteChrome(a) && !protect?.contains(a)) {
      const block = appealAround(a, protect);
      if (block) found.push({ element: block, rule: STRUCTURE_RULES['appeal-links'] });
    }
  }
  // Share bars: the smallest block around two share links or more, then its wrapper while that
  // adds no more than a label ("Share", a count).
  const done = new Set<Element>();
  for (const a of share) {
    if ([...done].some((d) => d.contains(a))) continue;
    let bar: Element | null = null;
    for (let p = a.parentElement; p && !ROOTS.has(p.tagName) && !contains(p, protect); p = p.parentElement) {
      if (boundedTextLength(p, SHARE_BAR_MAX) > SHARE_BAR_MAX) break;
      if (share.filter((s) => p!.contains(s)).length >= 2) {
        bar = p;
        break;
      }
    }
    if (!bar) continue;
    const own = visibleLength(bar);
    bar = growWithin(bar, own + SHARE_LABEL, protect, () => true);
    done.add(bar);
    found.push({ element: bar, rule: STRUCTURE_RULES['share-links'] });
  }
  return found;
}

/**
 * The shape one template prints: the element and its children's elements. Classes are left
 * out: templates mark items "first", "odd", "item-3" or a variant ("news" / "Newsg").
 */
const signature = (el: Element): string => `${el.tagName}>${[...el.children].map((c) => c.tagName).join(',')}`;

/** The registrable part of a host name, roughly: "news.walla.co.il" → "walla.co.il". */
function siteOf(host: string): string {
  const labels = host
    .toLowerCase()
    .replace(/^www\./, '')
    .split('.');
  const keep = labels.length >= 3 && labels[labels.length - 1]!.length === 2 && labels[labels.length - 2]!.length <= 3 ? 3 : 2;
  return labels.slice(-keep).join('.');
}

/** A link to another page of this site: relative, or to one of the site's registrable domains. */
function sameSite(href: string, sites: ReadonlySet<string>): boolean {
  if (/^(?:#|javascript:|mailto:|tel:)/i.test(href)) return false;
  if (!/^(?:[a-z][\w+.-]*:)?\/\//i.test(href)) return true; // relative: this site
  try {
    return sites.has(siteOf(new URL(href, 'https://x.invalid/').hostname));
  } catch {
    return false;
  }
}

/**
 * The site a page belongs to: the host it is served from and the one its canonical address
 * names (an AMP cache, a mirror or a mobile host links to the canonical site's articles).
 */
const SITES = new WeakMap<Document, Map<string, Set<string>>>();

function sitesOf(doc: Document, host: string): Set<string> {
  const known = SITES.get(doc)?.get(host);
  if (known) return known;
  const sites = new Set<string>();
  SITES.set(doc, (SITES.get(doc) ?? new Map<string, Set<string>>()).set(host, sites));
  if (host) sites.add(siteOf(host));
  // By tag name, not attribute selectors: this runs on every page load, and jsdom's are slow.
  const addresses = [
    ...[...doc.getElementsByTagName('link')]
      .filter((l) => /(?:^|\s)canonical(?:\s|$)/i.test(l.getAttribute('rel') ?? ''))
      .map((l) => l.getAttribute('href')),
    ...[...doc.getElementsByTagName('meta')]
      .filter((m) => (m.getAttribute('property') ?? '').toLowerCase() === 'og:url')
      .map((m) => m.getAttribute('content')),
  ];
  for (const address of addresses) {
    try {
      sites.add(siteOf(new URL(address ?? '').hostname));
    } catch {
      // not an absolute address
    }
  }
  sites.delete('');
  return sites;
}

/**
 * A headline card: a link to another page of this site with a headline's length, and little
 * text of its own beside it (a teaser, a date).
 */
function isCard(el: Element, sites: ReadonlySet<string>, ownTextMax: number): boolean {
  // Cheap test first: a card is short (its headline and a teaser at most).
  const total = boundedTextLength(el, ownTextMax + CARD_LINK_TEXT_MAX);
  if (total > ownTextMax + CARD_LINK_TEXT_MAX) return false;
  let headline = false;
  for (const a of el.getElementsByTagName('a')) {
    const text = collapseSpace(a.textContent ?? '');
    if (
      text.length >= CARD.headlineChars &&
      text.split(' ').length >= CARD.headlineWords &&
      a.hasAttribute('href') &&
      sameSite(a.getAttribute('href') ?? '', sites)
    ) {
      headline = true;
      break;
    }
  }
  return headline && total - linkTextLength(el) <= ownTextMax;
}

/**
 * Runs of three or more consecutive siblings of one template, each a headline card: related,
 * latest, most-read and "more from the site" blocks, whatever their heading says. The block
 * taken is the run's container when it holds little else (a heading), else the cards.
 * Never around the article text, never in the page's own header, menu or footer; inside the
 * article's region only bare headlines (a linked list with sentences of its own is content).
 */
export function findTeaserRuns(root: Element, protect: Element | null, host: string, cutOut = false): StructureFinding[] {
  const found: StructureFinding[] = [];
  const rule = STRUCTURE_RULES['teaser-run'];
  const sites = sitesOf(root.ownerDocument, host);
  // The article's own region: its <article>, else the block around the main text (bodies split into sections).
  const zone = protect ? (protect.closest('article') ?? protect.parentElement ?? protect) : null;
  // In the article cut out, a run that is most of its text is the text: a table of contents, a
  // list of chapters. Related lists follow a text longer than themselves.
  const bodyText = cutOut ? visibleLength(root) : 0;
  const visit = (parent: Element): void => {
    if (SKIP.has(parent.tagName) || CHROME.has(parent.tagName)) return;
    // Inside the main text only once the article is cut out: on the whole page, removing cards
    // there can change which block Readability takes (a body split into sections loses all but one).
    if (!cutOut && protect?.contains(parent)) return;
    let first = parent.firstElementChild;
    while (first) {
      // The run of siblings of first's shape; shapes are compared only between likely twins.
      const run: Element[] = [first];
      let next = first.nextElementSibling;
      if (next && next.tagName === first.tagName && next.childElementCount === first.childElementCount) {
        const key = signature(first);
        while (next && next.tagName === first.tagName && next.childElementCount === first.childElementCount && signature(next) === key) {
          run.push(next);
          next = next.nextElementSibling;
        }
      }
      if (run.length >= CARD.minRun && !run.some((c) => contains(c, protect))) {
        const ownTextMax = zone?.contains(parent) ? CARD_IN_TEXT_MAX : CARD.ownTextMax;
        // A sponsored item or two among the cards does not break the run.
        const cards = run.filter((c) => isCard(c, sites, ownTextMax)).length;
        if (cards >= CARD.minRun && cards >= run.length * CARD.share) {
          const isBody = cutOut && run.reduce((n, c) => n + visibleLength(c), 0) * 3 >= bodyText * 2;
          if (!isSiteChrome(parent) && !isBody) {
            // The container, grown while it adds no more than a heading and a "more" link.
            const parentLength = visibleLength(parent);
            const limit = parentLength <= run.reduce((n, c) => n + visibleLength(c), 0) + RUN_SLACK ? parentLength + RUN_SLACK : -1;
            const isWhole = limit > 0 && parent !== root && !contains(parent, protect);
            const whole = isWhole
              ? growWithin(parent, limit * 2, protect, (p) => !CHROME.has(p.tagName) && visibleLength(p) <= limit)
              : parent;
            if (isWhole) found.push({ element: whole, rule });
            else for (const c of run) found.push({ element: c, rule });
          }
          first = next;
          continue;
        }
      }
      for (const c of run) visit(c);
      first = next;
    }
  };
  visit(root);
  return found;
}

const NESTED_OWN_TEXT = 150;

/** The nearest <article> around `el` (`el.parentElement.closest('article')`, by hand: selectors are slow in node's DOM). */
function articleAbove(el: Element): Element | null {
  for (let p = el.parentElement; p; p = p.parentElement) if (p.localName === 'article') return p;
  return null;
}

/**
 * Articles inside the article: other posts a template prints in full under the one asked for
 * ("you may like…"), or comments. Only when the outer article has text of its own, so a page
 * that wraps its one article in two <article> elements loses nothing.
 */
export function findNestedArticles(root: Element, protect: Element | null): StructureFinding[] {
  const found: StructureFinding[] = [];
  // The outer article's own text, once per outer article (a page may print dozens inside one).
  const ownText = new Map<Element, number>();
  for (const inner of Array.from(root.getElementsByTagName('article'))) {
    const outer = articleAbove(inner);
    if (!outer) continue;
    if (contains(inner, protect) || found.some((f) => f.element.contains(inner))) continue;
    if (!(contains(outer, protect) || protect?.contains(outer))) continue;
    let own = ownText.get(outer);
    if (own === undefined) {
      const nested = Array.from(outer.getElementsByTagName('article')).filter((a) => articleAbove(a) === outer);
      own = visibleLength(outer) - nested.reduce((n, a) => n + visibleLength(a), 0);
      ownText.set(outer, own);
    }
    if (own >= NESTED_OWN_TEXT) found.push({ element: inner, rule: STRUCTURE_RULES['nested-article'] });
  }
  return found;
}

const HIDDEN_STYLE = /(?:^|[;{\s])(?:display\s*:\s*none|visibility\s*:\s*hidden)\s*(?:!important\s*)?(?:;|$|\s)/i;
const HIDDEN_TEXT_MAX = 200;

/**
 * Selectors of the page's own style rules that hide what they match, read from its <style>
 * text (a cloned document has no style sheet objects). Top-level rules only (@media blocks may
 * be for print or phones); none with pseudo-classes (those hide on hover, focus…).
 */
function hidingSelectors(doc: Document): string[] {
  const selectors: string[] = [];
  for (const style of doc.getElementsByTagName('style')) {
    const css = (style.textContent ?? '')
      .replace(/\/\*[\s\S]*?\*\//g, '')
      // Conditional blocks (@media, @supports…) with their rules, one level deep.
      .replace(/@[\w-]+[^{};]*\{(?:[^{}]*\{[^{}]*\})*[^{}]*\}/g, '');
    if (!/none|hidden/.test(css)) continue;
    for (const m of css.matchAll(/([^{}@;]+)\{([^{}]*)\}/g)) {
      const selector = m[1]!.trim();
      if (HIDDEN_STYLE.test(m[2]!) && !selector.includes(':') && selector !== '*') selectors.push(selector);
    }
  }
  return selectors;
}

/**
 * Text the page itself hides: by its style sheets, inline styles, the `hidden` attribute or
 * `aria-hidden`. Only short blocks or link lists (a menu for small screens, an image path in a
 * hidden span): a long hidden text may be the rest of the article behind "read more".
 * For extraction only: on the live page these are not rendered anyway.
 */
export function findPageHidden(doc: Document, root: Element, protect: Element | null): StructureFinding[] {
  const found: StructureFinding[] = [];
  const rules = indexCompounds(hidingSelectors(doc));
  // One walk over the elements; a hidden element's subtree is not visited again.
  const walker = doc.createTreeWalker(root, 1); // NodeFilter.SHOW_ELEMENT
  let el = walker.nextNode() as Element | null;
  while (el) {
    const hidden =
      !SKIP.has(el.tagName) &&
      (el.hasAttribute('hidden') ||
        el.getAttribute('aria-hidden') === 'true' ||
        HIDDEN_STYLE.test(el.getAttribute('style') ?? '') ||
        matchesAny(el, rules));
    if (hidden && !ROOTS.has(el.tagName) && !contains(el, protect)) {
      const length = boundedTextLength(el, HIDDEN_TEXT_MAX);
      if (length > 0 && (length <= HIDDEN_TEXT_MAX || linkTextLength(el) >= flatLength(el.textContent) * 0.5)) {
        found.push({ element: el, rule: STRUCTURE_RULES['hidden-by-page'] });
        el = nextOutside(walker, el);
        continue;
      }
    }
    el = walker.nextNode() as Element | null;
  }
  return found;
}

/** The walker's next element after `el`'s subtree. */
function nextOutside(walker: TreeWalker, el: Element): Element | null {
  for (let n: Node | null = el; n && n !== walker.root; n = n.parentNode) {
    if (n.nextSibling) {
      walker.currentNode = n;
      return walker.nextSibling() as Element | null;
    }
  }
  return null;
}

/** A compound selector (`div.a.b#c`): the only kind matched here; combinators are skipped. */
interface Compound {
  tag?: string;
  id?: string;
  classes: string[];
}

const COMPOUND = /^([a-z][\w-]*)?((?:[.#][\w-]+)*)$/i;

/** Compound selectors indexed by one class, id or tag each must have, for a lookup per element. */
function indexCompounds(selectors: readonly string[]): Map<string, Compound[]> {
  const index = new Map<string, Compound[]>();
  for (const list of selectors) {
    for (const raw of list.split(',')) {
      const m = COMPOUND.exec(raw.trim());
      if (!m || raw.trim() === '') continue;
      const parts = m[2]!.match(/[.#][\w-]+/g) ?? [];
      const compound: Compound = { classes: parts.filter((p) => p[0] === '.').map((p) => p.slice(1)) };
      const id = parts.find((p) => p[0] === '#');
      if (id) compound.id = id.slice(1);
      if (m[1]) compound.tag = m[1].toUpperCase();
      const key = compound.id ? `#${compound.id}` : compound.classes[0] ? `.${compound.classes[0]}` : compound.tag;
      if (!key || key === 'HTML' || key === 'BODY') continue;
      index.set(key, [...(index.get(key) ?? []), compound]);
    }
  }
  return index;
}

function matchesAny(el: Element, index: ReadonlyMap<string, Compound[]>): boolean {
  if (index.size === 0) return false;
  const id = el.getAttribute('id');
  const classes = (el.getAttribute('class') ?? '').split(/\s+/).filter(Boolean);
  const keys = [el.tagName, ...(id ? [`#${id}`] : []), ...classes.map((c) => `.${c}`)];
  for (const key of keys) {
    for (const c of index.get(key) ?? []) {
      if ((!c.tag || c.tag === el.tagName) && (!c.id || c.id === id) && c.classes.every((k) => classes.includes(k))) return true;
    }
  }
  return false;
}
