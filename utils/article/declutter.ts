import {
  CUE_RULES,
  FONT_SWITCHER_TEXT,
  ICON_LABEL,
  MARKUP_RULES,
  STRUCTURE_RULES,
  type CueRule,
  type MarkupMatch,
  type MarkupRule,
} from './clutter-rules.ts';
import { oversize } from './limits.ts';
import { findMainBlock } from './main-text.ts';
import { SITE_RULES, rulesForHost } from './site-rules.ts';
import { findLinkPurposeBlocks, findNestedArticles, findPageHidden, findTeaserRuns } from './structure.ts';
import { collapseSpace, escapeRegExp, excerptOf, normalizeText } from './text.ts';
import type { PlannedRemoval } from './types.ts';

/**
 * planDeclutter: the named, ordered pipeline that finds clutter. It returns data and
 * changes nothing; the content script hides what it lists (reversibly) and extraction
 * removes it from a clone.
 */

export interface DeclutterOptions {
  /** Where to look; the whole body by default. Extraction passes its result to clean it again. */
  root?: Element;
  /** Never remove this element or anything containing it. Defaults to the main text block. */
  protect?: Element | null;
  /**
   * The live page's window: enables the computed-style check for overlays that only a
   * stylesheet makes fixed. Left out in node, where computed styles are meaningless.
   */
  view?: Pick<Window, 'getComputedStyle' | 'innerWidth' | 'innerHeight'>;
  /** Consider `root` itself too: the live page plans on subtrees that arrive late. */
  includeRoot?: boolean;
  /** The page's host, for site rules in cosmetic-filter syntax (site-rules.ts) and links to the site's other pages. */
  hostname?: string;
  /** `root` is the article already cut out of the page (extraction's second pass): cards inside its main text are fair game. */
  cutOut?: boolean;
}

const SKIP_TAGS = new Set(['SCRIPT', 'STYLE', 'NOSCRIPT', 'TEMPLATE', 'svg', 'SVG', 'HEAD', 'TITLE', 'IFRAME', 'TEXTAREA', 'SELECT']);
const NEVER = new Set(['HTML', 'BODY', 'HEAD', 'MAIN', 'H1']);
const BLOCK_TAGS = new Set([
  'P',
  'DIV',
  'SECTION',
  'ASIDE',
  'ARTICLE',
  'LI',
  'UL',
  'OL',
  'H2',
  'H3',
  'H4',
  'H5',
  'H6',
  'HEADER',
  'FOOTER',
  'FIGURE',
  'BLOCKQUOTE',
  'TD',
  'TABLE',
  'FORM',
  'NAV',
  'DL',
  'DD',
  'CENTER',
]);
const HEADING_SLACK = 25;
const SHOW_TEXT = 4; // NodeFilter.SHOW_TEXT
const LINK_KINDS = new Set<PlannedRemoval['kind']>(['related', 'share', 'navigation']);
// Cue blocks stop below site chrome: the live page keeps its header and menu (a section's own
// <header> is not chrome: «مطالب مرتبط» often sits in one).
const isChromeStop = (el: Element): boolean =>
  el.tagName === 'NAV' || (el.tagName === 'HEADER' && !el.parentElement?.closest('article, section, aside'));
const SHORT_BLOCK = 600;
const BODY_APPEAL = 200;
const LINK_BLOCK_MAX = 6000;
// Text outside links that makes a block inside the article part of its text.
const BODY_TEXT = 200;
const PROSE = 300;

const PUNCTUATION = /^[\s:：.…«»"'“”|\-–—•·>›»:؛،]+|[\s:：.…«»"'“”|\-–—•·<‹«:؛،]+$/g;

interface PreparedCue {
  rule: CueRule;
  cue: string;
}

// Cues normalised once per module load; they are constants.
const HEADING_CUES: PreparedCue[] = [];
const PHRASE_CUES: PreparedCue[] = [];
for (const rule of CUE_RULES) {
  for (const raw of rule.cues) {
    (rule.match === 'heading' ? HEADING_CUES : PHRASE_CUES).push({ rule, cue: normalizeText(raw) });
  }
}
// Longest first, so "مقالات ذات صلة" wins over "ذات صلة"; indexed by first letter, as
// every short text node of the page is tried against them.
HEADING_CUES.sort((a, b) => b.cue.length - a.cue.length);
const HEADINGS_BY_FIRST = new Map<string, PreparedCue[]>();
for (const c of HEADING_CUES) HEADINGS_BY_FIRST.set(c.cue.charAt(0), [...(HEADINGS_BY_FIRST.get(c.cue.charAt(0)) ?? []), c]);
const LONGEST_HEADING = Math.max(...HEADING_CUES.map((c) => c.cue.length));
// One alternation finds any phrase cue in one scan of the text.
const PHRASES = new Map(PHRASE_CUES.map((c) => [c.cue, c]));
const PHRASE_RE = new RegExp([...PHRASES.keys()].map(escapeRegExp).join('|'));

/**
 * Characters of text, white space collapsed. With `limit`, counting stops past it: the
 * checks here only ask "is this block short?", and a page's body can hold 100 KB of text.
 */
function textLength(el: Element, limit?: number): number {
  if (limit === undefined) return collapseSpace(el.textContent ?? '').length;
  let n = 0;
  const walker = el.ownerDocument.createTreeWalker(el, SHOW_TEXT);
  for (let t = walker.nextNode(); t; t = walker.nextNode()) {
    n += (t.nodeValue ?? '').replace(/\s+/g, ' ').length;
    if (n > limit + 2) return n;
  }
  return n;
}

type Measure = 'text' | 'links' | 'anchors' | 'prose';

/**
 * Whole-subtree measures of the elements one plan looks at, each taken once: the cue blocks
 * climb through the same ancestors and test the same siblings for every heading on the page,
 * which made a large page quadratic. One per plan, while the document does not change.
 */
class Measures {
  private readonly known = new Map<Measure, WeakMap<Element, number>>();

  private remember(what: Measure, el: Element, measure: () => number): number {
    let known = this.known.get(what);
    if (!known) this.known.set(what, (known = new WeakMap()));
    let value = known.get(el);
    if (value === undefined) known.set(el, (value = measure()));
    return value;
  }

  /** Characters of text, white space collapsed. */
  text(el: Element): number {
    return this.remember('text', el, () => textLength(el));
  }

  /** Characters of link text. */
  linkText(el: Element): number {
    return this.remember('links', el, () => {
      let n = 0;
      for (const a of el.getElementsByTagName('a')) n += collapseSpace(a.textContent ?? '').length;
      return n;
    });
  }

  /** Links with an address (by tag: jsdom's attribute selectors walk slowly). */
  links(el: Element): number {
    return this.remember('anchors', el, () => {
      let n = 0;
      for (const a of el.getElementsByTagName('a')) if (a.hasAttribute('href')) n++;
      return n;
    });
  }

  /** A run of text of PROSE characters or more outside links: a paragraph, not a card's teaser. */
  holdsProse(el: Element): boolean {
    return this.remember('prose', el, () => (proseIn(el) ? 1 : 0)) === 1;
  }

  linkDensity(el: Element): number {
    const total = this.text(el);
    return total === 0 ? 0 : this.linkText(el) / total;
  }

  /**
   * Headlines to follow: mostly link text, or cards whose link is an empty overlay anchor
   * (many links, little text per link).
   */
  isLinkBlock(el: Element, density = 0.5): boolean {
    if (this.linkDensity(el) >= density) return true;
    const anchors = this.links(el);
    return anchors >= 3 && this.text(el) / anchors <= 120;
  }
}

export function planDeclutter(doc: Document, options: DeclutterOptions = {}): PlannedRemoval[] {
  const root = options.root ?? doc.body;
  if (!root) return [];
  // A whole page over the size guard is left alone: a clean asked for from the popup must not freeze the tab.
  if (options.root === undefined && oversize(root) !== null) return [];
  const protect = options.protect === undefined ? (findMainBlock(root)?.element ?? null) : options.protect;
  const found = new Map<Element, PlannedRemoval>();
  const measures = new Measures();
  const byName = new Map<string, boolean>();

  const isAllowed = (el: Element): boolean =>
    (el !== root || options.includeRoot === true) && !NEVER.has(el.tagName) && !(protect && (el === protect || el.contains(protect)));

  const add = (el: Element, rule: { name: string; kind: PlannedRemoval['kind']; reason: string }): boolean => {
    if (found.has(el)) return true;
    if (!isAllowed(el)) return false;
    found.set(el, { rule: rule.name, kind: rule.kind, reason: rule.reason, text: excerptOf(el.textContent ?? ''), element: el });
    return true;
  };

  // One walk in document order: markup rules on elements (a match skips its subtree),
  // normalised cues on short text nodes. Scripts, styles and templates are not walked.
  const visit = (el: Element): void => {
    for (let child = el.firstChild; child; child = child.nextSibling) {
      if (child.nodeType === 1) {
        const element = child as Element;
        if (SKIP_TAGS.has(element.tagName)) continue;
        const rule = markupRuleFor(element, byName);
        if (rule && (rule.maxText === undefined || textLength(element, rule.maxText) <= rule.maxText) && add(element, rule)) continue;
        visit(element);
      } else if (child.nodeType === 3) {
        const raw = child.nodeValue ?? '';
        if (raw.length > 500 || !/\S/.test(raw)) continue;
        const text = normalizeText(raw).replace(PUNCTUATION, '');
        if (text.length > 0) matchText(child, el, text, add, protect, measures);
      }
    }
  };
  const rootRule = options.includeRoot ? markupRuleFor(root, byName) : undefined;
  if (!(rootRule && (rootRule.maxText === undefined || textLength(root, rootRule.maxText) <= rootRule.maxText) && add(root, rootRule)))
    visit(root);

  // Site rules: a handful of selectors for this host only.
  if (options.hostname) {
    for (const rule of rulesForHost(SITE_RULES, options.hostname)) {
      let matches: Element[];
      try {
        matches = [...root.querySelectorAll(rule.selector)];
      } catch {
        continue; // A selector this engine does not know is skipped, not fatal.
      }
      for (const el of matches)
        add(el, { name: 'site-rule', kind: rule.kind, reason: `site rule ${rule.domains.join(',')}##${rule.selector}` });
    }
  }

  // Structure: where links point, runs of cards of one template, what the page itself hides
  // (the last only off the live page, where hidden text is not rendered anyway).
  for (const f of findLinkPurposeBlocks(root, protect)) add(f.element, f.rule);
  for (const f of findTeaserRuns(root, protect, options.hostname ?? '', options.cutOut === true)) add(f.element, f.rule);
  for (const f of findNestedArticles(root, protect)) add(f.element, f.rule);
  if (!options.view && root === doc.body) for (const f of findPageHidden(doc, root, protect)) add(f.element, f.rule);

  // 3. Live page only: overlays that a stylesheet pins over the page.
  if (options.view) {
    for (const { element, rule } of findFixedOverlays(options.includeRoot ? [root] : [...root.children], options.view, protect, measures)) {
      add(
        element,
        rule === 'pinned-prompt'
          ? STRUCTURE_RULES['pinned-prompt']
          : { name: 'fixed-overlay', kind: 'overlay', reason: 'fixed layer covering the page' },
      );
    }
  }

  return outermostInDocumentOrder([...found.values()]);
}

const PINNED = /position\s*:\s*(?:fixed|sticky)/i;

/** What one element shows of its markup, read once for every rule. */
interface Markup {
  el: Element;
  id: string;
  cls: string;
  tokens: readonly string[];
  style: string | null;
  /** No attributes at all: only its tag can match. */
  bare: boolean;
}
type MarkupTest = (m: Markup) => boolean;
type FieldValues<K extends keyof MarkupMatch> = readonly NonNullable<MarkupMatch[K]>[];

/**
 * Each field of `MarkupMatch`, declared once: how a list of its values (one rule's, or all
 * rules' together) becomes a test. A rule's test and the quick reject over every rule are
 * both built from this table, so a new field cannot be left out of one of them.
 */
const FIELDS: { [K in keyof MarkupMatch]-?: (values: FieldValues<K>) => MarkupTest | undefined } = {
  id: (lists) => {
    const ids = new Set(lists.flat());
    return ids.size === 0 ? undefined : (m) => ids.has(m.id);
  },
  class: (lists) => {
    const classes = new Set(lists.flat());
    return classes.size === 0 ? undefined : (m) => m.tokens.some((t) => classes.has(t));
  },
  contains: (lists) => {
    const words = lists.flat();
    if (words.length === 0) return undefined;
    const re = new RegExp(words.map(escapeRegExp).join('|'), 'i');
    return (m) => (m.id !== '' && re.test(m.id)) || (m.cls !== '' && re.test(m.cls));
  },
  idPrefix: (lists) => {
    const prefixes = lists.flat();
    if (prefixes.length === 0) return undefined;
    const re = new RegExp(`^(?:${prefixes.map(escapeRegExp).join('|')})`);
    return (m) => m.id !== '' && re.test(m.id);
  },
  attr: (records) => {
    const byName = new Map<string, Set<string>>();
    for (const record of records)
      for (const [name, values] of Object.entries(record)) byName.set(name, new Set([...(byName.get(name) ?? []), ...values]));
    const entries = [...byName];
    return entries.length === 0
      ? undefined
      : (m) =>
          !m.bare &&
          entries.some(([name, values]) => {
            const value = m.el.getAttribute(name);
            return value !== null && values.has(value.toLowerCase());
          });
  },
  pinned: (flags) => (flags.some(Boolean) ? (m) => m.style !== null && PINNED.test(m.style) : undefined),
  tag: (lists) => {
    const tags = new Set(lists.flat().map((t) => t.toUpperCase()));
    return tags.size === 0 ? undefined : (m) => tags.has(m.el.tagName);
  },
};

/** Fields read from the id and class attributes only: elements that share them share the answer. */
const NAME_FIELDS = new Set<keyof MarkupMatch>(['id', 'class', 'contains', 'idPrefix']);

/** One test for any of these matches (on the given fields): a field of any of them matching is enough. */
function compileMarkup(matches: readonly MarkupMatch[], only?: (field: keyof MarkupMatch) => boolean): MarkupTest {
  const tests: MarkupTest[] = [];
  for (const key of Object.keys(FIELDS) as (keyof MarkupMatch)[]) {
    if (only && !only(key)) continue;
    const values = matches.flatMap((m) => (m[key] === undefined ? [] : [m[key]]));
    const test = (FIELDS[key] as (values: readonly unknown[]) => MarkupTest | undefined)(values);
    if (test) tests.push(test);
  }
  return (m) => tests.some((t) => t(m));
}

const COMPILED = MARKUP_RULES.map((rule) => ({ rule, test: compileMarkup([rule.markup]) }));
// Quick reject: most elements match no rule, and need not be tried against each one. In two
// halves: by id and class (a page repeats a few dozen class lists over thousands of elements,
// so each list is tried once per plan), and by the element's own tag, attributes and style.
const ALL_MARKUP = MARKUP_RULES.map((r) => r.markup);
const ANY_BY_NAME = compileMarkup(ALL_MARKUP, (field) => NAME_FIELDS.has(field));
const ANY_BY_ELEMENT = compileMarkup(ALL_MARKUP, (field) => !NAME_FIELDS.has(field));

/** What an element with no attributes shows: its tag only (most of an article's p, span, li, b). */
const BARE = { id: '', cls: '', tokens: [], style: null, bare: true } as const;

/**
 * The first markup rule the element's id, classes, attributes, tag or inline style match.
 * `byName`: the quick reject's answers by id and class list, kept for one plan.
 */
function markupRuleFor(el: Element, byName: Map<string, boolean>): MarkupRule | undefined {
  let markup: Markup;
  if (el.hasAttributes()) {
    const cls = el.getAttribute('class') ?? '';
    markup = {
      el,
      id: el.getAttribute('id') ?? '',
      cls,
      tokens: cls ? cls.split(/\s+/) : [],
      style: el.getAttribute('style'),
      bare: false,
    };
  } else markup = { el, ...BARE };
  const key = `${markup.id}\u0000${markup.cls}`;
  let named = byName.get(key);
  if (named === undefined) byName.set(key, (named = ANY_BY_NAME(markup)));
  if (!named && !ANY_BY_ELEMENT(markup)) return undefined;
  return COMPILED.find((c) => c.test(markup))?.rule;
}

type Add = (el: Element, rule: { name: string; kind: PlannedRemoval['kind']; reason: string }) => boolean;

function matchText(node: Node, parent: Element, text: string, add: Add, protect: Element | null, measures: Measures): void {
  if (ICON_LABEL.test(text)) {
    add(wrapperOfText(parent, text.length), { name: 'icon-label', kind: 'icon-label', reason: 'icon label leaking into the text' });
    return;
  }
  if (text.length <= 3 && /^(?:ع|ا|a)[+-]?$|^[+-](?:ع|ا|a)$/.test(text)) {
    const switcher = fontSwitcherAround(parent);
    if (switcher) add(switcher, { name: 'font-switcher-text', kind: 'font-switcher', reason: 'font-size switcher buttons' });
    return;
  }
  const headings = text.length <= LONGEST_HEADING + HEADING_SLACK ? HEADINGS_BY_FIRST.get(text.charAt(0)) : undefined;
  for (const { rule, cue } of headings ?? []) {
    if (text.length > cue.length + HEADING_SLACK || !startsWithWord(text, cue)) continue;
    const block = LINK_KINDS.has(rule.kind)
      ? linkBlockFor(node, parent, protect, measures)
      : shortBlockFor(parent, rule.unambiguous ? null : protect);
    for (const el of block) add(el, rule);
    return;
  }
  const phrase = PHRASE_RE.exec(text)?.[0];
  const rule = phrase === undefined ? undefined : PHRASES.get(phrase)?.rule;
  if (rule) for (const el of shortBlockFor(parent, rule.unambiguous ? null : protect)) add(el, rule);
}

function startsWithWord(text: string, cue: string): boolean {
  if (!text.startsWith(cue)) return false;
  const next = text.charAt(cue.length);
  return next === '' || !/[\p{L}\p{N}]/u.test(next);
}

/** The outermost element whose whole text is this text: `<i><span>camera icon</span></i>`. */
function wrapperOfText(el: Element, length: number): Element {
  let current = el;
  while (
    current.parentElement &&
    !NEVER.has(current.parentElement.tagName) &&
    textLength(current.parentElement, length + 2) <= length + 2
  ) {
    current = current.parentElement;
  }
  return current;
}

function fontSwitcherAround(el: Element): Element | undefined {
  let match: Element | undefined;
  let current: Element | null = el;
  for (let depth = 0; current && depth < 4 && !NEVER.has(current.tagName); depth++, current = current.parentElement) {
    if (textLength(current, 20) > 20) break;
    const text = normalizeText(current.textContent ?? '');
    if (FONT_SWITCHER_TEXT.test(text)) match = current;
  }
  return match;
}

/**
 * A heading such as «مقالات متعلقة» and the links it introduces. Climbs while the
 * container stays link-dense; if the heading stands alone among body paragraphs, takes the
 * link lists that follow it. A heading whose block is running text is not clutter.
 */
function linkBlockFor(node: Node, parent: Element, protect: Element | null, m: Measures): Element[] {
  const heading = wrapperOfText(parent, (node.nodeValue ?? '').trim().length);
  let block = heading;
  if (heading.closest('nav')) return [];
  // The climb stops below the article text: a short post with a few links is link-dense too,
  // and so is the block of a short article whose text ends with its tag links; a column of
  // cards beside it is the block, not the page.
  for (let p = block.parentElement; p && !NEVER.has(p.tagName) && !isChromeStop(p) && !p.contains(protect); p = p.parentElement) {
    // The bounded count first: each test below ends the climb, and the others read the whole subtree.
    const total = textLength(p, LINK_BLOCK_MAX);
    if (total > LINK_BLOCK_MAX) break;
    if (protect?.contains(p) && m.text(p) - m.linkText(p) >= BODY_TEXT) break;
    // Never past a paragraph of prose: links around a story are not a list of links.
    if (m.holdsProse(p)) break;
    const extra = total - m.text(block);
    if (extra > 60 && !m.isLinkBlock(p)) break;
    block = p;
  }
  if (m.isLinkBlock(block, 0.3) && block.querySelector('a')) return [block];
  if (block !== heading || textLength(heading, 60) > 60) return [];
  // A bare heading: take it with the link lists right after it.
  const taken: Element[] = [heading];
  for (let s = heading.nextElementSibling; s; s = s.nextElementSibling) {
    if (textLength(s, 0) === 0 && !s.querySelector('img')) continue;
    if (!m.isLinkBlock(s, 0.6)) break;
    taken.push(s);
  }
  // A heading with nothing to introduce is a link to elsewhere, e.g. "read more" inside text.
  return taken.length > 1 || heading.tagName.match(/^H[2-6]$/) ? taken : [];
}

function proseIn(el: Element): boolean {
  const walker = el.ownerDocument.createTreeWalker(el, SHOW_TEXT);
  for (let t = walker.nextNode(); t; t = walker.nextNode()) {
    const value = t.nodeValue ?? '';
    if (value.length >= PROSE && collapseSpace(value).length >= PROSE && !t.parentElement?.closest('a')) return true;
  }
  return false;
}

/**
 * The largest container of up to SHORT_BLOCK characters around a call to action. Inside
 * the article text (`protect`) a paragraph that merely mentions giving is news, so there
 * only a short line, or one whose cue is a link or button, counts as an appeal.
 */
function shortBlockFor(el: Element, protect: Element | null): Element[] {
  let block: Element | null = el;
  while (block && !BLOCK_TAGS.has(block.tagName) && block.tagName !== 'A' && block.tagName !== 'BUTTON') {
    block = block.parentElement;
  }
  if (!block) return [];
  const inBody = protect?.contains(block) ?? false;
  const isAction = el.closest('a, button') !== null;
  const limit = inBody && !isAction ? BODY_APPEAL : SHORT_BLOCK;
  if (textLength(block, limit) > limit) return [];
  for (let p = block.parentElement; p && !NEVER.has(p.tagName); p = p.parentElement) {
    if (textLength(p, limit) > limit || p.querySelector('p ~ p ~ p ~ p')) break;
    block = p;
  }
  return [block];
}

type StyleView = Pick<Window, 'getComputedStyle' | 'innerWidth' | 'innerHeight'>;

/**
 * Layers a style sheet pins over the page: large ones (a modal, a wall) and banners pinned to
 * the bottom edge with a button and a few words (cookie, app, notification and newsletter
 * prompts, in any language). Menus and headers pinned to the top are not taken.
 */
function findFixedOverlays(
  top: Element[],
  view: StyleView,
  protect: Element | null,
  measures: Measures,
): { element: Element; rule: 'fixed-overlay' | 'pinned-prompt' }[] {
  const overlays: { element: Element; rule: 'fixed-overlay' | 'pinned-prompt' }[] = [];
  const viewport = view.innerWidth * view.innerHeight;
  // Overlays are appended near the top of the tree; three levels keep this cheap.
  let level: Element[] = top;
  for (let depth = 0; depth < 3 && level.length > 0; depth++) {
    const next: Element[] = [];
    for (const el of level) {
      const style = view.getComputedStyle(el);
      if (style.position === 'fixed' || style.position === 'sticky') {
        if (style.display === 'none' || style.visibility === 'hidden') continue;
        const rect = el.getBoundingClientRect();
        if (rect.width * rect.height >= viewport * 0.3) overlays.push({ element: el, rule: 'fixed-overlay' });
        else if (isBottomPrompt(el, style, protect, measures)) overlays.push({ element: el, rule: 'pinned-prompt' });
        continue;
      }
      next.push(...el.children);
    }
    level = next;
  }
  return overlays;
}

const PROMPT_TEXT = { min: 20, max: 600 };
const PINNED_BOTTOM_MAX = 48;

/** Pinned to the bottom edge, a few words and a button: not a menu (few links), never the article. */
function isBottomPrompt(el: Element, style: CSSStyleDeclaration, protect: Element | null, m: Measures): boolean {
  const bottom = Number.parseFloat(style.bottom);
  if (!(bottom >= 0 && bottom <= PINNED_BOTTOM_MAX) || (protect && el.contains(protect)) || el.tagName === 'NAV') return false;
  const text = textLength(el, PROMPT_TEXT.max);
  if (text < PROMPT_TEXT.min || text > PROMPT_TEXT.max) return false;
  const links = m.links(el);
  const hasButton = el.querySelector('button, [role="button"], input[type="button"], input[type="submit"]') !== null;
  return (hasButton || links <= 2) && links <= 3 && m.linkDensity(el) < 0.6;
}

function outermostInDocumentOrder(removals: PlannedRemoval[]): PlannedRemoval[] {
  const FOLLOWING = 4; // Node.DOCUMENT_POSITION_FOLLOWING
  removals.sort((a, b) => (a.element.compareDocumentPosition(b.element) & FOLLOWING ? -1 : 1));
  const kept: PlannedRemoval[] = [];
  for (const r of removals) {
    const last = kept[kept.length - 1];
    if (last && last.element.contains(r.element)) continue;
    kept.push(r);
  }
  return kept;
}
