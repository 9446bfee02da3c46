/**
 * The saved-articles library: one IndexedDB database, one record per article.
 *
 * No browser.* call and no global: the caller passes the `IDBFactory` (the extension passes
 * `indexedDB`, tests pass fake-indexeddb's). Every write is one transaction, so a failed or
 * interrupted write leaves no partial record. The schema and its migrations are in
 * schema.ts, what is derived from a record in derived.ts, the errors in errors.ts.
 */
import { wrap, type IDBPDatabase, type IDBPTransaction } from 'idb';
import type { Article } from '../article/types.ts';
import { articleProblem, imagesProblem, isSaneSaveTime } from './validate.ts';
import { compareHlc, isHlc, isNodeId, newNodeId, receive, tick } from './hlc.ts';
import { canonicalId, entryOf, imageSources, searchEntryOf } from './derived.ts';
import { LibraryError, toLibraryError } from './errors.ts';
import {
  DEFAULT_LIBRARY_NAME,
  MIGRATIONS,
  recordHlc,
  SCHEMA_VERSION,
  type LibraryEntry,
  type LibraryRecord,
  type LibrarySchema,
  type Migration,
  type RemoteChange,
  type SearchEntry,
  type StoredImage,
  type Tombstone,
} from './schema.ts';

export interface OpenOptions {
  /** For tests of future migrations; the extension uses the defaults. */
  version?: number;
  migrations?: Readonly<Record<number, Migration>>;
  /** The wall clock of change stamps (ms); defaults to Date.now. Tests pass their own. */
  clock?: () => number;
}

export interface SaveOptions {
  savedAt?: number;
  /** Images by original src, added to those saved before (only images the article shows are kept). */
  images?: Record<string, Blob | StoredImage>;
}

export interface Library {
  readonly db: IDBPDatabase<LibrarySchema>;
  save(article: Article, options?: SaveOptions): Promise<LibraryRecord>;
  get(id: string): Promise<LibraryRecord | undefined>;
  /** The list entries of every record, newest first: what the library page shows and searches. */
  entries(options?: { limit?: number }): Promise<LibraryEntry[]>;
  /** The search entries of every record (any order). */
  searchEntries(): Promise<SearchEntry[]>;
  /** Every record, in id order. */
  all(): Promise<LibraryRecord[]>;
  /** Removes records (one transaction) and returns those that existed, to undo with restore. */
  delete(ids: string | readonly string[]): Promise<LibraryRecord[]>;
  restore(records: readonly LibraryRecord[]): Promise<void>;
  /** Writes (upserts) all records in one transaction: all are written, or none. */
  putAll(records: readonly LibraryRecord[]): Promise<{ added: number; updated: number }>;
  /**
   * A restore: writes each record unless the library holds a newer copy of it (a later
   * savedAt), which is kept. One transaction. The result says what happened and holds what
   * `unmerge` needs to put the library back as it was.
   */
  merge(records: readonly LibraryRecord[]): Promise<MergeResult>;
  /** Undoes a merge: removes what it added and puts back what it replaced (one transaction). */
  unmerge(undo: MergeUndo): Promise<void>;
  count(): Promise<number>;
  clear(): Promise<void>;
  close(): void;
  /** The change stamp of every article and every tombstone, read from the small stores only. */
  versions(): Promise<Map<string, { hlc: string; deleted: boolean }>>;
  /**
   * Applies changes from another device in one transaction: each one replaces the local copy
   * (record or tombstone) only when its stamp is larger; the clock moves past every stamp seen.
   * Returns the ids it changed.
   */
  applyRemote(changes: readonly RemoteChange[]): Promise<string[]>;
  /**
   * Forgets tombstones that sync no longer needs (pushed, and old): each only if it still has
   * the given stamp (not deleted again, not saved again since). Returns how many went.
   */
  dropTombstones(tombstones: readonly Tombstone[]): Promise<number>;
  getMeta<T>(key: string): Promise<T | undefined>;
  setMeta(key: string, value: unknown): Promise<void>;
}

/** What a merge did: counts for the reader, and what undoing it takes. */
export interface MergeResult {
  added: number;
  updated: number;
  /** Records left as they were: the library's copy was saved later than the backup's. */
  kept: number;
  undo: MergeUndo;
}

export interface MergeUndo {
  addedIds: string[];
  replaced: LibraryRecord[];
}

const STORES = ['articles', 'entries', 'search'] as const;
const TX_STORES = ['articles', 'entries', 'search', 'tombstones', 'meta'] as const;
type WriteTx = IDBPTransaction<LibrarySchema, ['articles', 'entries', 'search', 'tombstones', 'meta'], 'readwrite'>;

/**
 * Runs `work` in one readwrite transaction over both stores. If anything fails (a request, a
 * synchronous throw such as DataCloneError, or the commit itself) the transaction is aborted,
 * so nothing it did is kept, and the error is reported as a LibraryError.
 */
async function writeTx<T>(db: IDBPDatabase<LibrarySchema>, action: string, work: (tx: WriteTx) => Promise<T>): Promise<T> {
  const tx = db.transaction([...TX_STORES], 'readwrite');
  const done = tx.done;
  done.catch(() => undefined); // awaited below; a failure in `work` must not leave it unhandled
  let result: T;
  try {
    result = await work(tx);
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

/** Rejections after an abort are expected; whoever awaits the result still sees them. */
const quiet = <T>(promise: Promise<T>): Promise<T> => (promise.catch(() => undefined), promise);

/** Writes a record and its entry; both requests belong to `tx`. */
function putRecord(tx: WriteTx, record: LibraryRecord): Promise<unknown> {
  // put can throw synchronously (DataCloneError): writeTx then aborts the whole transaction.
  const article = quiet(tx.objectStore('articles').put(record));
  const entry = quiet(tx.objectStore('entries').put(entryOf(record)));
  const search = quiet(tx.objectStore('search').put(searchEntryOf(record)));
  return quiet(Promise.all([article, entry, search]));
}

async function toStoredImages(images: Record<string, Blob | StoredImage>): Promise<Record<string, StoredImage>> {
  const out: Record<string, StoredImage> = {};
  for (const [src, image] of Object.entries(images)) {
    // A Blob also has a `bytes` member (a method), so tell them apart by arrayBuffer.
    out[src] =
      'arrayBuffer' in image
        ? { type: image.type, bytes: new Uint8Array(await image.arrayBuffer()) }
        : { type: image.type, bytes: image.bytes };
  }
  return out;
}

/** The images of `all` that the article still shows: a re-save keeps what was fetched before. */
function keptImages(article: Article, all: Record<string, StoredImage>): Record<string, StoredImage> {
  const shown = new Set(imageSources(article));
  return Object.fromEntries(Object.entries(all).filter(([src]) => shown.has(src)));
}

interface TxClock {
  /** The stamp of a local change now. */
  next(): string;
  /** Moves the clock past a stamp from another device. */
  see(hlc: string): void;
  /** Writes the clock back (in the same transaction). */
  save(): Promise<unknown>;
}

/** This device's clock, read once per transaction and written back with it. */
async function txClock(tx: WriteTx, now: () => number): Promise<TxClock> {
  const meta = tx.objectStore('meta');
  const stored = await meta.get('node');
  const node = isNodeId(stored) ? stored : newNodeId();
  const clock = await meta.get('clock');
  let last = isHlc(clock) ? clock : undefined;
  let changed = !isNodeId(stored);
  return {
    next() {
      changed = true;
      last = tick(last, now(), node);
      return last;
    },
    see(hlc) {
      changed = true;
      last = receive(last, hlc, now(), node);
    },
    save: () => (changed ? Promise.all([meta.put(node, 'node'), meta.put(last, 'clock')]) : Promise.resolve()),
  };
}

/** Removes a record and its derived entries (all three requests belong to `tx`). */
function dropRecord(tx: WriteTx, id: string): Promise<unknown> {
  return Promise.all(STORES.map((store) => tx.objectStore(store).delete(id)));
}

/** Opens (creating or migrating) the library database. */
export async function openLibrary(factory: IDBFactory, name = DEFAULT_LIBRARY_NAME, options: OpenOptions = {}): Promise<Library> {
  const version = options.version ?? SCHEMA_VERSION;
  const migrations = options.migrations ?? MIGRATIONS;
  let db: IDBPDatabase<LibrarySchema>;
  try {
    const request = factory.open(name, version);
    request.onupgradeneeded = (event) => {
      const tx = request.transaction;
      if (!tx) return;
      for (let v = event.oldVersion + 1; v <= (event.newVersion ?? version); v++) {
        const step = migrations[v];
        if (!step) {
          tx.abort();
          throw new Error(`no migration to schema version ${v}`);
        }
        step(request.result, tx);
      }
    };
    db = (await wrap(request)) as unknown as IDBPDatabase<LibrarySchema>;
  } catch (error) {
    throw toLibraryError(error, 'open the library');
  }
  // Another tab opening a newer schema: let it upgrade rather than block it.
  db.addEventListener('versionchange', () => db.close());
  return makeLibrary(db, options.clock ?? Date.now);
}

function makeLibrary(db: IDBPDatabase<LibrarySchema>, now: () => number): Library {
  const putAll = (records: readonly LibraryRecord[], action: string): Promise<{ added: number; updated: number }> =>
    writeTx(db, action, async (tx) => {
      const existing = new Set(await tx.objectStore('articles').getAllKeys());
      const clock = await txClock(tx, now);
      let added = 0;
      let updated = 0;
      const puts: Promise<unknown>[] = [];
      for (const record of records) {
        if (existing.has(record.id)) updated++;
        else {
          added++;
          existing.add(record.id);
        }
        // A write here is a change on this device now (an undone delete, a restore).
        puts.push(putRecord(tx, { ...record, hlc: clock.next() }), quiet(tx.objectStore('tombstones').delete(record.id)));
      }
      puts.push(clock.save());
      await Promise.all(puts);
      return { added, updated };
    });

  return {
    db,
    async save(article, options = {}) {
      const savedAt = options.savedAt ?? Date.now();
      // Whatever the page handed over, the library keeps only what it can list, open and delete.
      const wrong = !isSaneSaveTime(savedAt) ? 'has a save date out of range' : articleProblem(article);
      if (wrong) throw new LibraryError('invalid', `Could not save the article: it ${wrong}. Nothing was changed.`);
      const images = options.images ? await toStoredImages(options.images) : undefined;
      const badImages = images ? imagesProblem(images) : null;
      if (badImages) throw new LibraryError('invalid', `Could not save the article: it ${badImages}. Nothing was changed.`);
      const id = canonicalId(article.url);
      return writeTx(db, 'save the article', async (tx) => {
        const previous = await tx.objectStore('articles').get(id);
        const clock = await txClock(tx, now);
        const record: LibraryRecord = {
          id,
          url: article.url,
          article,
          savedAt,
          firstSavedAt: previous?.firstSavedAt ?? savedAt,
          images: keptImages(article, { ...previous?.images, ...images }),
          hlc: clock.next(),
        };
        await Promise.all([putRecord(tx, record), tx.objectStore('tombstones').delete(id), clock.save()]);
        return record;
      });
    },
    get: (id) => db.get('articles', id),
    async entries({ limit } = {}) {
      if (limit !== undefined) {
        // The first screen: a cursor from the newest, stopped after `limit`.
        const out: LibraryEntry[] = [];
        let cursor = await db.transaction('entries').store.index('savedAt').openCursor(null, 'prev');
        while (cursor && out.length < limit) {
          out.push(cursor.value);
          cursor = await cursor.continue();
        }
        return out;
      }
      // All of them: one getAll request (a cursor would be 10,000 round trips), then newest first.
      const all = await db.getAllFromIndex('entries', 'savedAt');
      return all.reverse();
    },
    searchEntries: () => db.getAll('search'),
    all: () => db.getAll('articles'),
    delete: (ids) =>
      writeTx(db, 'delete the articles', async (tx) => {
        const removed: LibraryRecord[] = [];
        const clock = await txClock(tx, now);
        for (const id of typeof ids === 'string' ? [ids] : ids) {
          const record = await tx.objectStore('articles').get(id);
          if (!record) continue;
          removed.push(record);
          await Promise.all([dropRecord(tx, id), tx.objectStore('tombstones').put({ id, hlc: clock.next() })]);
        }
        await clock.save();
        return removed;
      }),
    merge: (records) =>
      writeTx(db, 'restore the backup', async (tx) => {
        const store = tx.objectStore('articles');
        const clock = await txClock(tx, now);
        const result: MergeResult = { added: 0, updated: 0, kept: 0, undo: { addedIds: [], replaced: [] } };
        const puts: Promise<unknown>[] = [];
        for (const record of records) {
          const existing = await store.get(record.id);
          if (existing && existing.savedAt > record.savedAt) {
            result.kept++;
            continue;
          }
          if (existing) {
            result.updated++;
            result.undo.replaced.push(existing);
          } else {
            result.added++;
            result.undo.addedIds.push(record.id);
          }
          // An import is a change now, except a copy of the same save: restoring the same
          // backup twice must not make sync upload the whole library again.
          const same = existing && existing.savedAt === record.savedAt && existing.hlc;
          puts.push(putRecord(tx, { ...record, hlc: same || clock.next() }), quiet(tx.objectStore('tombstones').delete(record.id)));
        }
        puts.push(clock.save());
        await Promise.all(puts);
        return result;
      }),
    unmerge: ({ addedIds, replaced }) =>
      writeTx(db, 'undo the restore', async (tx) => {
        const clock = await txClock(tx, now);
        const work: Promise<unknown>[] = [];
        for (const id of addedIds) work.push(quiet(dropRecord(tx, id)), quiet(tx.objectStore('tombstones').put({ id, hlc: clock.next() })));
        for (const record of replaced) work.push(putRecord(tx, { ...record, hlc: clock.next() }));
        work.push(clock.save());
        await Promise.all(work);
      }),
    async restore(records) {
      await putAll(records, 'restore the articles');
    },
    putAll: (records) => putAll(records, 'write the articles'),
    count: () => db.count('articles'),
    // Everything this device holds, sync state included: a later sync brings the library back.
    clear: () =>
      writeTx(db, 'clear the library', async (tx) => {
        await Promise.all(TX_STORES.map((store) => tx.objectStore(store).clear()));
      }),
    close: () => db.close(),
    async versions() {
      const tx = db.transaction(['entries', 'tombstones']);
      const [entries, tombstones] = await Promise.all([tx.objectStore('entries').getAll(), tx.objectStore('tombstones').getAll()]);
      const out = new Map<string, { hlc: string; deleted: boolean }>();
      for (const t of tombstones) out.set(t.id, { hlc: t.hlc, deleted: true });
      for (const e of entries) out.set(e.id, { hlc: recordHlc(e), deleted: false });
      return out;
    },
    applyRemote: (changes) =>
      writeTx(db, 'apply the changes from sync', async (tx) => {
        const clock = await txClock(tx, now);
        const changed: string[] = [];
        for (const change of changes) {
          clock.see(change.hlc);
          const [record, tomb] = await Promise.all([
            tx.objectStore('articles').get(change.id),
            tx.objectStore('tombstones').get(change.id),
          ]);
          const local = record ? recordHlc(record) : tomb?.hlc;
          if (local && compareHlc(local, change.hlc) >= 0) continue;
          changed.push(change.id);
          if (change.record) {
            await Promise.all([
              putRecord(tx, { ...change.record, id: change.id, hlc: change.hlc }),
              tx.objectStore('tombstones').delete(change.id),
            ]);
          } else {
            await Promise.all([dropRecord(tx, change.id), tx.objectStore('tombstones').put({ id: change.id, hlc: change.hlc })]);
          }
        }
        await clock.save();
        return changed;
      }),
    dropTombstones: (tombstones) =>
      writeTx(db, 'forget old deletions', async (tx) => {
        const store = tx.objectStore('tombstones');
        let dropped = 0;
        for (const t of tombstones) {
          if ((await store.get(t.id))?.hlc !== t.hlc) continue;
          await store.delete(t.id);
          dropped++;
        }
        return dropped;
      }),
    getMeta: async <T>(key: string) => (await db.get('meta', key)) as T | undefined,
    async setMeta(key, value) {
      await db.put('meta', value, key);
    },
  };
}
