/**
 * Text helpers shared by clutter matching, search and reading time.
 * Pure string functions: no DOM, no globals.
 */

// Arabic tashkeel (harakat, tanwin, shadda, sukun, superscript alef), Quranic marks,
// tatweel, and Hebrew niqqud / cantillation.
const MARKS = /[\u0610-\u061A\u064B-\u065F\u0670\u06D6-\u06ED\u0640\u0591-\u05C7]/g;
const ALEF_FORMS = /[\u0622\u0623\u0625\u0671\u0672\u0673]/g; // آ أ إ ٱ ٲ ٳ → ا
const YAA_FORMS = /[\u0649\u06CC\u064A\u06D0]/g; // ى ی ي ې → ي
const KAF_FORMS = /[\u06A9\u06AA]/g; // ک ڪ → ك
const TAA_MARBUTA = /[\u0629\u06C3]/g; // ة ۃ → ه
const HAMZA_ON = /[\u0624]/g; // ؤ → و
const HAMZA_YAA = /[\u0626]/g; // ئ → ي
const INVISIBLE = /[\u200B-\u200F\u202A-\u202E\u2066-\u2069\uFEFF\u00AD]/g;
const ZWNJ_LIKE = /[\u200C]/g;

/**
 * Folds spelling variants so that "إقرأ أيضاً", "اقرأ أيضا" and "اقرا ايضا" compare equal,
 * as do Persian ی/ک with Arabic ي/ك, and Hebrew with or without niqqud.
 * Also lower-cases Latin and collapses white space.
 */
export function normalizeText(input: string): string {
  return input
    .normalize('NFC')
    .replace(MARKS, '')
    .replace(INVISIBLE, '')
    .replace(ZWNJ_LIKE, ' ')
    .replace(ALEF_FORMS, '\u0627')
    .replace(YAA_FORMS, '\u064A')
    .replace(KAF_FORMS, '\u0643')
    .replace(TAA_MARBUTA, '\u0647')
    .replace(HAMZA_ON, '\u0648')
    .replace(HAMZA_YAA, '\u064A')
    .toLowerCase()
    .replace(/\s+/g, ' ')
    .trim();
}

/** Collapses white space runs to one space (how fixtures compare snippets). */
export function collapseSpace(input: string): string {
  return input.replace(/\s+/g, ' ').trim();
}

/** A short, single-line excerpt for "what was removed" lists. */
export function excerptOf(input: string, max = 80): string {
  const flat = collapseSpace(input);
  return flat.length <= max ? flat : `${flat.slice(0, max - 1)}…`;
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
