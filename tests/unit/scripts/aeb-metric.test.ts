import { describe, expect, it } from 'vitest';
import { aebScores, precisionScore, recallScore, shingleMatching, shingles, tokenize } from '../../../scripts/lib/aeb-metric.ts';

// Expected values are worked out by hand from AEB's evaluate.py (tokens `\w+`, 4-token
// shingle multisets, tp/fp/fn normalised per page, P and R averaged over pages).

describe('tokenize (Python 3 \\w+)', () => {
  it('keeps letters, digits and underscore, and keeps case', () => {
    expect(tokenize('Hello, world! foo_bar 42')).toEqual(['Hello', 'world', 'foo_bar', '42']);
    expect(tokenize('ABC abc')).toEqual(['ABC', 'abc']);
  });

  it('reads Arabic, Persian and Hebrew words and Arabic-Indic digits', () => {
    expect(tokenize('الحرب في سوريا، 2013')).toEqual(['الحرب', 'في', 'سوريا', '2013']);
    expect(tokenize('١٢٣ و۴۵')).toEqual(['١٢٣', 'و۴۵']);
    expect(tokenize('שלום עולם')).toEqual(['שלום', 'עולם']);
  });

  it('splits at combining marks (harakat), as Python does', () => {
    expect(tokenize('كَتَبَ')).toEqual(['ك', 'ت', 'ب']);
    expect(tokenize('مُحَمَّد')).toEqual(['م', 'ح', 'م', 'د']);
  });

  it('gives nothing for empty or missing text', () => {
    expect(tokenize('')).toEqual([]);
    expect(tokenize(null)).toEqual([]);
    expect(tokenize(' ,.! ')).toEqual([]);
  });
});

describe('shingles', () => {
  it('makes overlapping 4-token shingles, counted as a multiset', () => {
    const s = shingles('x y z w x y z w');
    expect(s.size).toBe(4);
    expect(s.get(['x', 'y', 'z', 'w'].join('\u0001'))).toBe(2);
    expect([...s.values()].reduce((a, b) => a + b, 0)).toBe(5);
  });

  it('makes one short shingle from fewer than 4 tokens, none from empty text', () => {
    expect([...shingles('a b').keys()]).toEqual(['a\u0001b']);
    expect(shingles('').size).toBe(0);
  });
});

describe('shingleMatching', () => {
  it('scores a perfect prediction [1, 0, 0]', () => {
    expect(shingleMatching('a b c d e', 'a b c d e')).toEqual([1, 0, 0]);
  });

  it('normalises tp/fp/fn to sum 1', () => {
    // truth abcd bcde cdef, prediction abcd bcde cdex: tp 2, fp 1, fn 1 → /4
    const score = shingleMatching('a b c d e f', 'a b c d e x');
    expect(score).toEqual([0.5, 0.25, 0.25]);
    expect(precisionScore(score)).toBeCloseTo(2 / 3, 12);
    expect(recallScore(score)).toBeCloseTo(2 / 3, 12);
  });

  it('counts repeated shingles (multiset, not set)', () => {
    // truth: xyzw ×2, yzwx, zwxy, wxyz (5); prediction: xyzw (1) → tp 1, fp 0, fn 4
    const score = shingleMatching('x y z w x y z w', 'x y z w');
    expect(score).toEqual([0.2, 0, 0.8]);
    expect(precisionScore(score)).toBe(1);
    expect(recallScore(score)).toBeCloseTo(0.2, 12);
  });

  it('is case-sensitive', () => {
    expect(shingleMatching('A B C D', 'a b c d')).toEqual([0, 0.5, 0.5]);
  });

  it('compares Arabic text by its words', () => {
    const truth = 'قال الرئيس في خطابه أمس إن الحرب انتهت';
    const pred = 'اقرأ أيضا قال الرئيس في خطابه أمس إن الحرب انتهت';
    // truth: 5 shingles, all predicted; prediction adds 2 (اقرأ أيضا قال الرئيس, أيضا قال الرئيس في)
    const score = shingleMatching(truth, pred);
    expect(score[0]).toBeCloseTo(5 / 7, 12);
    expect(score[1]).toBeCloseTo(2 / 7, 12);
    expect(score[2]).toBe(0);
    expect(precisionScore(score)).toBeCloseTo(5 / 7, 12);
    expect(recallScore(score)).toBe(1);
  });

  it('scores an empty prediction [0, 0, 1]: no precision, recall 0', () => {
    const score = shingleMatching('a b c d', '');
    expect(score).toEqual([0, 0, 1]);
    expect(recallScore(score)).toBe(0);
  });

  it('leaves an empty truth and empty prediction at [0, 0, 0]', () => {
    expect(shingleMatching('', '')).toEqual([0, 0, 0]);
  });
});

describe('aebScores', () => {
  it('averages P and R over pages, then takes F1 of the means', () => {
    const a = shingleMatching('a b c d e f', 'a b c d e x'); // P 2/3, R 2/3
    const b = shingleMatching('x y z w x y z w', 'x y z w'); // P 1, R 0.2
    const s = aebScores([a, b]);
    const p = (2 / 3 + 1) / 2;
    const r = (2 / 3 + 0.2) / 2;
    expect(s.precision).toBeCloseTo(p, 12);
    expect(s.recall).toBeCloseTo(r, 12);
    expect(s.f1).toBeCloseTo((2 * p * r) / (p + r), 12);
  });

  it('leaves empty predictions out of precision but counts them as recall 0', () => {
    const perfect = shingleMatching('a b c d', 'a b c d');
    const empty = shingleMatching('a b c d', '');
    const s = aebScores([perfect, empty]);
    expect(s.precision).toBe(1);
    expect(s.recall).toBe(0.5);
    expect(s.f1).toBeCloseTo(2 / 3, 12);
    expect(s.precisionPages).toBe(1);
    expect(s.recallPages).toBe(2);
  });

  it('ignores pages where both texts are empty', () => {
    const s = aebScores([shingleMatching('a b c d', 'a b c d'), shingleMatching('', '')]);
    expect(s).toMatchObject({ precision: 1, recall: 1, f1: 1, precisionPages: 1, recallPages: 1 });
  });
});
