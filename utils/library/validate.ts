/**
 * What the library accepts: the shape of a record and bounds on everything in it, checked on
 * save and on import, so that no page and no file can hand the library a record it cannot
 * list, open or delete (issue 12: a 1-million-character title, a save date in year 318857).
 */
import { FIELD_LIMITS, isSanePublishedTime } from '../article/bounds.ts';
import { CLUTTER_KINDS } from '../article/types.ts';
import { IMAGE_LIMITS } from './images.ts';

export const RECORD_LIMITS = {
  /** Characters of the sanitised body and of its text: far above any article (the largest of our 237 real pages has ~400 KB of HTML). */
  contentHtml: 10_000_000,
  textContent: 5_000_000,
  removed: 2_000,
  removedText: 2_000,
  removedRule: 300,
  images: 500,
  imageBytes: IMAGE_LIMITS.maxBytes,
  imagesBytes: 200 * 1024 * 1024,
} as const;

/** A backup larger than this is refused before it is read (a JavaScript string holds ~512 M characters at most). */
export const BACKUP_MAX_BYTES = 500 * 1024 * 1024;

/** Save dates Naqi believes: not before 2000, not more than two days ahead of the clock (clock skew between machines). */
export const SAVED_EARLIEST = Date.UTC(2000, 0, 1);
export const SAVED_AHEAD_MS = 2 * 24 * 3600 * 1000;

const KINDS: ReadonlySet<string> = new Set(CLUTTER_KINDS);

export function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isCount(value: unknown): value is number {
  return typeof value === 'number' && Number.isFinite(value) && value >= 0 && value <= 1e9;
}

/** Whether a save time (ms since the epoch) is in the range Naqi believes. */
export function isSaneSaveTime(value: unknown, now = Date.now()): value is number {
  return typeof value === 'number' && Number.isFinite(value) && value >= SAVED_EARLIEST && value <= now + SAVED_AHEAD_MS;
}

const tooLong = (value: string, max: number): boolean => value.length > max;

/** What is wrong with an Article-shaped value, as the end of "article N …", or null when nothing is. */
export function articleProblem(a: unknown, now = Date.now()): string | null {
  if (!isObject(a)) return 'has no article';
  for (const key of ['url', 'title', 'lang', 'contentHtml', 'textContent'] as const) {
    if (typeof a[key] !== 'string') return `has no article ${key}`;
  }
  for (const key of ['byline', 'siteName', 'publishedTime', 'excerpt'] as const) {
    if (a[key] !== undefined && typeof a[key] !== 'string') return `has an invalid article ${key}`;
  }
  for (const key of ['url', 'title', 'lang', 'byline', 'siteName', 'excerpt', 'publishedTime'] as const) {
    const value = a[key];
    if (typeof value === 'string' && tooLong(value, FIELD_LIMITS[key]))
      return `has an article ${key} longer than ${FIELD_LIMITS[key].toLocaleString('en')} characters`;
  }
  if (tooLong(a.contentHtml as string, RECORD_LIMITS.contentHtml) || tooLong(a.textContent as string, RECORD_LIMITS.textContent))
    return 'has an article body too large to keep';
  const published = a.publishedTime;
  // A date the view cannot read is simply not shown; one it can read must be believable.
  if (typeof published === 'string' && Number.isFinite(Date.parse(published)) && !isSanePublishedTime(published, now))
    return 'has a publication date out of range';
  if (a.dir !== 'rtl' && a.dir !== 'ltr') return 'has an invalid text direction';
  if (!isCount(a.wordCount) || !isCount(a.readingMinutes)) return 'has an invalid word count';
  const lead = a.leadImage;
  if (lead !== undefined) {
    if (!isObject(lead) || typeof lead.src !== 'string' || tooLong(lead.src, FIELD_LIMITS.imageSrc)) return 'has an invalid lead image';
    if (
      (lead.alt !== undefined && (typeof lead.alt !== 'string' || tooLong(lead.alt, FIELD_LIMITS.imageAlt))) ||
      (lead.caption !== undefined && (typeof lead.caption !== 'string' || tooLong(lead.caption, FIELD_LIMITS.caption)))
    ) {
      return 'has an invalid lead image';
    }
  }
  if (!Array.isArray(a.removed)) return 'has no list of removed clutter';
  if (a.removed.length > RECORD_LIMITS.removed) return 'has too many removed-clutter entries';
  for (const r of a.removed as unknown[]) {
    if (
      !isObject(r) ||
      typeof r.kind !== 'string' ||
      !KINDS.has(r.kind) ||
      typeof r.text !== 'string' ||
      tooLong(r.text, RECORD_LIMITS.removedText)
    )
      return 'has an invalid removed-clutter entry';
    for (const key of ['rule', 'reason'] as const) {
      if (r[key] !== undefined && (typeof r[key] !== 'string' || tooLong(r[key] as string, RECORD_LIMITS.removedRule)))
        return 'has an invalid removed-clutter entry';
    }
  }
  return null;
}

/** What is wrong with the images of a record (type and bytes by src), or null. */
export function imagesProblem(images: Record<string, { type: string; bytes: Uint8Array }>): string | null {
  const entries = Object.entries(images);
  if (entries.length > RECORD_LIMITS.images) return `has more than ${RECORD_LIMITS.images} images`;
  let total = 0;
  for (const [src, image] of entries) {
    if (tooLong(src, FIELD_LIMITS.imageSrc) || !/^image\/[a-z0-9.+-]{1,60}$/i.test(image.type)) return 'has an invalid image';
    if (image.bytes.byteLength > RECORD_LIMITS.imageBytes) return 'has an image larger than 8 MB';
    total += image.bytes.byteLength;
  }
  return total > RECORD_LIMITS.imagesBytes ? 'has more than 200 MB of images' : null;
}
