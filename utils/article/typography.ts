/**
 * The reading view's type, in one place: the reader's default settings (utils/reader/prefs.ts)
 * and the exported HTML file (export/style.ts) both start from it.
 *
 * Arabic Naskh needs more size and leading than Latin text to stay legible: its letters sit
 * small on the x-height and dots and tashkeel stack above and below. 20px / 1.9 and a 38em
 * measure (about 70 Arabic characters a line) follow common Arabic reading-app settings.
 */
export const READING_TYPE = {
  /** Body text size in CSS px. */
  size: 20,
  lineHeight: 1.9,
  /** The measure of each width setting, in em of the body size. */
  measureEm: { narrow: 32, medium: 38, wide: 46 },
} as const;

/** The Arabic face first, its Latin subset second, then the faces systems have (a sound fallback). */
export const NASKH_STACK =
  "'Noto Naskh Arabic', 'Noto Serif', 'Amiri', 'Scheherazade New', 'Traditional Arabic', 'Geeza Pro', Georgia, 'Times New Roman', serif";
