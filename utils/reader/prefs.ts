/*
 * The reader preferences as plain data: no browser API, so components and tests can import
 * it directly. The stored item is in reader-prefs.ts, which re-exports all of this.
 */
import { READING_TYPE } from '../article/typography.ts';

/** How the reader likes articles set: one global choice, shared by popup, reader tab and library. */
export interface ReaderPrefs {
  font: 'naskh' | 'sans' | 'vazirmatn' | 'nastaliq' | 'system';
  /** Body text size in CSS px. */
  size: number;
  lineHeight: number;
  width: 'narrow' | 'medium' | 'wide';
  theme: 'light' | 'sepia' | 'dark' | 'system';
}

export const FONTS: readonly ReaderPrefs['font'][] = ['naskh', 'sans', 'vazirmatn', 'nastaliq', 'system'];
export const WIDTHS: readonly ReaderPrefs['width'][] = ['narrow', 'medium', 'wide'];
export const THEMES: readonly ReaderPrefs['theme'][] = ['light', 'sepia', 'dark', 'system'];

export const SIZE_MIN = 14;
export const SIZE_MAX = 28;
export const SIZE_STEP = 2;
export const LINE_HEIGHT_MIN = 1.5;
export const LINE_HEIGHT_MAX = 2.4;

/** The measure of each width, in em of the body size (read by reading-view.css). */
/** The measure of each width setting, in em of the body size (one table with the export's). */
export const WIDTH_EM: Record<ReaderPrefs['width'], number> = READING_TYPE.measureEm;

/**
 * Arabic Naskh needs more size and leading than Latin text to stay legible: its letters sit
 * small on the x-height and dots and tashkeel stack above and below: see READING_TYPE.
 */
export const DEFAULT_PREFS: ReaderPrefs = { font: 'naskh', size: 20, lineHeight: 1.9, width: 'medium', theme: 'system' };

const pick = <T extends string>(allowed: readonly T[], value: unknown, fallback: T): T =>
  allowed.includes(value as T) ? (value as T) : fallback;

const clampNumber = (value: unknown, min: number, max: number, fallback: number): number =>
  typeof value === 'number' && Number.isFinite(value) ? Math.min(max, Math.max(min, value)) : fallback;

/** Any stored or edited value back into range: unknown choices become the defaults. */
export function clampPrefs(p: Partial<ReaderPrefs> | null | undefined): ReaderPrefs {
  const prefs = p ?? {};
  return {
    font: pick(FONTS, prefs.font, DEFAULT_PREFS.font),
    size: Math.round(clampNumber(prefs.size, SIZE_MIN, SIZE_MAX, DEFAULT_PREFS.size)),
    // One decimal, so repeated steps never drift to 1.9000000000000001.
    lineHeight: Math.round(clampNumber(prefs.lineHeight, LINE_HEIGHT_MIN, LINE_HEIGHT_MAX, DEFAULT_PREFS.lineHeight) * 10) / 10,
    width: pick(WIDTHS, prefs.width, DEFAULT_PREFS.width),
    theme: pick(THEMES, prefs.theme, DEFAULT_PREFS.theme),
  };
}
