import { describe, expect, it } from 'vitest';
import { asciiDigits, findShownDate, monthNamesOf, normalizeDate, parseDateText, solarToGregorian } from '../../../utils/article/dates.ts';
import { parsePage } from '../helpers/fixtures.ts';

describe('parseDateText', () => {
  it.each([
    ['الجمعة 8 فيفري 2019', 'ar', '2019-02-08'],
    ['الأربعاء، 28 آب/اغسطس 2013، آخر تحديث 14:00 (GMT+0400)', 'ar', '2013-08-28T14:00'],
    ['12 كانون الأول 2023', 'ar', '2023-12-12'],
    ['الإثنين، 24 أغسطس 2020 09:23 ص', 'ar', '2020-08-24T09:23'],
    ['الأربعاء، 07 أكتوبر 2020 - 12:09 م', 'ar', '2020-10-07T12:09'],
    ['الثلاثاء ١ / ١٢ / ٢٠٢٠', 'ar', '2020-12-01'],
    ['سه‌شنبه ۲۹ بهمن ۱۳۹۸ - ۰۶:۵۵', 'fa', '2020-02-18T06:55'],
    ['۱ فروردین ۱۴۰۳', 'fa', '2024-03-20'],
    ['on اپریل 8, 2022', 'ur', '2022-04-08'],
    ['23 במאי 2020', 'he', '2020-05-23'],
    ['פורסם: 22.05.20 , 15:26', 'he', '2020-05-22T15:26'],
    ['03/04/2021', 'ar', '2021-04-03'],
    ['03/04/2021', 'en', '2021-03-04'],
    ['April 8, 2022', 'en', '2022-04-08'],
  ])('%s (%s) → %s', (text, lang, iso) => {
    expect(parseDateText(text, lang)).toBe(iso);
  });

  it('skips Islamic (lunar) dates for the Gregorian one beside them, and reads none alone', () => {
    expect(parseDateText('الجمعة 3 رجب 1440 هـ الموافق 8 فبراير 2019', 'ar')).toBe('2019-02-08');
    expect(parseDateText('3 رجب 1440 هـ', 'ar')).toBeUndefined();
  });

  it('reads no date where there is none, nor an impossible one', () => {
    expect(parseDateText('مهرجان 2020 للأفلام', 'ar')).toBeUndefined();
    expect(parseDateText('30 اسفند 1402', 'fa')).toBeUndefined(); // 1402 is not a leap year
    expect(parseDateText('31 فبراير 2020', 'ar')).toBeUndefined();
  });
});

describe('solarToGregorian', () => {
  it('follows the Persian calendar across leap years', () => {
    expect(solarToGregorian(1403, 12, 30)).toEqual([2025, 3, 20]);
    expect(solarToGregorian(1402, 12, 29)).toEqual([2024, 3, 19]);
    expect(solarToGregorian(1398, 11, 29)).toEqual([2020, 2, 18]);
  });
});

describe('normalizeDate', () => {
  it('makes ISO-like values strict and reads the rest as text', () => {
    expect(normalizeDate('2021-06-23 16:49:00')).toBe('2021-06-23T16:49:00');
    expect(normalizeDate('2020-06-03T03:01+0400')).toBe('2020-06-03T03:01+04:00');
    expect(normalizeDate('2020-05-22T18:26:32z')).toBe('2020-05-22T18:26:32Z');
    expect(normalizeDate('15:26 , 22.05.20', 'he')).toBe('2020-05-22T15:26');
    expect(normalizeDate('Tue, 02 Jun 2020 23:01:00 GMT')).toBe('2020-06-02T23:01:00.000Z');
    expect(normalizeDate('10-Nov-2000')).toBe('2000-11-10');
    expect(normalizeDate('2020-13-45')).toBeUndefined();
    expect(normalizeDate('soon')).toBeUndefined();
  });

  it('reads Arabic-Indic and Persian digits', () => {
    expect(asciiDigits('٢٠٢٤ / ۱۴۰۳')).toBe('2024 / 1403');
  });
});

describe('findShownDate', () => {
  const shown = (body: string, lang: string) => {
    const doc = parsePage(`<html><body>${body}</body></html>`, 'https://news.test/a/1');
    return findShownDate(doc, doc.querySelector('h1') ?? undefined, doc.querySelector('.text') ?? undefined, lang);
  };
  const TEXT = '<div class="text"><p>טקסט הכתבה הראשון, ארוך מספיק כדי להיות פסקה של ממש בגוף הכתבה שנבדקת כאן בבדיקה הזו.</p></div>';

  it("reads the date in the article's own footer, not in the page's footer or a list of other stories", () => {
    expect(
      shown(`<article><h1>כותרת הכתבה</h1><footer class="submitted"><span>פורסם: 12.03.2024</span></footer>${TEXT}</article>`, 'he'),
    ).toEqual({
      line: '2024-03-12',
      text: 'פורסם: 12.03.2024',
    });
    expect(
      shown(
        `<ul><li><a href="/b">כתבה אחרת</a> <time datetime="2019-01-01">1.1.2019</time></li></ul><div><h1>כותרת הכתבה</h1>${TEXT}</div><footer>עודכן 5.5.2019</footer>`,
        'he',
      ),
    ).toEqual({});
  });

  it('tells the publication <time> from the update', () => {
    expect(
      shown(
        `<h1>כותרת</h1><time datetime="2019-11-13T10:28">עודכן</time> <time class="entry-date published" datetime="2019-11-08T15:30">פורסם</time>${TEXT}`,
        'he',
      ),
    ).toMatchObject({ published: '2019-11-08T15:30', time: '2019-11-13T10:28' });
  });
});

describe('monthNamesOf: the month names an Arabic publication prints', () => {
  it('reads them from the page’s own date first, whatever its language tag says', () => {
    expect(monthNamesOf(['بغداد — الثلاثاء 9 كانون الثاني 2018'], 'ar')).toBe('levantine');
    expect(monthNamesOf(['الأربعاء، 28 آب/اغسطس 2013'], 'ar', 'ar-EG')).toBe('levantine');
    expect(monthNamesOf(['الجمعة 8 فيفري 2019'], 'ar')).toBe('maghrebi');
    expect(monthNamesOf(['نُشر في ١٢ جويلية ٢٠٢١'], 'ar')).toBe('maghrebi');
    expect(monthNamesOf(['الخميس 9 يناير 2020'], 'ar', 'ar-SY')).toBe('standard');
  });

  it('reads the first date that tells, skipping names every convention shares and words that only look like months', () => {
    // «مارس» is both Egyptian and Maghrebi; the text's «جوان» decides.
    expect(monthNamesOf(['12 مارس 2020', 'وفي 3 جوان الماضي أعلنت الوزارة'], 'ar')).toBe('maghrebi');
    // «آب» without a day is «father», not August.
    expect(monthNamesOf(['قال آب الطفل إن 3 أكتوبر موعد الزيارة'], 'ar')).toBe('standard');
  });

  it('falls back on the region of the page’s language tag, then on the neutral names', () => {
    for (const tag of ['ar-SY', 'ar-LB', 'ar-IQ', 'ar-JO', 'ar-PS', 'ar-Arab-SY'])
      expect(monthNamesOf([], 'ar', tag), tag).toBe('levantine');
    for (const tag of ['ar-DZ', 'ar-TN']) expect(monthNamesOf([undefined], 'ar', tag), tag).toBe('maghrebi');
    for (const tag of ['ar', 'ar-EG', 'ar-SA', 'ar-MA', '', 'x']) expect(monthNamesOf(['بلا تاريخ'], 'ar', tag), tag).toBe('standard');
  });

  it('says nothing for other languages, whose dates have one set of names', () => {
    expect(monthNamesOf(['۹ دی ۱۳۹۶'], 'fa', 'fa-IR')).toBeUndefined();
    expect(monthNamesOf(['9 كانون الثاني 2018'], 'en', 'ar-SY')).toBeUndefined();
  });
});
