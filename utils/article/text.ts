/**
 * Text helpers shared by clutter matching, search and reading time.
 * Pure string functions: no DOM, no globals.
 */

// One table for every character the fold changes: removed (tashkeel and tatweel, Hebrew
// niqqud, invisible marks) or replaced (alef, yaa, kaf, taa marbuta and hamza forms).
// A single pass over the string: this runs on every short text node of a page at load.
const FOLD: Record<string, string> = {};
const fold = (chars: string, to: string): void => {
  for (const c of chars) FOLD[c] = to;
};
const range = (from: number, to: number): string => String.fromCharCode(...Array.from({ length: to - from + 1 }, (_, i) => from + i));
fold(range(0x0610, 0x061a) + range(0x064b, 0x065f) + '\u0670' + range(0x06d6, 0x06ed) + '\u0640' + range(0x0591, 0x05c7), '');
fold(range(0x200b, 0x200b) + range(0x200d, 0x200f) + range(0x202a, 0x202e) + range(0x2066, 0x2069) + '\ufeff\u00ad', '');
fold('\u200c', ' '); // zero-width non-joiner separates Persian word parts
fold('\u0622\u0623\u0625\u0671\u0672\u0673', '\u0627'); // آ أ إ ٱ ٲ ٳ → ا
fold('\u0649\u06cc\u064a\u06d0\u0626', '\u064a'); // ى ی ي ې ئ → ي
fold('\u06a9\u06aa', '\u0643'); // ک ڪ → ك
fold('\u0629\u06c3', '\u0647'); // ة ۃ → ه
fold('\u0624', '\u0648'); // ؤ → و
const FOLDED = new RegExp(
  `[${Object.keys(FOLD)
    .map((c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`)
    .join('')}]`,
  'g',
);
const foldChar = (c: string): string => FOLD[c] ?? c;

/**
 * Folds spelling variants so that "إقرأ أيضاً", "اقرأ أيضا" and "اقرا ايضا" compare equal,
 * as do Persian ی/ک with Arabic ي/ك, and Hebrew with or without niqqud.
 * Also lower-cases Latin and collapses white space.
 */
export function normalizeText(input: string): string {
  return input.normalize('NFC').replace(FOLDED, foldChar).toLowerCase().replace(/\s+/g, ' ').trim();
}

/** Collapses white space runs to one space (how fixtures compare snippets). */
export function collapseSpace(input: string): string {
  return input.replace(/\s+/g, ' ').trim();
}

/** The text as a literal inside a regular expression. */
export function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** A short, single-line excerpt for "what was removed" lists. */
export function excerptOf(input: string, max = 80): string {
  // A growing prefix, not the whole: a removed footer's text can run to tens of kilobytes. Once
  // a prefix collapses to more than `max`, its first characters are the whole text's.
  for (let n = max * 4; ; n *= 4) {
    const flat = collapseSpace(n >= input.length ? input : input.slice(0, n));
    if (flat.length > max) return `${flat.slice(0, max - 1)}…`;
    if (n >= input.length) return flat;
  }
}

const WORD = /[\p{L}\p{N}][\p{L}\p{N}\p{M}'’_-]*/gu;

export function countWords(text: string): number {
  return text.match(WORD)?.length ?? 0;
}

/**
 * Silent reading rates in words per minute from the International Reading Speed Texts
 * (Trauzettel-Klosinski & Dietz, IOVS 2012, "Standardized Assessment of Reading
 * Performance: The New International Reading Speed Texts IReST"): Arabic 138, Hebrew 187,
 * English 228, and the other measured languages. Persian and Urdu were not measured; they
 * share the Arabic script and its unvowelled, connected word shapes, so they use the
 * Arabic rate.
 */
export const WORDS_PER_MINUTE: Readonly<Record<string, number>> = {
  ar: 138,
  fa: 138,
  ur: 138,
  he: 187,
  en: 228,
  de: 179,
  es: 218,
  fr: 195,
  it: 188,
  nl: 202,
  pt: 181,
  ru: 184,
  tr: 166,
  fi: 161,
  sv: 199,
  pl: 166,
};
const DEFAULT_WPM = 200;

export function readingMinutes(wordCount: number, lang: string): number {
  const wpm = WORDS_PER_MINUTE[lang] ?? DEFAULT_WPM;
  return Math.max(1, Math.round(wordCount / wpm));
}
