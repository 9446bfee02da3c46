/**
 * The reading view's type, in one place: the reader's default settings (utils/reader/prefs.ts)
 * and the exported HTML file (export/style.ts) both start from it.
 *
 * Arabic Naskh needs more size and leading than Latin text to stay legible: its letters sit
 * small on the x-height and dots and tashkeel stack above and below. 20px / 1.9 follow common
 * Arabic reading-app settings. The measure is set for Arabic-script text: at 20px Naskh or
 * Vazirmatn an em holds about 2.7 characters with their spaces, so the medium 25em gives
 * 60–70 characters a line (measured in the reader at 1280 px: tests/e2e/typeset.e2e.ts); the
 * old 38em gave 94–103, too long for Naskh. English at 25em gets about 55.
 */
export const READING_TYPE = {
  /** Body text size in CSS px. */
  size: 20,
  lineHeight: 1.9,
  /** The measure of each width setting, in em of the body size. */
  measureEm: { narrow: 20, medium: 25, wide: 31 },
} as const;

/** The Arabic face first, its Latin subset second, then the faces systems have (a sound fallback). */
export const NASKH_STACK =
  "'Noto Naskh Arabic', 'Noto Serif', 'Amiri', 'Scheherazade New', 'Traditional Arabic', 'Geeza Pro', Georgia, 'Times New Roman', serif";
