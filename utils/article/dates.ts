import { elementsBefore, isPageChrome, skipChildren } from './dom-walk.ts';
import { collapseSpace, normalizeText } from './text.ts';
import type { MonthNames } from './types.ts';

/**
 * Publication dates as pages write them, read into ISO 8601. Declared values are often not
 * ISO ("2021-06-23 16:49:00", "15:26 , 22.05.20", «الأربعاء، 07 أكتوبر 2020 - 12:09 م») and
 * many pages print the date only in a line near the headline: Arabic month names (Egyptian,
 * Maghrebi «فيفري», Levantine «آب/اغسطس»), Persian solar months («۲۹ بهمن ۱۳۹۸»), Urdu and
 * Hebrew month names, Arabic-Indic and Persian digits.
 *
 * A date read from text has no time zone: it comes out as a local date ("2019-02-08", or
 * "2019-02-08T09:23" with its time), shown as the page showed it wherever the reader is.
 * Solar Hijri dates are converted with the browser's own Persian calendar (Intl); Islamic
 * (lunar) Hijri dates are left alone, since countries start their months on different days.
 */

type Calendar = 'gregorian' | 'solar' | 'hijri';

const MONTHS: [Calendar, number, string][] = [];
const month = (calendar: Calendar, n: number, ...names: string[]): void => {
  for (const name of names) MONTHS.push([calendar, n, name]);
};
// Gregorian: Egyptian / Gulf, Maghrebi, Levantine (Syriac), Persian, Urdu, Hebrew, English.
month('gregorian', 1, 'يناير', 'جانفي', 'كانون الثاني', 'ژانویه', 'جنوری', 'ינואר', 'january', 'jan');
month('gregorian', 2, 'فبراير', 'فيفري', 'شباط', 'فوریه', 'فروری', 'פברואר', 'february', 'feb');
month('gregorian', 3, 'مارس', 'آذار', 'مارچ', 'מרץ', 'מרס', 'march', 'mar');
month('gregorian', 4, 'أبريل', 'ابريل', 'إبريل', 'أفريل', 'نيسان', 'آوریل', 'اپریل', 'אפריל', 'april', 'apr');
month('gregorian', 5, 'مايو', 'ماي', 'أيار', 'مه', 'می', 'مئی', 'מאי', 'may');
month('gregorian', 6, 'يونيو', 'يونيه', 'جوان', 'حزيران', 'ژوئن', 'جون', 'יוני', 'june', 'jun');
month('gregorian', 7, 'يوليو', 'يوليه', 'جويلية', 'تموز', 'ژوئیه', 'جولای', 'جولائی', 'יולי', 'july', 'jul');
month('gregorian', 8, 'أغسطس', 'اغسطس', 'أوت', 'آب', 'اوت', 'آگوست', 'اگست', 'אוגוסט', 'august', 'aug');
month('gregorian', 9, 'سبتمبر', 'أيلول', 'سپتامبر', 'ستمبر', 'ספטמבר', 'september', 'sept', 'sep');
month('gregorian', 10, 'أكتوبر', 'اكتوبر', 'تشرين الأول', 'اکتبر', 'اکتوبر', 'אוקטובר', 'october', 'oct');
month('gregorian', 11, 'نوفمبر', 'تشرين الثاني', 'نوامبر', 'نومبر', 'נובמבר', 'november', 'nov');
month('gregorian', 12, 'ديسمبر', 'كانون الأول', 'دسامبر', 'دسمبر', 'דצמבר', 'december', 'dec');
/** Each month's names in order, months split by "|", a month's names by ",". */
const months = (calendar: Calendar, list: string): void =>
  list.split('|').forEach((names, i) => month(calendar, i + 1, ...names.split(',')));
// Solar Hijri (Iran, and Afghanistan's own names).
months(
  'solar',
  'فروردین,حمل|اردیبهشت,ثور|خرداد,جوزا|تیر,سرطان|مرداد,امرداد,اسد|شهریور,سنبله|مهر,میزان|آبان,عقرب|آذر,قوس|دی,جدی|بهمن,دلو|اسفند,حوت',
);
// Islamic Hijri: recognised so that they are skipped, never misread.
months(
  'hijri',
  'محرم|صفر|ربيع الأول,ربيع الاول|ربيع الآخر,ربيع الثاني|جمادى الأولى,جمادى الاولى|جمادى الآخرة,جمادى الثانية|رجب|شعبان|رمضان|شوال|ذو القعدة,ذي القعدة|ذو الحجة,ذي الحجة',
);

const MONTH_BY_NAME = new Map<string, [Calendar, number]>();
for (const [calendar, n, name] of MONTHS) MONTH_BY_NAME.set(normalizeText(name), [calendar, n]);
const escape = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
// Longest first, so «تشرين الثاني» wins over a shorter name inside it.
const MONTH_RE = [...MONTH_BY_NAME.keys()]
  .sort((a, b) => b.length - a.length)
  .map(escape)
  .join('|');
// Letters on both sides of a month name: "مهر" inside «مهرجان» is no month.
const L = '\\p{L}';
const DAY_MONTH_YEAR = new RegExp(
  `(?<!\\d)(\\d{1,2})\\s*[-\\s.]?\\s*(?:ב-?)?(?<!${L}${L})(${MONTH_RE})(?!${L})(?:\\s*[/-]\\s*(?:${MONTH_RE})(?!${L}))?\\s*[,،./-]?\\s*(\\d{4})(?!\\d)`,
  'gu',
);
const MONTH_DAY_YEAR = new RegExp(`(?<!${L})(${MONTH_RE})(?!${L})\\.?\\s+(\\d{1,2})(?:st|nd|rd|th)?\\s*[,،]?\\s+(\\d{4})(?!\\d)`, 'gu');
const NUMERIC_DMY = /(?<![\d/.-])(\d{1,2})\s*([./-])\s*(\d{1,2})\s*\2\s*(\d{4}|\d{2})(?![\d/.-])/g;
const NUMERIC_YMD = /(?<![\d/.-])(\d{4})([./-])(\d{1,2})\2(\d{1,2})(?![\d/.-])/g;
const TIME = /(?<!\d)([01]?\d|2[0-3]):([0-5]\d)(?::[0-5]\d)?(?:\s*(ص|م|am|pm|a\.m\.|p\.m\.|ق\.ظ|ب\.ظ)(?!\p{L}))?/iu;

/** Arabic-Indic (٠–٩) and Persian (۰–۹) digits as ASCII. */
export function asciiDigits(text: string): string {
  return text.replace(/[\u0660-\u0669\u06f0-\u06f9]/g, (d) => String((d.charCodeAt(0) - 0x0660) % 0x90));
}

const pad = (n: number): string => String(n).padStart(2, '0');
const DAY = 86_400_000;

function isRealDate(y: number, m: number, d: number): boolean {
  const t = new Date(Date.UTC(y, m - 1, d));
  return t.getUTCFullYear() === y && t.getUTCMonth() === m - 1 && t.getUTCDate() === d;
}

let persianFormat: Intl.DateTimeFormat | null | undefined;
function persianCalendar(): Intl.DateTimeFormat | null {
  if (persianFormat !== undefined) return persianFormat;
  try {
    const f = new Intl.DateTimeFormat('en-u-ca-persian-nu-latn', { year: 'numeric', month: 'numeric', day: 'numeric', timeZone: 'UTC' });
    persianFormat = f.resolvedOptions().calendar === 'persian' ? f : null;
  } catch {
    persianFormat = null;
  }
  return persianFormat;
}

/** A Solar Hijri date as a Gregorian [year, month, day], through the engine's Persian calendar. */
export function solarToGregorian(jy: number, jm: number, jd: number): [number, number, number] | undefined {
  const calendar = persianCalendar();
  if (!calendar || jm < 1 || jm > 12 || jd < 1 || jd > 31) return undefined;
  // Nowruz falls on 20 or 21 March; months 1–6 have 31 days, 7–11 have 30.
  const guess = Date.UTC(jy + 621, 2, 20) + ((jm - 1) * 31 - Math.max(0, jm - 7) + jd - 1) * DAY;
  for (const delta of [0, 1, -1, 2, -2]) {
    const t = guess + delta * DAY;
    const parts = calendar.formatToParts(t);
    const part = (type: string): number => Number.parseInt(parts.find((p) => p.type === type)?.value ?? '', 10);
    if (part('year') === jy && part('month') === jm && part('day') === jd) {
      const g = new Date(t);
      return [g.getUTCFullYear(), g.getUTCMonth() + 1, g.getUTCDate()];
    }
  }
  return undefined;
}

function toGregorian(calendar: Calendar, y: number, m: number, d: number): [number, number, number] | undefined {
  if (calendar === 'gregorian') return y >= 1900 && y <= 2100 && isRealDate(y, m, d) ? [y, m, d] : undefined;
  if (calendar === 'solar') return y >= 1300 && y <= 1500 ? solarToGregorian(y, m, d) : undefined;
  return undefined;
}

const twoDigitYear = (y: string): number => (y.length === 2 ? 2000 + Number(y) : Number(y));

interface Found {
  index: number;
  date: [number, number, number];
}

function firstNamed(text: string): Found | undefined {
  let best: Found | undefined;
  const consider = (index: number, name: string, day: string, year: string): void => {
    const entry = MONTH_BY_NAME.get(name);
    if (!entry) return;
    const date = toGregorian(entry[0], Number(year), entry[1], Number(day));
    if (date && (!best || index < best.index)) best = { index, date };
  };
  for (const m of text.matchAll(DAY_MONTH_YEAR)) consider(m.index, m[2] ?? '', m[1] ?? '', m[3] ?? '');
  for (const m of text.matchAll(MONTH_DAY_YEAR)) consider(m.index, m[1] ?? '', m[2] ?? '', m[3] ?? '');
  return best;
}

function firstNumeric(text: string, lang: string): Found | undefined {
  let best: Found | undefined;
  const solarLang = /^(?:fa|ps|prs)$/.test(lang);
  for (const m of text.matchAll(NUMERIC_YMD)) {
    const y = Number(m[1]);
    const calendar: Calendar = y >= 1300 && y <= 1420 && solarLang ? 'solar' : 'gregorian';
    const date = toGregorian(calendar, y, Number(m[3]), Number(m[4]));
    if (date) {
      best = { index: m.index, date };
      break;
    }
  }
  for (const m of text.matchAll(NUMERIC_DMY)) {
    if (best && best.index < m.index) break;
    // Two-digit years only with dots or slashes ("22.05.20"), never in a range like "3-4-20".
    if ((m[4] ?? '').length === 2 && m[2] === '-') continue;
    let day = Number(m[1]);
    let mon = Number(m[3]);
    // Month first only where it is the custom (English) and the numbers allow it.
    if (lang === 'en' && day <= 12) [day, mon] = [mon, day];
    const date = toGregorian('gregorian', twoDigitYear(m[4] ?? ''), mon, day);
    if (date) {
      best = { index: m.index, date };
      break;
    }
  }
  return best;
}

/**
 * The first date written in `text` (a date line, a meta value), as "YYYY-MM-DD", with
 * "THH:MM" when a time is written beside it. Undefined when there is none it can read.
 * @param lang the article's language: day or month first in numeric dates, solar years
 */
export function parseDateText(text: string, lang = ''): string | undefined {
  const folded = normalizeText(asciiDigits(text));
  const found = firstNamed(folded) ?? firstNumeric(folded, lang);
  if (!found) return undefined;
  const [y, m, d] = found.date;
  const date = `${y}-${pad(m)}-${pad(d)}`;
  const time = TIME.exec(folded.replace(/(\d{1,2})\s*[./-]\s*(\d{1,2})\s*[./-]\s*\d{2,4}/g, ' '));
  if (!time) return date;
  let hour = Number(time[1]);
  const marker = time[3]?.toLowerCase();
  if (marker && /^(?:م|pm|p\.m\.|ب\.ظ)$/.test(marker) && hour < 12) hour += 12;
  if (marker && /^(?:ص|am|a\.m\.|ق\.ظ)$/.test(marker) && hour === 12) hour = 0;
  return `${date}T${pad(hour)}:${time[2]}`;
}

const ISO = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(\.\d+)?)?)?\s*(Z|[+-]\d{2}:?\d{2})?$/i;

/**
 * A declared date as ISO 8601: ISO-like values made strict ("2021-06-23 16:49:00" →
 * "2021-06-23T16:49:00", "+0400" → "+04:00"), other writings read as text. Undefined when
 * it cannot be read: a view shows no date rather than a wrong one.
 */
export function normalizeDate(value: string | null | undefined, lang = ''): string | undefined {
  const v = asciiDigits((value ?? '').trim());
  if (!v) return undefined;
  const iso = ISO.exec(v);
  if (iso) {
    const [, y, mo, d, h, mi, s, frac, zone] = iso;
    if (!isRealDate(Number(y), Number(mo), Number(d))) return undefined;
    let out = `${y}-${mo}-${d}`;
    if (h !== undefined && mi !== undefined) out += `T${h}:${mi}${s !== undefined ? `:${s}${frac ?? ''}` : ''}`;
    if (zone && h !== undefined) out += zone.toUpperCase() === 'Z' ? 'Z' : `${zone.slice(0, 3)}:${zone.slice(-2)}`;
    return out;
  }
  // RFC 2822 and the like ("Tue, 02 Jun 2020 23:01:00 GMT"): an instant, when it names its zone.
  const t = /\b(?:GMT|UTC)\b|\s[+-]\d{4}\b/.test(v) && /[a-z]{3}/i.test(v) ? Date.parse(v) : Number.NaN;
  if (!Number.isNaN(t)) return new Date(t).toISOString();
  return parseDateText(v, lang);
}

const MAX_LINE = 100;
// A <time> that says it is the publication date, not the last update.
const PUBLISHED = /datepublished|pubdate|published|publish|post-?date|entry-date|created/i;
const STEPS_AFTER = 400;
const STEPS_BEFORE = 60;
const INLINE_ONLY = /^(?:A|SPAN|STRONG|B|EM|I|BR|SMALL|TIME|ABBR|BDI|FONT|SUP|SUB)$/;

/** An element with text of its own and only inline children: one line on screen. */
function lineOf(el: Element): string | undefined {
  // A link is another page's title or a source ("Source: Ministry, October 25"), not this
  // article's date: the line's own text is read without its links.
  if (el.tagName === 'A' || el.closest('a')) return undefined;
  for (const child of el.children) if (!INLINE_ONLY.test(child.tagName)) return undefined;
  const raw = el.textContent ?? '';
  if (raw.length > MAX_LINE * 4) return undefined;
  let own = raw;
  for (const a of el.getElementsByTagName('a')) own = own.replace(a.textContent ?? '', ' ');
  const text = collapseSpace(own);
  return text && raw.trim().length <= MAX_LINE * 2 && text.length <= MAX_LINE ? text : undefined;
}

/** The month-name conventions of Arabic publications (types.ts), each told by its own names. */
export type { MonthNames };
export const MONTH_NAMES: readonly MonthNames[] = ['levantine', 'maghrebi', 'standard'];

// Only the names that tell one convention from the others: «مارس» and «سبتمبر» are both
// Egyptian and Maghrebi, and say nothing.
const CONVENTION_OF = new Map<string, MonthNames>();
const convention = (names: MonthNames, ...months: string[]): void => {
  for (const name of months) CONVENTION_OF.set(normalizeText(name), names);
};
convention(
  'levantine',
  'كانون الثاني',
  'شباط',
  'آذار',
  'نيسان',
  'أيار',
  'حزيران',
  'تموز',
  'آب',
  'أيلول',
  'تشرين الأول',
  'تشرين الثاني',
  'كانون الأول',
);
convention('maghrebi', 'جانفي', 'فيفري', 'أفريل', 'ماي', 'جوان', 'جويلية', 'أوت');
convention('standard', 'يناير', 'فبراير', 'أبريل', 'ابريل', 'إبريل', 'مايو', 'يونيو', 'يونيه', 'يوليو', 'يوليه', 'أغسطس', 'اغسطس');
// A day before the month: «9 كانون الثاني», «الثلاثاء 9 شباط» (a bare «آب» is also a father).
const CONVENTION_RE = new RegExp(
  `(?<!\\d)\\d{1,2}\\s*(${[...CONVENTION_OF.keys()]
    .sort((a, b) => b.length - a.length)
    .map(escape)
    .join('|')})(?!${L})`,
  'u',
);
// Regions whose Arabic press writes one convention when the page's own text does not say.
const REGION_MONTHS: Readonly<Record<string, MonthNames>> = {
  SY: 'levantine',
  LB: 'levantine',
  IQ: 'levantine',
  JO: 'levantine',
  PS: 'levantine',
  DZ: 'maghrebi',
  TN: 'maghrebi',
};

/**
 * The month names an Arabic article's publication uses: the first date written in `texts`
 * (the date line by the headline first, then the text) that names a month only one
 * convention uses, else the region of the page's language tag (ar-SY, ar-DZ), else the
 * neutral «يناير…». Undefined for other languages.
 * @param lang the article's language; @param pageLang the page's own tag, with its region
 */
export function monthNamesOf(texts: readonly (string | undefined)[], lang: string, pageLang = ''): MonthNames | undefined {
  if (!/^ar(?:-|$)/i.test(lang)) return undefined;
  for (const text of texts) {
    const m = text ? CONVENTION_RE.exec(normalizeText(asciiDigits(text))) : null;
    const names = m ? CONVENTION_OF.get(m[1] ?? '') : undefined;
    if (names) return names;
  }
  const region = /^ar[-_](?:[a-z]{4}[-_])?([a-z]{2})\b/i.exec(pageLang)?.[1]?.toUpperCase();
  return (region && REGION_MONTHS[region]) || 'standard';
}

export interface ShownDate {
  /** From a <time> by the headline marked as the publication date (itemprop, class, pubdate). */
  published?: string;
  /** From the first <time> element by the headline (its datetime, else its text). */
  time?: string;
  /** From the first short line by the headline that holds a date. */
  line?: string;
  /** The text the date was read from, as the page wrote it (its month names). */
  text?: string;
}

/**
 * The dates the page shows by the headline: a <time> element and a short line holding a
 * date, looked for after the headline up to the start of the text, then just before the
 * headline (a date bar above it). Lists and sidebars are skipped: their dates are other stories'.
 * `lines: false` looks for <time> only (the page declares a date, a line would not be used).
 */
export function findShownDate(
  doc: Document,
  headline: Element | undefined,
  main: Element | undefined,
  lang: string,
  { lines = true }: { lines?: boolean } = {},
): ShownDate {
  const found: ShownDate = {};
  const start = headline ?? main;
  if (!start || !doc.body) return found;
  const walker = doc.createTreeWalker(doc.body, 1);
  const look = (el: Element): boolean => {
    if (el.tagName === 'TIME' && !found.published) {
      const value = normalizeDate(el.getAttribute('datetime'), lang) ?? parseDateText(el.textContent ?? '', lang);
      if (value) {
        found.text ??= el.textContent ?? undefined;
        found.time ??= value;
        if (PUBLISHED.test(`${el.getAttribute('itemprop') ?? ''} ${el.className} ${el.hasAttribute('pubdate') ? 'pubdate' : ''}`))
          found.published = value;
      }
    }
    if (lines && !found.line) {
      const line = lineOf(el);
      const value = line && /\d/.test(asciiDigits(line)) ? parseDateText(line, lang) : undefined;
      if (value) {
        found.line = value;
        found.text ??= line;
      }
    }
    return found.published !== undefined && (found.line !== undefined || !lines);
  };
  // After the headline, through the first lines of the text.
  walker.currentNode = start;
  let textLines = 0;
  for (let e = walker.nextNode() as Element | null, steps = 0; e && steps < STEPS_AFTER; steps++) {
    if ((e.tagName === 'P' || e.tagName === 'LI') && main?.contains(e) && (e.textContent ?? '').length > MAX_LINE && ++textLines > 1) break;
    // Sidebars and lists of other stories carry their own dates.
    if (/^(?:UL|OL|FORM|SCRIPT|STYLE)$/.test(e.tagName) || isPageChrome(e)) {
      e = skipChildren(walker);
      continue;
    }
    if (look(e)) return found;
    e = walker.nextNode() as Element | null;
  }
  // Just before it.
  for (const e of elementsBefore(start, STEPS_BEFORE, 'ul, ol, aside, nav, form, a')) if (look(e)) return found;
  return found;
}
