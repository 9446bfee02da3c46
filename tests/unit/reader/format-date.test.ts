import { describe, expect, it } from 'vitest';
import { formatArticleDate } from '../../../utils/reader/dates.ts';

// TZ=UTC comes from vitest.config.ts, so the day does not move with the machine.
const ISO = '2024-05-07T10:30:00Z';

describe('formatArticleDate', () => {
  it('writes Arabic dates in the Gregorian calendar with Latin digits', () => {
    const date = formatArticleDate(ISO, 'ar');
    expect(date).toMatch(/^7 مايو 2024$/);
  });

  it('keeps the regional month names of the article language', () => {
    expect(formatArticleDate(ISO, 'ar-SY')).toBe('7 أيار 2024');
  });

  it('writes the month names the publication prints, over its language tag', () => {
    const jan = '2018-01-09';
    expect(formatArticleDate(jan, 'ar', 'levantine')).toBe('9 كانون الثاني 2018');
    expect(formatArticleDate(jan, 'ar', 'maghrebi')).toBe('9 جانفي 2018');
    expect(formatArticleDate(jan, 'ar-SY', 'standard')).toBe('9 يناير 2018');
    // Another language's date is its own, whatever was read for Arabic.
    expect(formatArticleDate(jan, 'en', 'levantine')).toBe('January 9, 2018');
  });

  it('stays Gregorian with Latin digits where the region defaults differ (ar-SA)', () => {
    const date = formatArticleDate(ISO, 'ar-SA')!;
    expect(date).toContain('2024');
    expect(date).not.toMatch(/[\u0660-\u0669]/);
    expect(date).not.toMatch(/هـ/);
  });

  it('writes English dates the English way', () => {
    expect(formatArticleDate(ISO, 'en')).toBe('May 7, 2024');
    expect(formatArticleDate(ISO, 'en-GB')).toBe('7 May 2024');
  });

  it('reads dates with an offset as the same instant', () => {
    expect(formatArticleDate('2024-05-07T01:00:00+03:00', 'en')).toBe('May 6, 2024');
  });

  it('shows a date read from the page without a zone as the page wrote it, in any zone', () => {
    const zone = process.env.TZ;
    try {
      // West of UTC, midnight UTC is the evening before.
      process.env.TZ = 'America/New_York';
      expect(formatArticleDate('2019-02-08', 'en')).toBe('February 8, 2019');
      expect(formatArticleDate('2019-02-08T00:30', 'ar')).toBe('8 فبراير 2019');
      expect(formatArticleDate('2019-02-08T00:30:00Z', 'en')).toBe('February 7, 2019');
    } finally {
      process.env.TZ = zone;
    }
  });

  it('gives undefined for missing or unreadable dates', () => {
    expect(formatArticleDate(undefined, 'ar')).toBeUndefined();
    expect(formatArticleDate('', 'ar')).toBeUndefined();
    expect(formatArticleDate('not a date', 'en')).toBeUndefined();
    expect(formatArticleDate('2024-13-45T99:00:00Z', 'ar')).toBeUndefined();
  });

  it('survives a malformed language tag from the page', () => {
    expect(formatArticleDate(ISO, 'ar_SY!!')).toMatch(/2024/);
  });
});
