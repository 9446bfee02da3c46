/**
 * The metric of scrapinghub/article-extraction-benchmark (evaluate.py), ported as is.
 *
 * - Tokens: Python `re.findall(r'\w+', text)`, case kept (IGNORECASE has no effect on `\w`).
 *   Python 3 `\w` on str is `str.isalnum()` or `_`: letters (L*), numbers (N*: Nd, Nl, No) and
 *   underscore, but not combining marks (Mn, Mc), so Arabic harakat split a word as they do
 *   in AEB. Hence `[\p{L}\p{N}_]+`.
 * - Shingles: every run of 4 consecutive tokens, as a multiset; a text of 1–3 tokens gives one
 *   shorter shingle, an empty text none.
 * - Per page, tp/fp/fn are multiset overlaps, normalised to sum 1 (so long pages weigh no more).
 * - Precision is averaged over pages with tp + fp > 0 (an empty prediction is left out of the
 *   precision mean but scores recall 0); recall over pages with tp + fn > 0.
 *   F1 = 2PR / (P + R) of those two means.
 */

export const SHINGLE_SIZE = 4;

const TOKEN_RE = /[\p{L}\p{N}_]+/gu;

export type TpFpFn = readonly [tp: number, fp: number, fn: number];

export interface AebScores {
  precision: number;
  recall: number;
  f1: number;
  /** Pages that entered the precision mean (non-empty prediction). */
  precisionPages: number;
  /** Pages that entered the recall mean (non-empty truth or prediction). */
  recallPages: number;
}

export function tokenize(text: string | null | undefined): string[] {
  return text ? (text.match(TOKEN_RE) ?? []) : [];
}

/** Shingle multiset: shingle (tokens joined by U+0001) → count. */
export function shingles(text: string | null | undefined, n: number = SHINGLE_SIZE): Map<string, number> {
  const tokens = tokenize(text);
  const counts = new Map<string, number>();
  const last = Math.max(1, tokens.length - n + 1);
  for (let i = 0; i < last; i++) {
    const shingle = tokens.slice(i, i + n);
    if (shingle.length === 0) continue;
    const key = shingle.join('\u0001');
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  return counts;
}

/** AEB `string_shingle_matching`: normalised [tp, fp, fn] for one page. */
export function shingleMatching(truth: string | null | undefined, prediction: string | null | undefined): TpFpFn {
  const trueShingles = shingles(truth);
  const predShingles = shingles(prediction);
  let tp = 0;
  let fp = 0;
  let fn = 0;
  for (const key of new Set([...trueShingles.keys(), ...predShingles.keys()])) {
    const t = trueShingles.get(key) ?? 0;
    const p = predShingles.get(key) ?? 0;
    tp += Math.min(t, p);
    fp += Math.max(0, p - t);
    fn += Math.max(0, t - p);
  }
  const sum = tp + fp + fn;
  return sum > 0 ? [tp / sum, fp / sum, fn / sum] : [tp, fp, fn];
}

export function precisionScore([tp, fp, fn]: TpFpFn): number {
  if (fp === 0 && fn === 0) return 1;
  if (tp === 0 && fp === 0) return 0;
  return tp / (tp + fp);
}

export function recallScore([tp, fp, fn]: TpFpFn): number {
  if (fp === 0 && fn === 0) return 1;
  if (tp === 0 && fn === 0) return 0;
  return tp / (tp + fn);
}

/** AEB `metrics_from_tp_fp_fns`. NaN where a mean has no pages (Python would raise). */
export function aebScores(pages: readonly TpFpFn[]): AebScores {
  const forPrecision = pages.filter(([tp, fp]) => tp + fp > 0);
  const forRecall = pages.filter(([tp, , fn]) => tp + fn > 0);
  const precision = mean(forPrecision.map(precisionScore));
  const recall = mean(forRecall.map(recallScore));
  return {
    precision,
    recall,
    f1: (2 * precision * recall) / (precision + recall),
    precisionPages: forPrecision.length,
    recallPages: forRecall.length,
  };
}

function mean(values: readonly number[]): number {
  if (values.length === 0) return Number.NaN;
  let sum = 0;
  for (const v of values) sum += v;
  return sum / values.length;
}
