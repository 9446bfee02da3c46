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
import { FIELD_LIMITS } from '../article/bounds.ts';
import type { Article } from '../article/types.ts';
import { base64ToBytes, bytesToBase64 } from './base64.ts';
import { articleProblem, BACKUP_MAX_BYTES, imagesProblem, isObject, isSaneSaveTime } from './validate.ts';
import { LibraryError } from './errors.ts';
import type { Library, MergeResult } from './store.ts';
import type { LibraryRecord, StoredImage } from './schema.ts';

export const BACKUP_FORMAT = 'naqi-library';
export const BACKUP_VERSION = 1;

export interface BackupImage {
  type: string;
  /** base64 of the bytes */
  data: string;
}

/** A library record as a backup holds it: images as base64, no change stamp (import stamps it). */
export type BackupRecord = Omit<LibraryRecord, 'images' | 'hlc'> & { images: Record<string, BackupImage> };

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

/** A record as JSON: images as base64, keys in a fixed order. Sync writes the same shape. */
export function toBackupRecord(record: LibraryRecord): BackupRecord {
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
 * file ('foreign'), comes from a newer Naqi ('version'), holds a record out of bounds
 * ('invalid': too large, dates out of range; see validate.ts), or when the write fails.
 */
export async function importLibrary(lib: Library, text: string): Promise<MergeResult> {
  const records = parseBackup(text);
  // A backup never silently replaces a copy saved after it: the newer one stays (issue 12).
  return lib.merge(records);
}

/** Validates a whole backup and returns its records ready to store; writes nothing. */
export function parseBackup(text: string, now = Date.now()): LibraryRecord[] {
  if (text.length > BACKUP_MAX_BYTES) {
    throw new LibraryError(
      'invalid',
      `This backup is too large to import (over ${BACKUP_MAX_BYTES / 1024 / 1024} MB). Nothing was imported.`,
    );
  }
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
    throw new LibraryError(
      'version',
      `This backup was made by a newer version of Naqi (backup format ${version}). Update Naqi to import it. Nothing was imported.`,
    );
  }
  if (!Array.isArray(data.records)) {
    throw new LibraryError('corrupt', 'This backup is damaged: it has no list of articles. Nothing was imported.');
  }
  const seen = new Set<string>();
  return data.records.map((raw: unknown, i: number) => {
    const problem = (what: string): LibraryError =>
      new LibraryError('corrupt', `This backup is damaged: article ${i + 1} ${what}. Nothing was imported.`);
    const record = recordFromJson(raw, now);
    if (typeof record === 'string') throw problem(record);
    if (seen.has(record.id)) throw problem(`repeats the id ${record.id}`);
    seen.add(record.id);
    return record;
  });
}

/** A record read from JSON (a backup's, a sync file's), checked like a save; or what is wrong with it. */
export function recordFromJson(raw: unknown, now = Date.now()): LibraryRecord | string {
  if (!isObject(raw)) return 'is not an object';
  const { id, url, savedAt, firstSavedAt, article, images } = raw;
  if (typeof id !== 'string' || id === '') return 'has no id';
  if (id.length > FIELD_LIMITS.url) return 'has an id that is too long';
  if (typeof url !== 'string') return 'has no URL';
  if (url.length > FIELD_LIMITS.url) return 'has a URL that is too long';
  if (!isSaneSaveTime(savedAt, now) || !isSaneSaveTime(firstSavedAt, now))
    return 'has a save date out of range (before 2000 or in the future)';
  const wrong = articleProblem(article, now);
  if (wrong) return wrong;
  if (!isObject(images)) return 'has no image list';
  const stored: Record<string, StoredImage> = {};
  for (const [src, image] of Object.entries(images)) {
    if (!isObject(image) || typeof image.type !== 'string' || typeof image.data !== 'string') return 'has an invalid image';
    const bytes = base64ToBytes(image.data);
    if (!bytes) return 'has an image that is not valid base64';
    stored[src] = { type: image.type, bytes };
  }
  const badImages = imagesProblem(stored);
  if (badImages) return badImages;
  return { id, url, article: article as Article, savedAt, firstSavedAt, images: stored };
}
