import { describe, expect, it } from 'vitest';
import { countWords, excerptOf, normalizeText, readingMinutes } from '../../../utils/article/text.ts';

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

describe('excerptOf', () => {
  // What "removed" lists showed before excerpts were read from a prefix: the whole text collapsed, then cut.
  const whole = (text: string, max = 80): string => {
    const flat = text.replace(/\s+/g, ' ').trim();
    return flat.length <= max ? flat : `${flat.slice(0, max - 1)}…`;
  };

  it('cuts a long block to one line of 80 characters, however its white space runs', () => {
    const word = 'اقرأ أيضا ';
    const cases = [
      word.repeat(2_000),
      `${' \n\t'.repeat(500)}${word.repeat(50)}`,
      // White space runs that straddle every prefix the excerpt tries.
      `${'x'.repeat(300)}${' '.repeat(5_000)}${'y'.repeat(100)}`,
      `${'a '.repeat(39)}${'\n'.repeat(1_000)}b`,
      `  ${'z'.repeat(79)}  `,
      `${'z'.repeat(81)}`,
      ' \n ',
      '',
    ];
    for (const text of cases) expect(excerptOf(text)).toBe(whole(text));
    expect(excerptOf(word.repeat(2_000))).toHaveLength(80);
    expect(excerptOf(`${'x'.repeat(300)}${' '.repeat(5_000)}y`, 400)).toBe(`${'x'.repeat(300)} y`);
  });
});
