import { describe, expect, it } from 'vitest';
import { blockDirection, directionOfText, resolveLanguage } from '../../../utils/article/direction.ts';

const ARABIC = 'أكد التحالف الدولي الذي تقوده الولايات المتحدة الأمريكية استمرار عملياته العسكرية في سوريا، مبررًا بأن النظام غير قادر.';
const PERSIAN =
  'یک گروه ۸۰ نفره از اصلاح‌طلبان در بیانیه خود، ضمن دعوت مردم به مشارکت در انتخابات، ادعای خود را تکرار کردند که کاندیدا ندارند.';
const URDU = 'مری میں شدید برف باری کے باعث سیاحوں کی گاڑیاں پھنس گئیں اور ریسکیو ٹیموں نے امدادی کارروائیاں شروع کر دیں۔';
const HEBREW = 'חובת המסכות תוחזר בחללים סגורים אם יהיה ממוצע שבועי של 100 חולים ביום, כך הוחלט היום בדיון השרים.';

describe('resolveLanguage', () => {
  it.each([
    ['ar', ARABIC],
    ['fa', PERSIAN],
    ['ur', URDU],
    ['he', HEBREW],
  ])('tells %s by its letters when the page declares nothing', (lang, text) => {
    expect(resolveLanguage(text, undefined)).toEqual({ lang, dir: 'rtl' });
  });

  it('trusts the letters over a wrong declaration', () => {
    expect(resolveLanguage(ARABIC, 'en-US')).toEqual({ lang: 'ar', dir: 'rtl' });
    expect(resolveLanguage('The coalition said on Tuesday it would stay.', 'ar')).toEqual({ lang: 'en', dir: 'ltr' });
  });

  it('keeps a declared regional tag as its primary language', () => {
    expect(resolveLanguage(ARABIC, 'ar-EG')).toEqual({ lang: 'ar', dir: 'rtl' });
    expect(resolveLanguage(HEBREW, 'iw')).toEqual({ lang: 'he', dir: 'rtl' });
  });

  it('gives an Arabic article with Latin brand names and numbers RTL', () => {
    const mixed = 'أعلنت شركة Apple أن هاتف iPhone 15 سيصل إلى الأسواق العربية في 22 سبتمبر بسعر يبدأ من 999 دولارًا.';
    expect(resolveLanguage(mixed, undefined).dir).toBe('rtl');
    expect(directionOfText('Samsung Galaxy S24 Ultra مراجعة')).toBe('ltr');
  });
});

describe('blockDirection', () => {
  it('keeps an Arabic, Persian or Hebrew block right to left although it starts with a Latin name', () => {
    expect(blockDirection('CNN وBloomberg نشرتا هذا الأسبوع تقريرين عن تجربة المدينة الصناعية في الزرقاء.')).toBe('rtl');
    expect(blockDirection('Solar Jordan، وهي الشركة التي نفّذت معظم هذه المشاريع، تقول إن الكلفة انخفضت.')).toBe('rtl');
    expect(blockDirection('Apple اعلام کرد که آیفون جدید از ماه آینده در بازار ایران عرضه خواهد شد.')).toBe('rtl');
    expect(blockDirection('Intel הודיעה היום כי תרחיב את המפעל בקריית גת בהשקעה של מיליארדים.')).toBe('rtl');
  });

  it('turns a whole English quote left to right, even with an Arabic name in it', () => {
    expect(blockDirection('“The roofs were already there, and the sun was free,” said an analyst in الزرقاء.')).toBe('ltr');
  });

  it('leaves a mixed block, or one without letters, to the article', () => {
    expect(blockDirection('قال الوزير: “We are not there yet”.')).toBeUndefined();
    expect(blockDirection('2024 – 17:30 · 12 %')).toBeUndefined();
    expect(blockDirection('')).toBeUndefined();
  });
});
