import type { Article, MonthNames } from '../article/types.ts';

/** A locale whose CLDR month names are each convention's: ar-SY «كانون الثاني», ar-DZ «جانفي», ar «يناير». */
const MONTH_LOCALE: Readonly<Record<MonthNames, string>> = { levantine: 'ar-SY', maghrebi: 'ar-DZ', standard: 'ar' };

/**
 * An article's publication date, written the way readers of its language write dates.
 *
 * Arabic: Gregorian calendar and Latin digits ("7 أيار 2024"), whatever the engine's default
 * for the region. The big Arabic news sites (Al Jazeera, Al Arabiya, Asharq Al-Awsat, Enab
 * Baladi, Hespress, BBC Arabic's datelines) print dates with Latin digits, the Maghreb uses
 * nothing else, and article bodies mostly carry Latin digits too, so the date matches the
 * text around it. News datelines are Gregorian even where the civil calendar is Hijri, and
 * CLDR's region defaults (ar-SA: Hijri calendar and Arabic-Indic digits in older engines)
 * differ between browsers. The month names are the publication's own (`monthNames`, read
 * from the page by the core: «9 كانون الثاني» on a Syrian site, «9 جانفي» on an Algerian one);
 * without them a region in the tag picks them: ar-SY gives «أيار», plain ar «مايو».
 *
 * A date without a time zone ("2019-02-08", "2019-02-08T09:23": read from the page's text,
 * which names none) is the page's own calendar date: it is shown as written, wherever the
 * reader is, not moved a day by the reader's zone.
 *
 * Returns undefined when the date cannot be read, so the view shows no date rather than
 * "Invalid Date".
 */
export function formatArticleDate(iso: string | undefined, lang: string, monthNames?: MonthNames): string | undefined {
  if (!iso) return undefined;
  const isWallClock = /^\d{4}-\d{2}-\d{2}(?:T\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?)?$/.test(iso);
  const time = isWallClock ? Date.parse(`${iso.length === 10 ? `${iso}T00:00` : iso}Z`) : Date.parse(iso);
  if (Number.isNaN(time)) return undefined;
  const isArabic = /^ar(?:-|$)/i.test(lang);
  const zone: Intl.DateTimeFormatOptions = isWallClock ? { timeZone: 'UTC' } : {};
  const options: Intl.DateTimeFormatOptions = isArabic
    ? { dateStyle: 'long', calendar: 'gregory', numberingSystem: 'latn', ...zone }
    : { dateStyle: 'long', ...zone };
  let format: Intl.DateTimeFormat;
  try {
    const names = isArabic && monthNames ? MONTH_LOCALE[monthNames] : undefined;
    format = new Intl.DateTimeFormat(names ?? (lang || undefined), options);
  } catch {
    // A malformed language tag from the page: the browser's own locale still gives a date.
    format = new Intl.DateTimeFormat(undefined, options);
  }
  return format.format(time);
}

/** An article's date as its reader shows it (and its exported file): see formatArticleDate. */
export function articleDate(article: Pick<Article, 'publishedTime' | 'lang' | 'monthNames'>): string | undefined {
  return formatArticleDate(article.publishedTime, article.lang, article.monthNames);
}

/**
 * A number in the digits the article's date uses, so the meta line reads in one digit system:
 * Persian «۲۱ اردیبهشت ۱۳۹۹ · ۴ دقیقه», not «… · 4». Arabic keeps Latin digits, as its dates do.
 */
export function formatArticleNumber(n: number, lang: string): string {
  const isArabic = /^ar(?:-|$)/i.test(lang);
  try {
    return new Intl.NumberFormat(lang || undefined, isArabic ? { numberingSystem: 'latn' } : {}).format(n);
  } catch {
    return String(n);
  }
}
