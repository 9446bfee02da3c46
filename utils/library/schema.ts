/**
 * The library's records and its IndexedDB schema, with one migration step per version.
 */
import type { DBSchema } from 'idb';
import type { Article } from '../article/types.ts';
import { entryOf, searchEntryOf } from './derived.ts';
import { isHlc, legacyHlc } from './hlc.ts';

export const DEFAULT_LIBRARY_NAME = 'naqi-library';
/** The schema version this code writes. Raise it together with a new entry in MIGRATIONS. */
export const SCHEMA_VERSION = 3;

/** An image kept with an article, keyed by its original src. Plain bytes clone everywhere. */
export interface StoredImage {
  type: string;
  bytes: Uint8Array;
}

/** One saved article, whole: read when it is opened, exported or backed up. */
export interface LibraryRecord {
  /** Canonical URL: no #hash, no utm_* / click-id parameters. */
  id: string;
  url: string;
  article: Article;
  /** Last save, ms since the epoch. */
  savedAt: number;
  /** First save of this URL; kept when the article is saved again. */
  firstSavedAt: number;
  images: Record<string, StoredImage>;
  /**
   * The hybrid-logical-clock stamp of the last change (hlc.ts): sync keeps, per article, the
   * copy with the larger stamp. The store sets it on every write; absent in records written
   * before schema v3 and in records from outside (a backup): read it with recordHlc.
   */
  hlc?: string;
}

/** What is left of a deleted article: its id and the stamp of the delete, so sync spreads it. */
export interface Tombstone {
  id: string;
  hlc: string;
}

/** The change stamp of a record or entry, also of one written before stamps existed. */
export const recordHlc = (record: { hlc?: string; savedAt: number }): string =>
  isHlc(record.hlc) ? record.hlc : legacyHlc(record.savedAt);

/** A change that came from another device through sync: a record, or a delete. */
export interface RemoteChange {
  id: string;
  hlc: string;
  record?: LibraryRecord;
}

/**
 * What the list shows of a record, kept small in its own store so that a library of 10,000
 * articles lists without reading their bodies. Derived from the record, written with it.
 */
export interface LibraryEntry {
  id: string;
  url: string;
  title: string;
  siteName?: string;
  publishedTime?: string;
  dir: Article['dir'];
  lang: string;
  readingMinutes: number;
  savedAt: number;
  /** Images of the article kept offline, and those that still load from the site. */
  imagesSaved: number;
  imagesRemote: number;
  /** Video and audio links: they play only from the site (absent in entries written before they were counted). */
  mediaLinks?: number;
  /** The record's change stamp: sync finds what changed from the entries alone. */
  hlc?: string;
}

/** What search needs of a record: loaded after the list is on screen. Derived, written with it. */
export interface SearchEntry {
  id: string;
  savedAt: number;
  /** normalizeText(title). */
  titleText: string;
  /** The folded words of title and body, each once, space-separated with a space at both ends. */
  terms: string;
}

export interface LibrarySchema extends DBSchema {
  articles: {
    key: string;
    value: LibraryRecord;
    indexes: { savedAt: number };
  };
  entries: {
    key: string;
    value: LibraryEntry;
    indexes: { savedAt: number };
  };
  search: {
    key: string;
    value: SearchEntry;
  };
  tombstones: {
    key: string;
    value: Tombstone;
  };
  /** Small values by name: this device's clock and node id, sync state. */
  meta: {
    key: string;
    value: unknown;
  };
}

/** A schema step works on the raw upgrade transaction: it may create stores and rewrite records. */
export type Migration = (db: IDBDatabase, tx: IDBTransaction) => void;

/**
 * One step per schema version: MIGRATIONS[n] takes a database at version n-1 to version n.
 * Steps run in order inside the upgrade transaction, so a new install runs them all and an
 * old one runs only what it lacks. To add v3: write MIGRATIONS[3] and raise SCHEMA_VERSION;
 * add a database written by v2 to the migration tests.
 */
export const MIGRATIONS: Readonly<Record<number, Migration>> = {
  1: (db) => {
    const store = db.createObjectStore('articles', { keyPath: 'id' });
    store.createIndex('savedAt', 'savedAt');
  },
  // v2: the list and the search read small entries instead of whole articles; records lose
  // the searchText that v1 kept inside them.
  2: (db, tx) => {
    const entries = db.createObjectStore('entries', { keyPath: 'id' });
    entries.createIndex('savedAt', 'savedAt');
    const search = db.createObjectStore('search', { keyPath: 'id' });
    const articles = tx.objectStore('articles');
    articles.openCursor().onsuccess = (event) => {
      const cursor = (event.target as IDBRequest<IDBCursorWithValue | null>).result;
      if (!cursor) return;
      const record = cursor.value as LibraryRecord & { searchText?: string };
      delete record.searchText;
      cursor.update(record);
      entries.put(entryOf(record));
      search.put(searchEntryOf(record));
      cursor.continue();
    };
  },
  // v3: sync. Records and entries written from now on carry a change stamp (those written
  // before stand for legacyHlc(savedAt): recordHlc); deletes leave tombstones; the meta store
  // holds the clock. Nothing to rewrite, so a library of any size upgrades at once.
  3: (db) => {
    db.createObjectStore('tombstones', { keyPath: 'id' });
    db.createObjectStore('meta');
  },
};
