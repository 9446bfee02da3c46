/**
 * Whole-library backup: one JSON file, and its import.
 *
 *   { "format": "naqi-library", "version": 1, "exportedAt": ISO, "records": [ … ] }
 *
 * Records are sorted by id and written with a fixed key order, images as base64, so the same
 * library always exports to the same text (apart from exportedAt). List entries are derived
 * data and are not written: import recomputes them. Import checks the whole file before it
 * writes anything, then writes every record in one transaction (by id; a record the library
 * holds a newer copy of is left as the library has it), and can be undone.
 */
import type { Article, ClutterKind } from '../article/types.ts';
import { base64ToBytes, bytesToBase64 } from './base64.ts';
import { LibraryError, type Library, type LibraryRecord, type MergeResult, type StoredImage } from './store.ts';

export const BACKUP_FORMAT = 'naqi-library';
export const BACKUP_VERSION = 1;

export interface BackupImage {
  type: string;
  /** base64 of the bytes */
  data: string;
}

export interface BackupRecord {
  id: string;
  url: string;
  savedAt: number;
  firstSavedAt: number;
  article: Article;
  images: Record<string, BackupImage>;
}

export interface BackupFile {
  format: typeof BACKUP_FORMAT;
  version: number;
  exportedAt: string;
  records: BackupRecord[];
}

export interface ExportOptions {
  /** Defaults to now. */
  exportedAt?: Date;
  /** Only these records (a backup of a selection); defaults to the whole library. */
  ids?: readonly string[];
}

export async function exportLibrary(lib: Library, options: ExportOptions = {}): Promise<string> {
  const wanted = options.ids ? new Set(options.ids) : undefined;
  const records = (await lib.all()).filter((r) => !wanted || wanted.has(r.id)).sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const file: BackupFile = {
    format: BACKUP_FORMAT,
    version: BACKUP_VERSION,
    exportedAt: (options.exportedAt ?? new Date()).toISOString(),
    records: records.map(toBackupRecord),
  };
  return JSON.stringify(file);
}

function toBackupRecord(record: LibraryRecord): BackupRecord {
  const images: Record<string, BackupImage> = {};
  for (const src of Object.keys(record.images).sort()) {
    const image = record.images[src] as StoredImage;
    images[src] = { type: image.type, data: bytesToBase64(image.bytes) };
  }
  return { id: record.id, url: record.url, savedAt: record.savedAt, firstSavedAt: record.firstSavedAt, article: record.article, images };
}

/**
 * Reads a backup and writes its records into the library. Throws LibraryError without
 * changing anything when the text is not JSON or is damaged ('corrupt'), is some other
 * file ('foreign'), or comes from a newer Naqi ('version'), or when the write fails.
 */
export async function importLibrary(lib: Library, text: string): Promise<MergeResult> {
  const records = parseBackup(text);
  // A backup never silently replaces a copy saved after it: the newer one stays (issue 12).
  return lib.merge(records);
}

/** Validates a whole backup and returns its records ready to store; writes nothing. */
export function parseBackup(text: string): LibraryRecord[] {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    throw new LibraryError('corrupt', 'This file is damaged: it is not valid JSON. Nothing was imported.');
  }
  if (!isObject(data) || data.format !== BACKUP_FORMAT) {
    throw new LibraryError('foreign', 'This is not a Naqi library backup. Nothing was imported.');
  }
  const { version } = data;
  if (typeof version !== 'number' || !Number.isInteger(version) || version < 1) {
    throw new LibraryError('corrupt', 'This backup is damaged: its version is missing or invalid. Nothing was imported.');
  }
  if (version > BACKUP_VERSION) {
    throw new LibraryError('version', `This backup was made by a newer version of Naqi (backup format ${version}). Update Naqi to import it. Nothing was imported.`);
  }
  if (!Array.isArray(data.records)) {
    throw new LibraryError('corrupt', 'This backup is damaged: it has no list of articles. Nothing was imported.');
  }
  const seen = new Set<string>();
  return data.records.map((raw: unknown, i: number) => {
    const problem = (what: string): LibraryError =>
      new LibraryError('corrupt', `This backup is damaged: article ${i + 1} ${what}. Nothing was imported.`);
    if (!isObject(raw)) throw problem('is not an object');
    const { id, url, savedAt, firstSavedAt, article, images } = raw;
    if (typeof id !== 'string' || id === '') throw problem('has no id');
    if (seen.has(id)) throw problem(`repeats the id ${id}`);
    seen.add(id);
    if (typeof url !== 'string') throw problem('has no URL');
    if (!isTime(savedAt) || !isTime(firstSavedAt)) throw problem('has an invalid save date');
    const articleProblem = checkArticle(article);
    if (articleProblem) throw problem(articleProblem);
    if (!isObject(images)) throw problem('has no image list');
    const stored: Record<string, StoredImage> = {};
    for (const [src, image] of Object.entries(images)) {
      if (!isObject(image) || typeof image.type !== 'string' || typeof image.data !== 'string') throw problem('has an invalid image');
      const bytes = base64ToBytes(image.data);
      if (!bytes) throw problem('has an image that is not valid base64');
      stored[src] = { type: image.type, bytes };
    }
    return { id, url, article: article as Article, savedAt, firstSavedAt, images: stored };
  });
}

const KINDS: ReadonlySet<string> = new Set<ClutterKind>([
  'donation', 'related', 'newsletter', 'share', 'comments', 'cookie', 'overlay', 'font-switcher', 'icon-label', 'ad', 'boilerplate', 'navigation',
]);

/** What is wrong with an Article-shaped value, or null when nothing is. */
function checkArticle(a: unknown): string | null {
  if (!isObject(a)) return 'has no article';
  for (const key of ['url', 'title', 'lang', 'contentHtml', 'textContent'] as const) {
    if (typeof a[key] !== 'string') return `has no article ${key}`;
  }
  for (const key of ['byline', 'siteName', 'publishedTime', 'excerpt'] as const) {
    if (a[key] !== undefined && typeof a[key] !== 'string') return `has an invalid article ${key}`;
  }
  if (a.dir !== 'rtl' && a.dir !== 'ltr') return 'has an invalid text direction';
  if (!isCount(a.wordCount) || !isCount(a.readingMinutes)) return 'has an invalid word count';
  const lead = a.leadImage;
  if (lead !== undefined) {
    if (!isObject(lead) || typeof lead.src !== 'string') return 'has an invalid lead image';
    if ((lead.alt !== undefined && typeof lead.alt !== 'string') || (lead.caption !== undefined && typeof lead.caption !== 'string')) return 'has an invalid lead image';
  }
  if (!Array.isArray(a.removed)) return 'has no list of removed clutter';
  for (const r of a.removed as unknown[]) {
    if (!isObject(r) || typeof r.kind !== 'string' || !KINDS.has(r.kind) || typeof r.text !== 'string') return 'has an invalid removed-clutter entry';
    if ((r.rule !== undefined && typeof r.rule !== 'string') || (r.reason !== undefined && typeof r.reason !== 'string')) return 'has an invalid removed-clutter entry';
  }
  return null;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isTime(value: unknown): value is number {
  return typeof value === 'number' && Number.isFinite(value);
}

function isCount(value: unknown): value is number {
  return typeof value === 'number' && Number.isFinite(value) && value >= 0;
}
