/**
 * The saved-articles library: one IndexedDB database, one record per article.
 *
 * No browser.* call and no global: the caller passes the `IDBFactory` (the extension passes
 * `indexedDB`, tests pass fake-indexeddb's). Every write is one transaction, so a failed or
 * interrupted write leaves no partial record.
 */
import { wrap, type DBSchema, type IDBPDatabase, type IDBPObjectStore, type IDBPTransaction } from 'idb';
import { normalizeText } from '../article/text.ts';
import type { Article } from '../article/types.ts';

export const DEFAULT_LIBRARY_NAME = 'naqi-library';
/** The schema version this code writes. Raise it together with a new entry in MIGRATIONS. */
export const SCHEMA_VERSION = 1;

/** An image kept with an article, keyed by its original src. Plain bytes clone everywhere. */
export interface StoredImage {
  type: string;
  bytes: Uint8Array;
}

export interface LibraryRecord {
  /** Canonical URL: no #hash, no utm_* / click-id parameters. */
  id: string;
  url: string;
  article: Article;
  /** Last save, ms since the epoch (indexed: the list is newest first). */
  savedAt: number;
  /** First save of this URL; kept when the article is saved again. */
  firstSavedAt: number;
  /** normalizeText(title + ' ' + textContent), for Arabic-aware search. */
  searchText: string;
  images: Record<string, StoredImage>;
}

export type LibraryErrorCode = 'quota' | 'corrupt' | 'foreign' | 'version' | 'write';

/** Every failure the library reports; `code` says which, `message` says it to a person. */
export class LibraryError extends Error {
  override readonly name = 'LibraryError';
  constructor(
    readonly code: LibraryErrorCode,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

export interface LibrarySchema extends DBSchema {
  articles: {
    key: string;
    value: LibraryRecord;
    indexes: { savedAt: number };
  };
}

type UpgradeTx = IDBPTransaction<LibrarySchema, 'articles'[], 'versionchange'>;
export type Migration = (db: IDBPDatabase<LibrarySchema>, tx: UpgradeTx) => void;

/**
 * One step per schema version: MIGRATIONS[n] takes a database at version n-1 to version n.
 * Steps run in order inside the upgrade transaction, so a new install runs them all and an
 * old one runs only what it lacks. To add v2: write MIGRATIONS[2] (use `tx` to reach stores
 * and records made by v1) and raise SCHEMA_VERSION.
 */
export const MIGRATIONS: Readonly<Record<number, Migration>> = {
  1: (db) => {
    const store = db.createObjectStore('articles', { keyPath: 'id' });
    store.createIndex('savedAt', 'savedAt');
  },
};

export interface OpenOptions {
  /** For tests of future migrations; the extension uses the defaults. */
  version?: number;
  migrations?: Readonly<Record<number, Migration>>;
}

export interface SaveOptions {
  savedAt?: number;
  /** Images by original src. Omitted: a re-save keeps the images saved before. */
  images?: Record<string, Blob | StoredImage>;
}

export interface ListOptions {
  limit?: number;
  /** Only records saved strictly before this time (ms), for paging. */
  before?: number;
}

export interface Library {
  readonly db: IDBPDatabase<LibrarySchema>;
  save(article: Article, options?: SaveOptions): Promise<LibraryRecord>;
  get(id: string): Promise<LibraryRecord | undefined>;
  /** Newest first. */
  list(options?: ListOptions): Promise<LibraryRecord[]>;
  /** Every record, in id order. */
  all(): Promise<LibraryRecord[]>;
  /** Removes a record and returns it (keep it to undo with restore). */
  delete(id: string): Promise<LibraryRecord | undefined>;
  restore(record: LibraryRecord): Promise<void>;
  /** Writes (upserts) all records in one transaction: all are written, or none. searchText is recomputed. */
  putAll(records: readonly LibraryRecord[]): Promise<{ added: number; updated: number }>;
  count(): Promise<number>;
  clear(): Promise<void>;
  close(): void;
}

const TRACKING_PARAM = /^(?:utm_.*|fbclid|gclid|dclid|msclkid|mc_eid|yclid|igshid)$/i;

/** The record id of a URL: no fragment, no utm_* or click-id parameters. */
export function canonicalId(url: string): string {
  let parsed: URL;
  try {
    parsed = new URL(url.trim());
  } catch {
    return url.trim();
  }
  parsed.hash = '';
  for (const key of [...parsed.searchParams.keys()]) if (TRACKING_PARAM.test(key)) parsed.searchParams.delete(key);
  if (parsed.searchParams.size === 0) parsed.search = '';
  return parsed.href;
}

export function searchTextOf(article: Pick<Article, 'title' | 'textContent'>): string {
  return normalizeText(`${article.title} ${article.textContent}`);
}

/** Maps an IndexedDB failure to a LibraryError with a message for people. */
export function toLibraryError(error: unknown, action: string): LibraryError {
  if (error instanceof LibraryError) return error;
  const name = error instanceof Error || isDomException(error) ? (error as { name: string }).name : '';
  if (name === 'QuotaExceededError') {
    return new LibraryError('quota', `Could not ${action}: the browser's storage for Naqi is full. Delete some saved articles and try again. Nothing was changed.`, { cause: error });
  }
  if (name === 'VersionError') {
    return new LibraryError('version', `Could not ${action}: the library was written by a newer version of Naqi. Update Naqi to open it.`, { cause: error });
  }
  const detail = error instanceof Error ? error.message : String(error);
  return new LibraryError('write', `Could not ${action}: ${detail}. Nothing was changed.`, { cause: error });
}

function isDomException(value: unknown): boolean {
  return typeof value === 'object' && value !== null && 'name' in value && typeof (value as { name: unknown }).name === 'string';
}

type Store = IDBPObjectStore<LibrarySchema, ['articles'], 'articles', 'readwrite'>;

/**
 * Runs `work` in one readwrite transaction. If anything fails (a request, a synchronous
 * throw such as DataCloneError, or the commit itself) the transaction is aborted, so nothing
 * it did is kept, and the error is reported as a LibraryError.
 */
async function writeTx<T>(db: IDBPDatabase<LibrarySchema>, action: string, work: (store: Store) => Promise<T>): Promise<T> {
  const tx = db.transaction('articles', 'readwrite');
  const done = tx.done;
  done.catch(() => undefined); // awaited below; a failure in `work` must not leave it unhandled
  let result: T;
  try {
    result = await work(tx.store);
  } catch (error) {
    try {
      tx.abort();
    } catch {
      // already finished or aborted
    }
    throw toLibraryError(tx.error ?? error, action);
  }
  try {
    await done;
  } catch (error) {
    throw toLibraryError(tx.error ?? error, action);
  }
  return result;
}

async function toStoredImages(images: Record<string, Blob | StoredImage>): Promise<Record<string, StoredImage>> {
  const out: Record<string, StoredImage> = {};
  for (const [src, image] of Object.entries(images)) {
    // A Blob also has a `bytes` member (a method), so tell them apart by arrayBuffer.
    out[src] = 'arrayBuffer' in image ? { type: image.type, bytes: new Uint8Array(await image.arrayBuffer()) } : { type: image.type, bytes: image.bytes };
  }
  return out;
}

/** Opens (creating or migrating) the library database. */
export async function openLibrary(factory: IDBFactory, name = DEFAULT_LIBRARY_NAME, options: OpenOptions = {}): Promise<Library> {
  const version = options.version ?? SCHEMA_VERSION;
  const migrations = options.migrations ?? MIGRATIONS;
  let db: IDBPDatabase<LibrarySchema>;
  try {
    const request = factory.open(name, version);
    request.onupgradeneeded = (event) => {
      const rawTx = request.transaction;
      if (!rawTx) return;
      const upDb = wrap(request.result) as unknown as IDBPDatabase<LibrarySchema>;
      const upTx = wrap(rawTx) as unknown as UpgradeTx;
      for (let v = event.oldVersion + 1; v <= (event.newVersion ?? version); v++) {
        const step = migrations[v];
        if (!step) {
          rawTx.abort();
          throw new Error(`no migration to schema version ${v}`);
        }
        step(upDb, upTx);
      }
    };
    db = (await wrap(request)) as unknown as IDBPDatabase<LibrarySchema>;
  } catch (error) {
    throw toLibraryError(error, 'open the library');
  }
  // Another tab opening a newer schema: let it upgrade rather than block it.
  db.addEventListener('versionchange', () => db.close());
  return makeLibrary(db);
}

function makeLibrary(db: IDBPDatabase<LibrarySchema>): Library {
  const putAll = (records: readonly LibraryRecord[], action: string): Promise<{ added: number; updated: number }> =>
    writeTx(db, action, async (store) => {
      const existing = new Set(await store.getAllKeys());
      let added = 0;
      let updated = 0;
      const puts: Promise<string>[] = [];
      for (const record of records) {
        if (existing.has(record.id)) updated++;
        else {
          added++;
          existing.add(record.id);
        }
        // put can throw synchronously (DataCloneError): writeTx then aborts the whole batch.
        const put = store.put({ ...record, searchText: searchTextOf(record.article) });
        put.catch(() => undefined); // rejections of earlier puts after an abort are expected
        puts.push(put);
      }
      await Promise.all(puts);
      return { added, updated };
    });

  return {
    db,
    async save(article, options = {}) {
      const savedAt = options.savedAt ?? Date.now();
      const images = options.images ? await toStoredImages(options.images) : undefined;
      const id = canonicalId(article.url);
      return writeTx(db, 'save the article', async (store) => {
        const previous = await store.get(id);
        const record: LibraryRecord = {
          id,
          url: article.url,
          article,
          savedAt,
          firstSavedAt: previous?.firstSavedAt ?? savedAt,
          searchText: searchTextOf(article),
          images: images ?? previous?.images ?? {},
        };
        await store.put(record);
        return record;
      });
    },
    get: (id) => db.get('articles', id),
    async list({ limit = Infinity, before } = {}) {
      const range = before === undefined ? null : IDBKeyRange.upperBound(before, true);
      const out: LibraryRecord[] = [];
      let cursor = await db.transaction('articles').store.index('savedAt').openCursor(range, 'prev');
      while (cursor && out.length < limit) {
        out.push(cursor.value);
        cursor = await cursor.continue();
      }
      return out;
    },
    all: () => db.getAll('articles'),
    delete: (id) =>
      writeTx(db, 'delete the article', async (store) => {
        const record = await store.get(id);
        if (record) await store.delete(id);
        return record;
      }),
    async restore(record) {
      await putAll([record], 'restore the article');
    },
    putAll: (records) => putAll(records, 'write the articles'),
    count: () => db.count('articles'),
    clear: () => writeTx(db, 'clear the library', (store) => store.clear()),
    close: () => db.close(),
  };
}
