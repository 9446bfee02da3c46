import { normalizeText } from './text.ts';
import type { PlannedRemoval } from './types.ts';

/**
 * Lines that survive Readability inside the body but are not the article: a paragraph
 * that is only a link (a teaser, "read also" without its cue), the kicker above it, share
 * names, "Sign in" / "Advertisement" / "Photo: AP" lines, a URL on its own, and the
 * byline / dateline at the top (the reading view shows those from the metadata).
 */

const LEAF_BLOCKS = 'p, li, h2, h3, h4, h5, h6, div, figcaption, dt, dd';
const BLOCKISH = /^(?:P|LI|H[2-6]|DIV|DT|DD|FIGCAPTION|BLOCKQUOTE|UL|OL|TABLE|SECTION|FIGURE)$/;

const BOILERPLATE_LINE = new RegExp(
  `^(?:${[
    // English
    'sign in', 'log in', 'subscribe( now)?', 'advert(isement)?', 'sponsored', 'skip to (main )?content', 'close', 'caption',
    'breaking news', 'latest news', "don'?t miss", 'read more', 'more from .{1,40}', 'home', 'share( this( article| story)?)?',
    '(view |show )?comments?', '\\d+ comments?', '(photo|image|picture|video|credit|source)s?:.*', '©.*', '(\\w+ ){0,3}\\| ?getty images',
    'getty images', 'click here.*', 'listen to (this )?(article|story)', 'this slideshow requires javascript\\.?', 'story continues below',
    'continue reading( below)?', 'recommended', 'trending( now)?', 'print', 'email', 'back to top',
    'image (copyright|caption)( .*)?', '\\(?(image|photo|credit): ?©.*', '[^|]{0,60}\\| ?getty images', 'media playback is unsupported on your device',
    '(copyright ?)?© ?.{0,80}', '.{0,80}all rights reserved\\.?', 'post (a )?comments?.{0,10}', 'citation: .*',
    'this (post|article|story) (may )?contains? affiliate.*',
    // Arabic, Persian, Hebrew, Urdu
    'اعلان', 'اعلانات', 'الرئيسيه', 'شارك', 'مشاركه', 'اغلاق', 'اغلق', 'تسجيل الدخول', 'اقرا المزيد', 'طباعه', 'العوده للاعلي',
    'تبليغات', 'اشتراک', 'פרסומת', 'שתפו', 'اشتہار',
  ].join('|')})$`,
  'i',
);
const SHARE_WORDS = new Set([
  'facebook', 'twitter', 'x', 'whatsapp', 'pinterest', 'pint', 'pin', 'linkedin', 'email', 'e-mail', 'telegram', 'reddit', 'print',
  'copy', 'link', 'share', 'messenger', 'tumblr', 'flipboard', 'sms', 'baixar', 'tweet', 'فيسبوك', 'فيس', 'بوك', 'تويتر', 'واتساب',
  'تلغرام', 'تيليجرام', 'لينكد', 'ان', 'طباعه', 'شارك', 'نسخ', 'الرابط', 'בפייסבוק', 'פייסבוק', 'טוויטר', 'וואטסאפ',
]);
const DATELINE = /^(?:by |published|first published|updated|posted|last updated|نشر|آخر تحديث|تاريخ النشر|بقلم|כתב|עודכן|פורסם)/i;
const DATE_ONLY = /^[\p{L}.,:|/\-–\s\d]{0,60}\b(?:19|20)\d{2}\b[\p{L}.,:|/\-–\s\d]{0,40}$/u;
const URL_ONLY = /^https?:\/\/\S+$/;
const KICKER_MAX = 50;
const CONTACT = /[\w.+-]+@[\w-]+\.[\w.]+|(?:^|\s)@\w{2,}/;

const flat = (s: string | null | undefined): string => (s ?? '').replace(/\s+/g, ' ').trim();

function linkText(el: Element): number {
  let n = 0;
  for (const a of el.querySelectorAll('a')) n += flat(a.textContent).length;
  return n;
}

/** A block holding text of its own, with no block children (a "line" of the body). */
function isLine(el: Element): boolean {
  for (const child of el.children) if (BLOCKISH.test(child.tagName)) return false;
  return true;
}

function isShareLine(text: string): boolean {
  const words = normalizeText(text).split(/[\s|•·/]+/).filter(Boolean);
  return words.length > 0 && words.length <= 12 && words.every((w) => SHARE_WORDS.has(w));
}

/**
 * @param byline the article's byline from the metadata: a line that only repeats it is the
 *   byline block of the template.
 */
/** "Jane Doe is a reporter for…", "Email Jane at jane@site.com or follow her @jane". */
function isAuthorNote(line: string, bylineKey: string | undefined): boolean {
  if (CONTACT.test(line) && /\b(?:email|e-mail|reach|reached|contact|follow|tip)\b/i.test(line)) return true;
  return bylineKey !== undefined && bylineKey.length >= 5 && line.startsWith(bylineKey) && / (?:is|was) an? /.test(line);
}

/** Title candidates as compared with a heading: folded, without a " - Site" / " | Site" tail. */
function titleKeys(titles: readonly (string | null | undefined)[]): string[] {
  return titles.flatMap((t) => {
    const key = normalizeText(t ?? '');
    return key ? [key, key.replace(/\s+[|\-–—:»]\s+[^|\-–—:»]{1,40}$/, '')] : [];
  });
}

/**
 * @param titles the page's title candidates (metadata, Readability's): a heading at the top of
 *   the body that repeats one is the template's title, which the reading view shows above.
 */
export function planBodyClean(content: Element, byline?: string, titles: readonly (string | null | undefined)[] = []): PlannedRemoval[] {
  const bylineKey = byline ? normalizeText(byline).replace(/^by /, '') : undefined;
  const titleKey = new Set(titleKeys(titles).filter((k) => k.length >= 8));
  const removals: PlannedRemoval[] = [];
  const removed = new Set<Element>();
  const add = (el: Element, rule: string, kind: PlannedRemoval['kind'], reason: string, text: string): void => {
    for (let p: Element | null = el; p; p = p.parentElement) if (removed.has(p)) return;
    removed.add(el);
    removals.push({ rule, kind, reason, text: text.slice(0, 80), element: el });
  };

  const lines = [...content.querySelectorAll(LEAF_BLOCKS)].filter((el) => flat(el.textContent).length > 0 && isLine(el));
  lines.forEach((el, index) => {
    const text = flat(el.textContent);
    const links = linkText(el);
    const isHeading = /^H[2-6]$/.test(el.tagName);
    if (links > 0 && links >= text.length * 0.9 && (text.length < 160 || !/[.!?؟۔]\s/.test(text))) {
      add(el, 'link-only-line', 'related', 'a line that is only a link to another page', text);
      // The kicker or section label right above a teaser link.
      const prev = lines[index - 1];
      if (prev && !isHeading && prev.nextElementSibling === el) {
        const kicker = flat(prev.textContent);
        if (kicker.length <= KICKER_MAX && !/[.!?؟۔]$/.test(kicker) && linkText(prev) === 0) {
          add(prev, 'teaser-kicker', 'related', 'label of a teaser link', kicker);
        }
      }
      return;
    }
    if (text.length > 120) return;
    const normalized = normalizeText(text).replace(/[:：.…!|»«•·\-–—]+$/g, '').trim();
    if (BOILERPLATE_LINE.test(normalized)) {
      add(el, 'boilerplate-line', 'boilerplate', 'page furniture inside the text', text);
    } else if (URL_ONLY.test(text)) {
      add(el, 'url-line', 'boilerplate', 'a bare address inside the text', text);
    } else if (isShareLine(text)) {
      add(el, 'share-line', 'share', 'names of share buttons', text);
    } else if (index < 3 && titleKey.has(normalized)) {
      add(el, 'title-line', 'boilerplate', 'the title again; the reading view shows it above the text', text);
    } else if (bylineKey && normalized.replace(/^by /, '') === bylineKey) {
      add(el, 'byline-line', 'boilerplate', 'byline; the reading view shows it from the metadata', text);
    } else if (bylineKey && index < 8 && normalized.startsWith(bylineKey) && DATE_ONLY.test(normalized.slice(bylineKey.length).replace(/^[\s,|·•\-–—]+/, ''))) {
      add(el, 'byline-line', 'boilerplate', 'byline and date; the reading view shows them from the metadata', text);
    } else if (index >= lines.length - 3 && text.length <= 250 && isAuthorNote(normalized, bylineKey)) {
      add(el, 'author-note', 'boilerplate', "author's bio or contact line after the text", text);
    } else if (index < 8 && (DATELINE.test(text) || DATE_ONLY.test(text))) {
      add(el, 'dateline', 'boilerplate', 'byline or date line; the reading view shows them from the metadata', text);
    }
  });
  return removals;
}
