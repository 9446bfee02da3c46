import { profileScript } from './direction.ts';
import { textSample } from './dom-walk.ts';
import { NAME_SEPARATOR, nameKey, type PageNames } from './page-names.ts';
import { collapseSpace } from './text.ts';

/**
 * The headline as the page shows it. Metadata titles carry the site's and the section's
 * names (" - Site", " | Section", " – Site"), and some are an SEO title in another script
 * than the article (an English <title> over an Urdu <h1>); the <h1> is what the reader saw.
 */

export interface Headline {
  text: string;
  /** The page's heading element, when the headline is one. */
  element?: Element;
  /**
   * Where the article starts on the page, for the byline, the date and the lead image: the
   * headline element, else the last <h1> before the text, else the text's <article>.
   */
  anchor?: Element;
}

// Shorter headings are mastheads and section labels ("CNN", «أخبار»).
const MIN_HEADING = 8;
const MAX_HEADING = 300;
const MAX_HEADINGS = 12;

type Script = 'arabic' | 'hebrew' | 'latin';

function scriptOf(text: string): Script | undefined {
  const p = profileScript(text);
  if (p.rtl + p.ltr < 4) return undefined;
  if (p.ltr > p.rtl) return 'latin';
  return p.hebrew > p.arabic ? 'hebrew' : 'arabic';
}

const wordsOf = (key: string): string[] => key.split(' ').filter(Boolean);

/** The heading says what the title says: one holds the other, or they share nearly every word. */
function sameHeadline(heading: string, title: string): boolean {
  const h = nameKey(heading);
  const t = nameKey(title);
  if (!h || !t) return false;
  // A section label inside a long title is not its headline: the heading must be most of it.
  if (t.includes(h)) return h.length * 2 >= t.length;
  if (h.includes(t)) return t.length * 2 >= h.length;
  const hw = new Set(wordsOf(h));
  const tw = new Set(wordsOf(t));
  let shared = 0;
  for (const w of hw) if (tw.has(w)) shared++;
  return shared >= 3 && shared / (hw.size + tw.size - shared) >= 0.75;
}

/** Site and section names at either end of a title, with their separators, taken off. */
export function stripTitleNames(title: string, names: PageNames): string {
  const parts = title.split(NAME_SEPARATOR).map((p) => p.trim());
  if (parts.length < 2) return title;
  const isName = (part: string): boolean =>
    names.isSite(part) || names.isSection(part) || (wordsOf(nameKey(part)).length <= 4 && names.mentionsSite(part));
  let start = 0;
  let end = parts.length;
  while (end - start > 1 && isName(parts[end - 1] ?? '')) end--;
  while (end - start > 1 && isName(parts[start] ?? '')) start++;
  if (start === 0 && end === parts.length) return title;
  // Cut the original string, so separators inside the kept part stay as the page wrote them.
  const first = parts[start] ?? '';
  const last = parts[end - 1] ?? '';
  const from = title.indexOf(first);
  const to = title.lastIndexOf(last) + last.length;
  return from >= 0 && to > from ? title.slice(from, to).trim() : parts.slice(start, end).join(' - ');
}

function headingsOf(doc: Document): { element: Element; text: string }[] {
  const out: { element: Element; text: string }[] = [];
  for (const element of doc.getElementsByTagName('h1')) {
    const text = collapseSpace(element.textContent ?? '');
    if (text.length >= MIN_HEADING && text.length <= MAX_HEADING) out.push({ element, text });
    if (out.length >= MAX_HEADINGS) break;
  }
  return out;
}

/** Does `a` come before `b` in the document? */
const precedes = (a: Node, b: Node): boolean => (a.compareDocumentPosition(b) & 4) !== 0;

/**
 * @param titles the metadata's titles, most trusted first (JSON-LD headline, og:title, <title>)
 * @param main the block of running text, to pick the heading over it and to know its script
 */
export function chooseHeadline(
  doc: Document,
  titles: readonly (string | undefined)[],
  names: PageNames,
  main: Element | undefined,
): Headline {
  const candidates = titles.map((t) => collapseSpace(t ?? '')).filter(Boolean);
  const headings = headingsOf(doc);
  const found = (h: { element: Element; text: string }): Headline => ({ ...h, anchor: h.element });
  // 1. The <h1> that is the metadata title (or the title without its suffixes).
  for (const h of headings) {
    if (candidates.some((c) => sameHeadline(h.text, c) || sameHeadline(h.text, stripTitleNames(c, names)))) return found(h);
  }
  const before = main ? headings.filter((h) => precedes(h.element, main) && !h.element.contains(main)) : [];
  const anchor = before.at(-1)?.element ?? main?.closest('article') ?? main?.parentElement ?? main;
  const at = anchor ? { anchor } : {};
  // 2. A title in another script than the article's text (an SEO title in English over an
  //    Urdu page): the page's own headline is the <h1> in the text's script, the last one
  //    before the text.
  const textScript = main ? scriptOf(textSample(main, 2000)) : undefined;
  const first = candidates[0];
  if (textScript && first && scriptOf(first) !== textScript) {
    const chosen = before.filter((h) => scriptOf(h.text) === textScript).at(-1) ?? headings.find((h) => scriptOf(h.text) === textScript);
    if (chosen) return found(chosen);
  }
  // 3. The metadata title without the site's and the section's names.
  if (first) return { text: stripTitleNames(first, names), ...at };
  const heading = headings[0];
  if (heading) return found(heading);
  return { text: collapseSpace(doc.title), ...at };
}
