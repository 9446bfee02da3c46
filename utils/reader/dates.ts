/**
 * An article's publication date, written the way readers of its language write dates.
 *
 * Arabic: Gregorian calendar and Latin digits ("7 أيار 2024"), whatever the engine's default
 * for the region. The big Arabic news sites (Al Jazeera, Al Arabiya, Asharq Al-Awsat, Enab
 * Baladi, Hespress, BBC Arabic's datelines) print dates with Latin digits, the Maghreb uses
 * nothing else, and article bodies mostly carry Latin digits too, so the date matches the
 * text around it. News datelines are Gregorian even where the civil calendar is Hijri, and
 * CLDR's region defaults (ar-SA: Hijri calendar and Arabic-Indic digits in older engines)
 * differ between browsers. A region in the tag still picks its month names: ar-SY gives
 * «أيار», plain ar «مايو».
 *
 * Returns undefined when the date cannot be read, so the view shows no date rather than
 * "Invalid Date".
 */
export function formatArticleDate(iso: string | undefined, lang: string): string | undefined {
  if (!iso) return undefined;
  const time = Date.parse(iso);
  if (Number.isNaN(time)) return undefined;
  const isArabic = /^ar(?:-|$)/i.test(lang);
  const options: Intl.DateTimeFormatOptions = isArabic
    ? { dateStyle: 'long', calendar: 'gregory', numberingSystem: 'latn' }
    : { dateStyle: 'long' };
  let format: Intl.DateTimeFormat;
  try {
    format = new Intl.DateTimeFormat(lang || undefined, options);
  } catch {
    // A malformed language tag from the page: the browser's own locale still gives a date.
    format = new Intl.DateTimeFormat(undefined, options);
  }
  return format.format(time);
}
