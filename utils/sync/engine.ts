/**
 * Sync of the library through a WebDAV folder the reader owns. Pure: the library, `fetch` and
 * the clock are passed in; no browser.* call.
 *
 * On the server, under the folder URL:
 *   Naqi/naqi-sync.json        the manifest: format, and the encryption's salt and check value
 *   Naqi/records/<32 hex>      one file per article (its images inside) or per deleted article
 *
 * One sync: read the manifest (create it if absent, If-None-Match: *); list the records folder
 * (PROPFIND Depth 1) and download each file whose ETag changed since the last sync; apply them
 * to the library by change stamp (hybrid logical clock, per article: the larger stamp wins, the
 * same way on every device); then upload each local change with If-Match (the ETag last seen) or
 * If-None-Match: * (a new file). A 412 means another device wrote first: its copy is read and
 * merged, and ours is written over it only if ours is newer. So no write is blind and no lock
 * is needed. The state (file → ETag, stamp) is saved after every batch, so an interrupted sync
 * resumes where it stopped; the library only changes through its own transactions, and a
 * missing or empty server never deletes anything here: only a tombstone file does.
 */
import { recordFromJson, toBackupRecord } from '../library/backup.ts';
import { base64ToBytes, bytesToBase64 } from '../library/base64.ts';
import { compareHlc, isHlc, parseHlc } from '../library/hlc.ts';
import { SAVED_AHEAD_MS } from '../library/validate.ts';
import { recordHlc, type RemoteChange } from '../library/schema.ts';
import type { Library } from '../library/store.ts';
import { decrypt, deriveKeys, encrypt, fileIdOf, PBKDF2_ITERATIONS, randomBytes, type SyncKeys } from './crypto.ts';
import { Dav, statusError, SyncError, type DavEntry } from './webdav.ts';

export { SyncError } from './webdav.ts';

export const FOLDER = 'Naqi/';
export const RECORDS = 'Naqi/records/';
export const MANIFEST = 'Naqi/naqi-sync.json';
/**
 * A few random bytes, rewritten by every device after it writes records: a device that finds
 * it unchanged (GET If-None-Match: 304) and has nothing to send skips listing the records.
 */
export const CHANGES = 'Naqi/naqi-changes';
const MANIFEST_FORMAT = 'naqi-sync';
const RECORD_FORMAT = 'naqi-sync-record';
const FORMAT_VERSION = 1;
const MAX_ITERATIONS = 10_000_000;
const FILE_NAME = /^[0-9a-f]{32}$/;
/** Files per batch: downloaded, applied in one transaction, then the state is saved. */
const BATCH = 64;
const DAY = 24 * 3600 * 1000;
/**
 * How long a deletion stays on the server as a tombstone file: counted on each device from when
 * it first saw the file there (wrote or read it), so a device that synced at any time after the
 * upload has read it before anyone may remove it. A device away longer than this reconciles
 * (see syncLibrary).
 */
export const SERVER_TOMBSTONE_DAYS = 180;
/** How long a device keeps a deletion it has seen on the server (the server keeps it longer). */
export const LOCAL_TOMBSTONE_DAYS = 30;
/** Clocks of two devices may disagree by this much. */
const CLOCK_MARGIN = SAVED_AHEAD_MS;

export interface SyncServer {
  /** The WebDAV folder, e.g. https://cloud.example/remote.php/dav/files/USER/ */
  url: string;
  user: string;
  password: string;
}

export interface SyncProgress {
  phase: 'download' | 'upload';
  done: number;
  total: number;
}

export interface SyncOptions {
  library: Library;
  fetch: typeof fetch;
  server: SyncServer;
  /** End-to-end encryption; must match how the library on the server was started. */
  passphrase?: string;
  now?: () => number;
  onProgress?: (progress: SyncProgress) => void;
  /** Requests in flight at once (default 6). */
  concurrency?: number;
  /** PBKDF2 iterations for a new encrypted library (never fewer than PBKDF2_ITERATIONS). */
  iterations?: number;
}

export interface SyncResult {
  /** Files read from the server, and the articles and deletes they changed here. */
  downloaded: number;
  applied: number;
  /** Files written to the server. */
  uploaded: number;
  /** Writes another device had come before (412), merged by change stamp. */
  conflicts: number;
  /** Files on the server that could not be read (damaged, or not Naqi's): skipped. */
  unreadable: number;
  /** Old deletions forgotten: tombstone files removed from the server, and tombstones here. */
  pruned: { server: number; local: number };
  /**
   * Articles this device removed because, while it was away longer than the server keeps
   * deletions, they were deleted elsewhere (their files are gone from the server).
   */
  reconciled: number;
  requests: number;
  bytesSent: number;
  bytesReceived: number;
  /** When this sync finished (ms). */
  at: number;
  /** Where the time went (ms): listing and manifest, downloads, finding local changes, uploads. */
  phases: { list: number; download: number; plan: number; upload: number };
}

/** What this device remembers of the server, in the library's meta store. */
interface SyncState {
  /** Which library on the server the names below belong to (its salt, or 'plain'). */
  library: string;
  files: Record<string, KnownFile>;
  lastSynced?: number;
  /** The old records folder (of a passphrase change) this device has removed. */
  cleaned?: string;
  /** The version of CHANGES under which the listing below was true, and when it was listed. */
  changes?: string;
  listedAt?: number;
  /** This device has written or removed records and not yet rewritten CHANGES to say so. */
  unannounced?: true;
}

/** A file on the server as this device last saw it. */
interface KnownFile {
  etag: string;
  id: string;
  hlc: string;
  /** A tombstone, and when this device first saw it on the server (its own clock, ms). */
  deleted?: true;
  since?: number;
}

interface Manifest {
  format: typeof MANIFEST_FORMAT;
  version: number;
  encryption?: { kdf: 'PBKDF2-SHA-256'; iterations: number; salt: string; check: string };
  /** Random, new with each library started on the server (absent in the first ones). */
  id?: string;
  /** The folder of the record files, under Naqi/ (default records/): a new one per passphrase change. */
  records?: string;
  /** The records folder before the last passphrase change: removed by the next device to see it. */
  previous?: string;
}

interface RecordFile {
  format: typeof RECORD_FORMAT;
  version: number;
  id: string;
  hlc: string;
  /** Absent for a deleted article (a tombstone). */
  record?: ReturnType<typeof toBackupRecord>;
}

/**
 * The file is the version we hold: the same strong ETag. A weak one (Apache's W/"…" for a file
 * written in the last second) names no version: two writes in one second, of the same size, get
 * the same one; so a file seen with a weak ETag is read again until the server gives a strong one.
 */
const sameEtag = (known: string, listed: string): boolean => known !== '' && !known.startsWith('W/') && known === listed;
const utf8 = (text: string): Uint8Array<ArrayBuffer> => new TextEncoder().encode(text);
const stateKey = (server: SyncServer): string => `sync:${server.url}\n${server.user}`;
const KEPT = 'Your library on this device is unchanged.';

/** When sync last finished for this server, or undefined. */
export async function lastSynced(library: Library, server: SyncServer): Promise<number | undefined> {
  return (await library.getMeta<SyncState>(stateKey(server)))?.lastSynced;
}

const keyCache = new Map<string, Promise<SyncKeys>>();
function cachedKeys(passphrase: string, salt: Uint8Array<ArrayBuffer>, iterations: number): Promise<SyncKeys> {
  const key = `${bytesToBase64(salt)}:${iterations}:${passphrase}`;
  let keys = keyCache.get(key);
  if (!keys) {
    keys = deriveKeys(passphrase, salt, iterations);
    keyCache.clear(); // one library at a time: keep no old passphrase around
    keyCache.set(key, keys);
  }
  return keys;
}

/** The library on the server as its manifest describes it, opened with the passphrase. */
interface Opened {
  keys: SyncKeys | null;
  /** Which library (its salt, or plain:<id>): the sync state belongs to one. */
  library: string;
  /** The records folder, e.g. Naqi/records/ */
  records: string;
  previous?: string;
  /** The manifest's ETag, to replace it only as read. */
  etag?: string;
}

const RECORDS_NAME = /^(records|r-[0-9a-f]{16,32})\/$/;

/** A new manifest (a new library): its keys from a fresh salt when there is a passphrase. */
async function newManifest(
  passphrase: string | undefined,
  iterations: number | undefined,
  records = 'records/',
): Promise<{ manifest: Manifest; opened: Opened }> {
  const id = bytesToBase64(randomBytes(12));
  const manifest: Manifest = { format: MANIFEST_FORMAT, version: FORMAT_VERSION, id, records };
  if (!passphrase) return { manifest, opened: { keys: null, library: `plain:${id}`, records: FOLDER + records } };
  const salt = randomBytes(16);
  const rounds = Math.max(PBKDF2_ITERATIONS, iterations ?? PBKDF2_ITERATIONS);
  const keys = await cachedKeys(passphrase, salt, rounds);
  const check = await encrypt(keys, utf8(MANIFEST_FORMAT), 'manifest');
  manifest.encryption = { kdf: 'PBKDF2-SHA-256', iterations: rounds, salt: bytesToBase64(salt), check: bytesToBase64(check) };
  return { manifest, opened: { keys, library: bytesToBase64(salt), records: FOLDER + records } };
}

/**
 * Reads the manifest, or starts the library on the server (unless `create` is false: then null
 * for none); checks the passphrase.
 */
async function openManifest(dav: Dav, options: { passphrase?: string; iterations?: number }): Promise<Opened>;
async function openManifest(dav: Dav, options: { passphrase?: string; iterations?: number }, create: false): Promise<Opened | null>;
async function openManifest(dav: Dav, options: { passphrase?: string; iterations?: number }, create = true): Promise<Opened | null> {
  const passphrase = options.passphrase || undefined;
  for (let attempt = 0; attempt < 3; attempt++) {
    const got = await dav.get(MANIFEST);
    if (got.status === 404) {
      if (!create) return null;
      await dav.mkcol(FOLDER);
      await dav.mkcol(RECORDS);
      const { manifest, opened } = await newManifest(passphrase, options.iterations);
      const put = await dav.put(MANIFEST, utf8(JSON.stringify(manifest)), { ifNoneMatch: true });
      if (put.status === 412) continue; // another device started it a moment ago: use theirs
      return { ...opened, ...(put.etag ? { etag: put.etag } : {}) };
    }
    let manifest: Manifest;
    try {
      manifest = JSON.parse(new TextDecoder().decode(got.body)) as Manifest;
    } catch {
      manifest = {} as Manifest;
    }
    if (manifest?.format !== MANIFEST_FORMAT || typeof manifest.version !== 'number') {
      throw new SyncError('foreign', `The folder ${FOLDER} on the server holds a file that is not Naqi's (${MANIFEST}). ${KEPT}`);
    }
    if (manifest.version > FORMAT_VERSION) {
      throw new SyncError('foreign', `The library on the server was written by a newer version of Naqi. Update Naqi to sync. ${KEPT}`);
    }
    const where = {
      records: FOLDER + (typeof manifest.records === 'string' && RECORDS_NAME.test(manifest.records) ? manifest.records : 'records/'),
      ...(typeof manifest.previous === 'string' && RECORDS_NAME.test(manifest.previous) ? { previous: FOLDER + manifest.previous } : {}),
      ...(got.etag ? { etag: got.etag } : {}),
    };
    const enc = manifest.encryption;
    if (!enc) {
      if (passphrase)
        throw new SyncError(
          'not-encrypted',
          `The library on the server is not encrypted, and a passphrase is set here. Remove the passphrase, or delete the folder ${FOLDER} on the server to start an encrypted one. ${KEPT}`,
        );
      // A folder deleted and started again is another library, even unencrypted.
      return { keys: null, library: typeof manifest.id === 'string' ? `plain:${manifest.id}` : 'plain', ...where };
    }
    if (!passphrase)
      throw new SyncError('passphrase-needed', `The library on the server is encrypted: enter its passphrase to sync. ${KEPT}`);
    const keys = await keysFor(enc, passphrase);
    if (keys === undefined) throw new SyncError('foreign', `The manifest of the library on the server is damaged (${MANIFEST}). ${KEPT}`);
    if (keys === null) {
      keyCache.clear();
      throw new SyncError(
        'passphrase',
        `The passphrase is wrong: it does not open the library on the server. Nothing was changed, here or on the server.`,
      );
    }
    return { keys, library: enc.salt, ...where };
  }
  throw new SyncError('server', `The manifest on the server keeps changing; sync will try again later. ${KEPT}`);
}

async function encodeFile(change: RemoteChange, name: string, keys: SyncKeys | null): Promise<Uint8Array<ArrayBuffer>> {
  const file: RecordFile = {
    format: RECORD_FORMAT,
    version: FORMAT_VERSION,
    id: change.id,
    hlc: change.hlc,
    ...(change.record ? { record: toBackupRecord(change.record) } : {}),
  };
  const plain = utf8(JSON.stringify(file));
  return keys ? encrypt(keys, plain, name) : plain;
}

/** The change a file holds, or null when it cannot be read or does not belong under its name. */
async function decodeFile(body: Uint8Array | undefined, name: string, keys: SyncKeys | null, now: number): Promise<RemoteChange | null> {
  if (!body) return null;
  const plain = keys ? await decrypt(keys, body, name) : body;
  if (!plain) return null;
  let file: RecordFile;
  try {
    file = JSON.parse(new TextDecoder().decode(plain)) as RecordFile;
  } catch {
    return null;
  }
  if (file?.format !== RECORD_FORMAT || typeof file.id !== 'string' || !isHlc(file.hlc)) return null;
  // A stamp far in the future (a device with a wrong clock) would win over every later change.
  if ((parseHlc(file.hlc)?.wall ?? 0) > now + SAVED_AHEAD_MS) return null;
  if ((await fileIdOf(file.id, keys)) !== name) return null;
  if (file.record === undefined) return { id: file.id, hlc: file.hlc };
  const record = recordFromJson(file.record, now);
  if (typeof record === 'string' || record.id !== file.id) return null;
  return { id: file.id, hlc: file.hlc, record };
}

/** Runs `work` over items, `n` at a time; the first failure stops the rest and is thrown. */
async function pool<T>(items: readonly T[], n: number, work: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  let failure: { error: unknown } | undefined;
  const worker = async (): Promise<void> => {
    while (!failure && next < items.length) {
      const item = items[next++] as T;
      try {
        await work(item);
      } catch (error) {
        failure ??= { error };
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(n, items.length) }, worker));
  if (failure) throw failure.error;
}

function chunks<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

export interface ServerCheck {
  /** What the folder holds: no Naqi library yet, or one (encrypted or not) that this passphrase opens. */
  library: 'none' | 'plain' | 'encrypted';
  requests: number;
}

/**
 * "Test connection": that the folder exists and this user may read it (PROPFIND Depth 0), and,
 * if a Naqi library is there, that the passphrase (or its absence) fits it. Writes nothing, on
 * the server or here. Throws the same SyncErrors as a sync (unreachable, 401, 403, 404, 405…).
 */
export async function checkServer(options: { fetch: typeof fetch; server: SyncServer; passphrase?: string }): Promise<ServerCheck> {
  const { server } = options;
  const url = server.url.endsWith('/') ? server.url : `${server.url}/`;
  const dav = new Dav({ url, user: server.user, password: server.password, fetch: options.fetch });
  if (!(await dav.exists('', 'open the folder'))) throw statusError(404, 'open the folder');
  const opened = await openManifest(dav, options.passphrase ? { passphrase: options.passphrase } : {}, false);
  return { library: !opened ? 'none' : opened.keys ? 'encrypted' : 'plain', requests: dav.stats.requests };
}

export interface PassphraseChange {
  /** Records and tombstones written under the new passphrase. */
  written: number;
  requests: number;
}

/**
 * Changes the passphrase of the library on the server (or adds one, or removes it: an empty
 * passphrase is none), without the reader clearing anything by hand:
 *   1. a sync with the current passphrase (a wrong one stops here: nothing changed anywhere),
 *      so that this device holds every article and deletion;
 *   2. every article and deletion is written, under the new key, into a new records folder
 *      that nothing points to yet (what it is, is kept here, so a change cut off resumes);
 *   3. if the old folder changed meanwhile (another device synced), back to 1;
 *   4. the manifest is replaced, If-Match the version read in 1: this one write switches every
 *      device to the new library at once; it names the old folder as `previous`;
 *   5. the old folder is removed (by any device's next sync, if this is cut off).
 * Cut off anywhere, the server holds one whole library, old or new, never a mix. Other devices
 * then ask for the new passphrase ("the passphrase is wrong") and, given it, sync as new.
 */
export async function changePassphrase(options: SyncOptions & { newPassphrase: string }): Promise<PassphraseChange> {
  const { library, server } = options;
  const url = server.url.endsWith('/') ? server.url : `${server.url}/`;
  const dav = new Dav({ url, user: server.user, password: server.password, fetch: options.fetch });
  const pendingKey = `${stateKey(server)}\npassphrase-change`;
  const result: PassphraseChange = { written: 0, requests: 0 };
  const newPassphrase = options.newPassphrase || undefined;
  const concurrency = options.concurrency ?? 6;
  try {
    for (let round = 0; round < 3; round++) {
      const synced = await syncLibrary(options);
      result.requests += synced.requests;
      const old = await openManifest(dav, options.passphrase ? { passphrase: options.passphrase } : {});
      if (!old.etag)
        throw new SyncError(
          'server',
          `The server gives no version (ETag) of ${MANIFEST}: the passphrase cannot be changed safely. ${KEPT}`,
        );
      const state = await library.getMeta<SyncState>(stateKey(server));

      // The new library: resumed if a change to the same passphrase was cut off, else fresh.
      const pending = await library.getMeta<{ manifest: Manifest }>(pendingKey);
      let next: { manifest: Manifest; opened: Opened } | undefined;
      if (pending?.manifest.records && pending.manifest.records !== old.records.slice(FOLDER.length)) {
        const reopened = await openManifestObject(pending.manifest, newPassphrase);
        if (reopened) next = { manifest: pending.manifest, opened: reopened };
        else await dav.remove(FOLDER + pending.manifest.records, undefined, 'remove an unfinished passphrase change').catch(() => 0);
      }
      if (!next) {
        next = await newManifest(
          newPassphrase,
          options.iterations,
          `r-${[...randomBytes(10)].map((b) => b.toString(16).padStart(2, '0')).join('')}/`,
        );
        await library.setMeta(pendingKey, { manifest: next.manifest });
      }
      const folder = next.opened.records;
      await dav.mkcol(folder);

      // Every article and deletion here, under the new key.
      const files: Record<string, KnownFile> = {};
      const started = (options.now ?? Date.now)();
      const items = [...(await library.versions())];
      await pool(items, concurrency, async ([id, version]) => {
        let change: RemoteChange = { id, hlc: version.hlc };
        if (!version.deleted) {
          const record = await library.get(id);
          if (!record) return;
          change = { id, hlc: recordHlc(record), record };
        }
        const name = await fileIdOf(id, next.opened.keys);
        const put = await dav.put(folder + name, await encodeFile(change, name, next.opened.keys), { unconditional: true });
        result.written++;
        files[name] = change.record
          ? { etag: put.etag ?? '', id, hlc: change.hlc }
          : { etag: put.etag ?? '', id, hlc: change.hlc, deleted: true, since: started };
      });

      // Nothing new in the old folder since the sync? Otherwise sync again and write again.
      const listing = (await dav.list(old.records)) ?? [];
      const known = state?.files ?? {};
      // (The same ETag, weak ones too: a file rewritten in the same second at the same size is the
      // one case this misses.)
      const moved = listing.some((e) => !e.collection && FILE_NAME.test(e.name) && (known[e.name]?.etag || '-') !== e.etag);
      if (moved && round < 2) continue;

      const manifest: Manifest = { ...next.manifest, previous: old.records.slice(FOLDER.length) };
      const swap = await dav.put(MANIFEST, utf8(JSON.stringify(manifest)), { ifMatch: old.etag });
      if (swap.status === 412) continue; // another device changed the manifest: start over
      // Switched. This device's state is the new library's, as just written.
      await library.setMeta(stateKey(server), {
        library: next.opened.library,
        files,
        lastSynced: (options.now ?? Date.now)(),
      } satisfies SyncState);
      await library.setMeta(pendingKey, null);
      await dav.remove(old.records, undefined, 'remove the files of the old passphrase').catch(() => 0);
      return result;
    }
    throw new SyncError('server', `The library on the server kept changing while the passphrase was being changed; try again. ${KEPT}`);
  } finally {
    result.requests += dav.stats.requests;
  }
}

/** A manifest this device wrote (a passphrase change cut off), opened with the passphrase, or null. */
async function openManifestObject(manifest: Manifest, passphrase: string | undefined): Promise<Opened | null> {
  const records = FOLDER + (manifest.records ?? 'records/');
  const enc = manifest.encryption;
  if (!enc) return passphrase ? null : { keys: null, library: `plain:${manifest.id ?? ''}`, records };
  const keys = passphrase ? await keysFor(enc, passphrase) : null;
  return keys ? { keys, library: enc.salt, records } : null;
}

/**
 * The keys `passphrase` derives for a manifest's encryption when they open its check value;
 * null when they do not (a wrong passphrase), undefined when the block is damaged.
 */
async function keysFor(enc: NonNullable<Manifest['encryption']>, passphrase: string): Promise<SyncKeys | null | undefined> {
  const salt = base64ToBytes(enc.salt);
  const check = base64ToBytes(enc.check);
  if (!salt || !check || !Number.isInteger(enc.iterations) || enc.iterations < PBKDF2_ITERATIONS || enc.iterations > MAX_ITERATIONS)
    return undefined;
  const keys = await cachedKeys(passphrase, salt as Uint8Array<ArrayBuffer>, enc.iterations);
  return (await decrypt(keys, check, 'manifest')) ? keys : null;
}

/** One sync with the server. Throws SyncError; whatever was done before the error is kept. */
export async function syncLibrary(options: SyncOptions): Promise<SyncResult> {
  const { library, server } = options;
  const now = options.now ?? Date.now;
  const concurrency = options.concurrency ?? 6;
  const url = server.url.endsWith('/') ? server.url : `${server.url}/`;
  const dav = new Dav({ url, user: server.user, password: server.password, fetch: options.fetch });
  const result: SyncResult = {
    downloaded: 0,
    applied: 0,
    uploaded: 0,
    conflicts: 0,
    unreadable: 0,
    pruned: { server: 0, local: 0 },
    reconciled: 0,
    requests: 0,
    bytesSent: 0,
    bytesReceived: 0,
    at: 0,
    phases: { list: 0, download: 0, plan: 0, upload: 0 },
  };
  let mark = performance.now();
  const phase = (name: keyof SyncResult['phases']): void => {
    const t = performance.now();
    result.phases[name] += t - mark;
    mark = t;
  };

  try {
    // The manifest (created with the folders on a first sync), then the records folder it names.
    const opened = await openManifest(dav, options);
    const { keys, library: serverLibrary } = opened;
    const recordsDir = opened.records;
    const key = stateKey(server);
    const stored = await library.getMeta<SyncState>(key);
    // Another library on the server (re-created, another passphrase): start the state afresh.
    const state: SyncState = stored && stored.library === serverLibrary ? stored : { library: serverLibrary, files: {} };
    const save = (): Promise<void> => library.setMeta(key, state);
    const started = now();
    const away = state.lastSynced !== undefined && started - state.lastSynced > SERVER_TOMBSTONE_DAYS * DAY - CLOCK_MARGIN;

    // Has any device written records since this one last listed them? If not (and this one
    // listed them less than a day ago, so a writer that does not say so is seen within a day),
    // the listing is what this device knows already.
    const recent = !away && state.listedAt !== undefined && started - state.listedAt < DAY && started >= state.listedAt;
    const probe = await dav.get(CHANGES, recent ? state.changes : undefined);
    const unchanged = probe.status === 304;
    let listing: DavEntry[] | null;
    if (unchanged) {
      listing = Object.entries(state.files).map(([name, file]) => ({ name, etag: file.etag, collection: false }));
    } else {
      listing = await dav.list(recordsDir);
      if (!listing) {
        await dav.mkcol(recordsDir);
        listing = [];
      }
    }
    // Until this sync completes, the next one lists the records again (it may stop midway).
    const listedAt = unchanged ? state.listedAt : started;
    delete state.changes;
    delete state.listedAt;
    if (opened.previous && state.cleaned !== opened.previous) {
      // The folder a passphrase change left behind (cut off before it removed it): remove it now.
      try {
        await dav.remove(opened.previous, undefined, 'remove the files of the old passphrase');
        state.cleaned = opened.previous;
      } catch {
        // left for the next sync
      }
    }

    const remote = new Map<string, string>();
    for (const entry of listing) if (!entry.collection && FILE_NAME.test(entry.name)) remote.set(entry.name, entry.etag);
    // A file gone from the server: lost, or an old tombstone another device removed. Within the
    // horizon this device has read every tombstone before it could go: the file was lost, and
    // the article is uploaded again (as new). See `away` below for a device that was not.
    const gone = new Map<string, KnownFile>();
    for (const [name, file] of Object.entries(state.files)) {
      if (remote.has(name)) continue;
      gone.set(file.id, file);
      delete state.files[name];
    }
    /** What this device knows of a file it has just seen on the server. */
    const seen = (name: string, etag: string, change: { id: string; hlc: string; record?: unknown }): KnownFile => {
      if (change.record !== undefined) return { etag, id: change.id, hlc: change.hlc };
      const before = state.files[name];
      const since = before?.deleted && before.hlc === change.hlc && before.since !== undefined ? before.since : started;
      return { etag, id: change.id, hlc: change.hlc, deleted: true, since };
    };
    /** Tombstones this device knew on the server and has forgotten here, found replaced by an older copy. */
    const reassert = new Map<string, { id: string; name: string; hlc: string }>();

    phase('list');
    // Download what changed (or what was last seen under a weak ETag: see sameEtag).
    const changed: [string, string][] = [];
    for (const [name, etag] of remote) {
      const known = state.files[name];
      if (!unchanged && !(etag && known && sameEtag(known.etag, etag))) changed.push([name, etag]);
    }
    let done = 0;
    for (const batch of chunks(changed, BATCH)) {
      const got: { name: string; etag: string; change: RemoteChange }[] = [];
      await pool(batch, concurrency, async ([name, etag]) => {
        const file = await dav.get(recordsDir + name);
        result.downloaded++;
        if (file.status === 404) return;
        const change = await decodeFile(file.body, name, keys, Date.now());
        if (!change) {
          // Damaged (a write cut off, a foreign key): forget what we knew of it, so that the
          // article, if this device holds it, is written again over exactly this copy.
          result.unreadable++;
          delete state.files[name];
          return;
        }
        const before = state.files[name];
        if (before?.deleted && before.id === change.id && compareHlc(before.hlc, change.hlc) > 0) {
          // An older copy written over a deletion this device knew (a server that ignored
          // If-Match): never applied; the deletion is written again if this device forgot it.
          reassert.set(change.id, { id: change.id, name, hlc: before.hlc });
          state.files[name] = { etag, id: change.id, hlc: change.hlc };
          return;
        }
        if (before && before.id === change.id && before.hlc === change.hlc) {
          // The version this device has already applied (seen again under a new or weak ETag).
          state.files[name] = { ...before, etag };
          return;
        }
        got.push({ name, etag, change });
      });
      result.applied += (await library.applyRemote(got.map((g) => g.change))).length;
      for (const g of got) state.files[g.name] = seen(g.name, g.etag, g.change);
      await save();
      done += batch.length;
      options.onProgress?.({ phase: 'download', done, total: changed.length });
    }

    phase('download');
    // Upload what changed here: every article or tombstone whose stamp the server does not have.
    const nameOf = new Map<string, string>();
    for (const [name, file] of Object.entries(state.files)) nameOf.set(file.id, name);
    let versions = await library.versions();
    if (away && remote.size > 0) {
      // Away longer than the server keeps deletions: an article this device had synced, not
      // changed since, and whose file is gone was most likely deleted elsewhere, its tombstone
      // since removed. Uploading it would bring it back: it is deleted here instead (and the
      // deletion synced). A server emptied of every file is a lost server: all goes up again.
      const ids: string[] = [];
      for (const [id, version] of versions) {
        const was = gone.get(id);
        if (was && !was.deleted && !version.deleted && compareHlc(version.hlc, was.hlc) <= 0) ids.push(id);
      }
      if (ids.length > 0) {
        result.reconciled = (await library.delete(ids)).length;
        versions = await library.versions();
      }
    }
    const dirty: { id: string; name: string; hlc: string; deleted: boolean }[] = [];
    for (const [id, version] of versions) {
      const name = nameOf.get(id) ?? (await fileIdOf(id, keys));
      const known = state.files[name];
      if (known && known.id === id && compareHlc(known.hlc, version.hlc) >= 0) continue;
      dirty.push({ id, name, ...version });
    }
    for (const item of reassert.values()) if (!versions.has(item.id)) dirty.push({ ...item, deleted: true });
    phase('plan');
    done = 0;
    if (dirty.length > 0) state.unannounced = true; // saved with the first batch
    for (const batch of chunks(dirty, BATCH)) {
      try {
        await pool(batch, concurrency, async (item) => {
          let etag: string | undefined = state.files[item.name]?.etag || remote.get(item.name) || undefined;
          for (let attempt = 0; attempt < 4; attempt++) {
            let change: RemoteChange;
            if (item.deleted) change = { id: item.id, hlc: item.hlc };
            else {
              const record = await library.get(item.id);
              if (!record) return; // deleted meanwhile: the next sync sends the tombstone
              change = { id: item.id, hlc: recordHlc(record), record };
            }
            const body = await encodeFile(change, item.name, keys);
            const put = await dav.put(recordsDir + item.name, body, etag ? { ifMatch: etag } : { ifNoneMatch: true });
            if (put.status !== 412) {
              result.uploaded++;
              // Without an ETag in the answer the next sync reads the file back once (safe, not blind).
              state.files[item.name] = seen(item.name, put.etag ?? '', change);
              return;
            }
            // Another device wrote this article since we looked: merge with its copy.
            result.conflicts++;
            const theirs = await dav.get(recordsDir + item.name);
            if (theirs.status === 404) {
              etag = undefined;
              continue;
            }
            etag = theirs.etag ?? '';
            const their = await decodeFile(theirs.body, item.name, keys, Date.now());
            if (their) {
              result.applied += (await library.applyRemote([their])).length;
              if (compareHlc(their.hlc, change.hlc) >= 0) {
                state.files[item.name] = seen(item.name, etag, their);
                return;
              }
            }
            if (!etag) return; // cannot write conditionally: left for the next sync
            // Ours is newer (or theirs is damaged): write over exactly the copy we read.
          }
        });
      } finally {
        await save();
      }
      done += batch.length;
      options.onProgress?.({ phase: 'upload', done, total: dirty.length });
    }

    // Forget old deletions. On the server: a tombstone file this device has known for longer
    // than the horizon is removed, if it is still that version (If-Match). Here: a tombstone
    // the server holds (the same stamp) and that is older than LOCAL_TOMBSTONE_DAYS.
    const old: [string, KnownFile][] = Object.entries(state.files).filter(
      ([, file]) => file.deleted && file.since !== undefined && started - file.since > SERVER_TOMBSTONE_DAYS * DAY,
    );
    if (old.length > 0) {
      state.unannounced = true;
      try {
        await pool(old, concurrency, async ([name, file]) => {
          // No version to name, or a weak one (Apache, for a file changed in the last second,
          // which a DELETE cannot be made conditional on): next time.
          if (!file.etag || file.etag.startsWith('W/')) return;
          const status = await dav.remove(recordsDir + name, file.etag);
          if (status === 412) return; // rewritten meanwhile: the next sync reads it
          delete state.files[name];
          result.pruned.server++;
        });
      } finally {
        await save();
      }
    }
    const forget = [...versions]
      .filter(([id, version]) => {
        if (!version.deleted) return false;
        const file = state.files[nameOf.get(id) ?? ''];
        return file?.deleted && file.hlc === version.hlc && started - (file.since ?? started) > LOCAL_TOMBSTONE_DAYS * DAY;
      })
      .map(([id, version]) => ({ id, hlc: version.hlc }));
    if (forget.length > 0) result.pruned.local = await library.dropTombstones(forget);

    if (state.unannounced) {
      // Say so to the other devices (also for writes of a sync cut off before it could). Written
      // over exactly the version read above, the new one
      // is what this device's listing holds; if another device wrote it meanwhile, it is written
      // anyway and this device lists the records again next time.
      const bump = randomBytes(12);
      const put = await dav.put(CHANGES, bump, probe.etag ? { ifMatch: probe.etag } : { ifNoneMatch: true });
      if (put.status === 412) await dav.put(CHANGES, bump, { unconditional: true });
      else if (put.etag) state.changes = put.etag;
      delete state.unannounced;
    } else if (probe.etag) state.changes = probe.etag;
    if (state.changes && listedAt !== undefined) state.listedAt = listedAt;
    result.at = now();
    state.lastSynced = result.at;
    await save();
    phase('upload');
    return result;
  } finally {
    Object.assign(result, { requests: dav.stats.requests, bytesSent: dav.stats.bytesSent, bytesReceived: dav.stats.bytesReceived });
  }
}
