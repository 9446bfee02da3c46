import { describe, expect, it } from 'vitest';
import { countWords, normalizeText, readingMinutes } from '../../../utils/article/text.ts';

describe('normalizeText', () => {
  it('folds the spellings of «read also» into one', () => {
    const forms = ['اقرأ أيضًا', 'إقرأ أيضاً', 'اقرا ايضا', 'اقـــرأ أيضـاً', 'اِقْرَأْ أَيْضًا'];
    expect(new Set(forms.map(normalizeText)).size).toBe(1);
  });

  it('folds yaa / alef maqsura, taa marbuta / haa, and Persian letters to Arabic', () => {
    expect(normalizeText('مستشفى')).toBe(normalizeText('مستشفي'));
    expect(normalizeText('مدرسة')).toBe(normalizeText('مدرسه'));
    expect(normalizeText('کتابی')).toBe(normalizeText('كتابي'));
  });

  it('drops Hebrew niqqud and Latin case, and collapses white space', () => {
    expect(normalizeText('שָׁלוֹם')).toBe('שלום');
    expect(normalizeText('  Read\n  MORE ')).toBe('read more');
  });
});

describe('reading time', () => {
  it('counts Arabic words and reads Arabic slower than English', () => {
    expect(countWords('أكد التحالف الدولي استمرار عملياته')).toBe(5);
    expect(readingMinutes(690, 'ar')).toBe(5); // 138 words a minute
    expect(readingMinutes(690, 'en')).toBe(3); // 228 words a minute
    expect(readingMinutes(10, 'ar')).toBe(1);
  });
});
