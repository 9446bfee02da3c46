import { elementsBefore, isPageChrome, skipChildren } from './dom-walk.ts';
import { NAME_SEPARATOR, nameKey, type PageNames } from './page-names.ts';
import { collapseSpace } from './text.ts';

/**
 * The byline: a person or an agency, as the page shows it. Never a URL (a Facebook profile
 * in article:author), the site's own name ("ynet" in parentheses, «خبرآنلاین» as author),
 * a section name ("News" as author), a date, or a name from outside the article (the author
 * of a most-read teaser in the sidebar).
 */

// Labels before a name: "By", «بقلم», «كتب / كتبت», «حوار», Persian «نوشته», Hebrew «מאת», Urdu «تحریر».
const LABEL =
  /^(?:(?:\p{L}+\s+)?by|reporter|author|بقلم|كتب(?:ت|ه|ها)?|كتابة|حوار|اعداد|إعداد|تحرير|تقرير|متابعة|ترجمة|مراسل|المراسل|نوشته(?:\s+ی)?|نویسنده|نگارش|گزارش|خبرنگار|مترجم|מאת|כתב(?:ה|ו)?|כותב(?:ת)?|تحریر|رپورٹ|مصنف)\s*[:：\-–—]?\s+/iu;
// Not a person or an agency: the desk, the admin account, a placeholder.
const NOBODY =
  /^(?:\S*admin|administrator|editor|editors|editorial|staff|newsroom|desk|team|guest|anonymous|unknown|author|authors|role|name|null|undefined|none|user|webmaster|bio|biography|profile|about|contact|email|follow|more|share|المحرر|محرر|التحرير|هيئة التحرير|فريق التحرير|تحریریه|سردبیر|ادمین|מערכת|המערכת|עורך|ایڈیٹر|ایڈمن)$/iu;
// A one-word label and a colon before a name, in any language ("Текст: …", "Reporter: …").
const COLON_LABEL = /^\p{L}{2,15}\s*[:：]\s+(?=\S+\s+\S)/u;
const URLISH = /https?:|www\.|\.(?:com|net|org|info|co|ir|pk|il|sa|eg|ae|iq|ma|tn|dz|lb|sy|jo|ps|af)\b|@|\/\w/i;
const DIGITS = /\p{Nd}/gu;
// A sentence end, not an initial or an abbreviation ("Trevor J. Mitchell", "Dr. Roe").
const SENTENCE = /(?<!(?:^|\s)\p{L}{1,3})[.!?؟۔]\s+\S|[!?؟]$/u;
const LIST = /\s*[،,;؛]\s*|\s+(?:and|و|اور)\s+(?=\S)/u;
// A parenthesis that says the story changed, not who wrote it.
const NOT_CREDIT = /updated|update|correction|تحديث|محدث|تصحيح|به‌?\s?روز|עודכן|עדכון|תיקון/iu;
const MAX_LENGTH = 80;
const MAX_WORDS = 7;

const clean = (text: string): string =>
  collapseSpace(text.replace(/[\u200b-\u200f\u202a-\u202e\u2066-\u2069\ufeff]/g, ''))
    .replace(/^[\s([{«"“]+|[\s)\]}»"”.,:;،؛|\-–—]+$/gu, '')
    .trim();

// A date glued to the name ("by Jeff FoustMonday, November 18, 2019", "Jane Roe — Nov. 18"):
// everything from a weekday, an English month or a digit on.
const TRAILING_DATE =
  /\s*(?:[—–|,·•-]\s*)?(?:on\s+)?(?:(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day|(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.?\s+\d|\p{Nd}).*$/u;

// "on <month> 8, 2022" in any script: a preposition, a word or two, then the digits.
const ON_DATE = /\s+(?:on|am|le|el|في|بتاريخ|در|ב)\s+\S+(?:\s+\S+)?\s*\p{Nd}.*$/u;

/** The name before a date written after it, when there is a name before it. */
function withoutTrailingDate(text: string): string {
  const cut = text.replace(ON_DATE, '').replace(TRAILING_DATE, '').trim();
  return cut.split(/\s+/).length >= 2 || /^\p{Lu}{2,}/u.test(cut) ? cut : text;
}

function stripLabel(text: string): string {
  let t = clean(text);
  for (let i = 0; i < 2; i++) {
    const next = t.replace(LABEL, '').replace(COLON_LABEL, '');
    if (next === t) break;
    t = clean(next);
  }
  return t;
}

/**
 * One name, or undefined when it is no one's. Credits that name the site keep their other
 * parts ("Jane Roe | The Site" → "Jane Roe"), unless what is left is one word: a place or a
 * desk beside the outlet's name («أبوظبي - البيان»).
 */
function checkName(raw: string, names: PageNames): string | undefined {
  const text = stripLabel(raw);
  if (!text || text.length > MAX_LENGTH || SENTENCE.test(text)) return undefined;
  if ((text.match(DIGITS)?.length ?? 0) >= 2) return undefined;
  // The outlet's name or address beside the person's: "Amy Roe | NJ Advance Media for NJ.com".
  const parts = text.split(NAME_SEPARATOR).map(clean).filter(Boolean);
  const kept = parts.filter((p) => !names.mentionsSite(p) && !URLISH.test(p));
  if (kept.length === 0) return undefined;
  if (kept.length < parts.length && kept.length === 1 && (kept[0] ?? '').split(' ').length < 2) return undefined;
  const name = kept.length === parts.length ? text : kept.join(' - ');
  const words = nameKey(name).split(' ').filter(Boolean);
  if (words.length === 0 || words.length > MAX_WORDS) return undefined;
  if (NOBODY.test(nameKey(name)) || names.isSection(name, false) || names.isSite(name)) return undefined;
  return name;
}

/**
 * The byline as a reader should see it, or undefined. A list of authors keeps the names
 * that pass, in order, joined as the page joined them. Section names are those the page
 * declares (article:section, breadcrumbs), not its menus: a columnist's name may be a menu link.
 */
export function checkByline(raw: string | null | undefined, names: PageNames): string | undefined {
  let text = clean(raw ?? '');
  // A date beside the name ("By Jane Roe on April 8, 2022"): the name without it, if any.
  if ((text.match(DIGITS)?.length ?? 0) >= 2) text = clean(withoutTrailingDate(text));
  if (!text || text.length > MAX_LENGTH * 3 || (text.match(DIGITS)?.length ?? 0) >= 2) return undefined;
  const parts = text.split(LIST);
  if (parts.length === 1) return checkName(text, names);
  const joiner = LIST.exec(text)?.[0] ?? ', ';
  const kept = parts.map((p) => checkName(p, names)).filter((p): p is string => !!p);
  return kept.length > 0 ? kept.join(joiner.trim() === ',' || joiner.trim() === '،' ? `${joiner.trim()} ` : joiner) : undefined;
}

// Markup that marks a byline: rel=author, itemprop=author, and class / id names.
const BYLINE_NAME =
  /(?:^|[-_\s])(?:by-?line|author|authors|writer|writers|writ(?:e|ten)-?by|reporter|journalist|contributor|kateb|katib|nevisande)(?:$|[-_\s])|(?:^|\s)(?:p-author|author-name|post-author|article-author)/i;
const SKIP_TAGS = new Set(['FORM', 'SCRIPT', 'STYLE', 'NOSCRIPT', 'TEMPLATE', 'FIGURE', 'FIGCAPTION', 'SELECT', 'BUTTON', 'IFRAME']);
const MAX_STEPS = 1500;
const STEPS_BEFORE = 40;
const MAX_LINE = 80;
// Paragraphs of the text read for a byline at its top.
const MAX_TEXT_LINES = 6;

const nameOf = (el: Element): string => `${el.getAttribute('class') ?? ''} ${el.getAttribute('id') ?? ''}`;

function isBylineMarked(el: Element): boolean {
  if (/\bauthor\b/i.test(el.getAttribute('rel') ?? '')) return true;
  if (/\bauthor\b/i.test(el.getAttribute('itemprop') ?? '')) return true;
  return BYLINE_NAME.test(nameOf(el));
}

/** A teaser: the element sits in a list item or card that links to another page. */
function inTeaser(el: Element, article: readonly (Element | undefined)[]): boolean {
  for (let e: Element | null = el.parentElement; e && e.tagName !== 'BODY'; e = e.parentElement) {
    if (article.some((a) => a && e.contains(a))) return false;
    if (e.tagName === 'LI' || e.tagName === 'ARTICLE') {
      const link = e.querySelector('a[href]');
      if (link && !/author|writer|profile|user|kateb|nevisande/i.test(link.getAttribute('href') ?? '')) return true;
    }
  }
  return false;
}

/** What a byline element says: its text, else the text of a link in it (the name beside a date). */
function bylineOfElement(el: Element, names: PageNames): string | undefined {
  const text = collapseSpace(el.textContent ?? '');
  if (!text || text.length > MAX_LINE * 2) return undefined;
  const whole = checkByline(text, names);
  if (whole) return whole;
  return bylineOfLinks(el, names);
}

function bylineOfLinks(el: Element, names: PageNames): string | undefined {
  for (const a of el.querySelectorAll('a')) {
    const name = checkByline(a.textContent, names);
    if (name) return name;
  }
  return undefined;
}

/** A line of its own that starts with a byline label: «كتبت أسماء نصار», «حوار: آسيا العتروس». */
function bylineOfLabelLine(el: Element, names: PageNames): string | undefined {
  for (const child of el.children) if (!/^(?:A|SPAN|STRONG|B|EM|I|BR|SMALL)$/.test(child.tagName)) return undefined;
  const raw = el.textContent ?? '';
  if (raw.length > MAX_LINE * 4) return undefined;
  const text = clean(raw);
  if (!text || text.length > MAX_LINE || !LABEL.test(text)) return undefined;
  return checkByline(text, names) ?? bylineOfLinks(el, names);
}

export interface VisibleByline {
  byline: string;
  /** The element it was read from. */
  element: Element;
}

/**
 * The byline the page shows in the article: from where the article starts (`anchor`: its
 * headline, else its last <h1> or <article>) to the first lines of the main text, never in
 * a sidebar, a menu or a teaser list; marked as one (rel/itemprop/class) or a line of its own
 * that starts with a label («بقلم», «كتبت», "By", «מאת»).
 */
export function findVisibleByline(
  doc: Document,
  anchor: Element | undefined,
  headline: Element | undefined,
  main: Element | undefined,
  names: PageNames,
): VisibleByline | undefined {
  const start = anchor ?? main;
  if (!start || !doc.body) return undefined;
  // From the headline to the first lines of the main text (its own subtree included).
  const walker = doc.createTreeWalker(doc.body, 1);
  walker.currentNode = start;
  let inMain = false;
  let textLines = 0;
  for (let e = walker.currentNode as Element | null, steps = 0; e && steps < MAX_STEPS; steps++) {
    if (main) {
      const inside = e === main || main.contains(e);
      // Past the main text, or deep into it: a byline further on is someone else's.
      if ((inMain && !inside) || textLines >= MAX_TEXT_LINES) break;
      inMain = inside;
    }
    let skip = SKIP_TAGS.has(e.tagName) || isPageChrome(e);
    if (!skip && e !== headline) {
      if (isBylineMarked(e)) {
        if (inTeaser(e, [anchor, main])) skip = true;
        else {
          // A byline box with a date or a photo in it: the name may be in one of its parts.
          const byline = bylineOfElement(e, names);
          if (byline) return { byline, element: e };
        }
      } else {
        const byline = bylineOfLabelLine(e, names);
        if (byline) return { byline, element: e };
      }
      if (inMain && (e.tagName === 'P' || e.tagName === 'LI') && (e.textContent ?? '').length > MAX_LINE) textLines++;
    }
    e = skip ? skipChildren(walker) : (walker.nextNode() as Element | null);
  }
  // Just above the headline: templates that print the byline over it.
  for (const e of elementsBefore(start, STEPS_BEFORE, 'aside, nav, form, ul, ol')) {
    const byline = isBylineMarked(e) ? !inTeaser(e, [anchor, main]) && bylineOfElement(e, names) : bylineOfLabelLine(e, names);
    if (byline) return { byline, element: e };
  }
  return undefined;
}

// A credit in parentheses: «(אחיה ראב"ד)», «(أ ف ب)», "(AP)".
const CREDIT = /^\(([^()]{2,60})\)$/;
const LINES_LOOKED_AT = 3;

export interface CreditLine {
  byline: string;
  /** The text node the credit is written in. */
  node: Node;
}

/**
 * A credit line in parentheses right after the text: among the last lines of the body (link
 * lines such as "found a mistake? write to us" apart), a text of its own that is only a name
 * in parentheses. The outlet crediting itself («(ynet)») is no byline, nor is "(updated)".
 */
export function findCreditLine(content: Element, names: PageNames): CreditLine | undefined {
  // From the last text node backwards: the body may be long, its end is all that matters.
  let last: Node = content;
  while (last.lastChild) last = last.lastChild;
  const walker = content.ownerDocument.createTreeWalker(content, 4);
  walker.currentNode = last;
  let looked = 0;
  for (let node = last.nodeType === 3 ? last : walker.previousNode(); node && looked < LINES_LOOKED_AT; node = walker.previousNode()) {
    if (!(node.nodeValue ?? '').trim() || node.parentElement?.closest('a')) continue;
    looked++;
    const m = CREDIT.exec(collapseSpace(node.nodeValue ?? ''));
    if (!m) continue;
    if (NOT_CREDIT.test(m[1] ?? '')) return undefined;
    const byline = checkByline(m[1], names);
    return byline ? { byline, node } : undefined;
  }
  return undefined;
}
