/**
 * What the sync tests share: REAL WebDAV servers (scripts/lib/dav-servers.ts) started for a
 * describe block, devices (a fresh library each, with the sync engine and its clock), the
 * articles they save, and the ways to look at a library, at the server and at a failed sync.
 */
import { IDBFactory } from 'fake-indexeddb';
import { spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, expect } from 'vitest';
import type { Article } from '../../../utils/article/types.ts';
import type { LibraryRecord } from '../../../utils/library/schema.ts';
import { openLibrary, type Library } from '../../../utils/library/store.ts';
import { SyncError, syncLibrary, type SyncOptions, type SyncResult, type SyncServer } from '../../../utils/sync/engine.ts';
import { startDavServer, type DavKind, type DavServer, type DavServerOptions } from '../../../scripts/lib/dav-servers.ts';
import { minimalArticle } from './article.ts';

/** A server of the describe block it was made in; usable inside its tests and hooks. */
export interface TestServer extends DavServer {
  /** What a device is given to sync with it: its URL, user name and password. */
  readonly account: SyncServer;
  /** Deletes the sync folder through the server itself (rclone caches its directories). */
  empty(): Promise<void>;
  /** Writes a file under Naqi/ as a device or a program outside the tests' syncs would. */
  put(path: string, body: BodyInit): Promise<Response>;
  /**
   * What a device that wrote outside these tests' syncs does after it: rewrite
   * Naqi/naqi-changes, so that the others list the records (tests/unit/sync/listing.test.ts).
   */
  sayChanged(body?: string): Promise<void>;
}

/**
 * Starts a WebDAV server of this kind before the tests of the describe block this is called in
 * and stops it after them; with `fresh`, each test starts from an empty sync folder.
 */
export function useDavServer(kind: DavKind, options: DavServerOptions & { fresh?: boolean } = {}): TestServer {
  const { fresh, ...davOptions } = options;
  let dav: DavServer | undefined;
  beforeAll(async () => {
    dav = await startDavServer(kind, davOptions);
  });
  afterAll(async () => {
    await dav?.stop();
  });
  const started = (): DavServer => {
    if (!dav) throw new Error(`the ${kind} server is started before the tests, not while they are collected`);
    return dav;
  };
  const request = async (method: string, path: string, body?: BodyInit): Promise<Response> => {
    const { url, user, password } = started();
    const response = await fetch(`${url}Naqi/${path}`, {
      method,
      headers: { Authorization: `Basic ${btoa(`${user}:${password}`)}` },
      body,
    });
    await response.arrayBuffer();
    return response;
  };
  const server: TestServer = {
    kind,
    get url() {
      return started().url;
    },
    get user() {
      return started().user;
    },
    get password() {
      return started().password;
    },
    get dir() {
      return started().dir;
    },
    get data() {
      return started().data;
    },
    get account() {
      return { url: server.url, user: server.user, password: server.password };
    },
    kill: () => started().kill(),
    start: () => started().start(),
    stop: () => started().stop(),
    async empty() {
      const response = await request('DELETE', '');
      expect([204, 200, 404]).toContain(response.status);
    },
    put: (path, body) => request('PUT', path, body),
    async sayChanged(body = String(Math.random())) {
      expect((await request('PUT', 'naqi-changes', body)).ok).toBe(true);
    },
  };
  if (fresh) afterEach(() => server.empty());
  return server;
}

/** One device: its own library, which syncs with its server on its clock. */
export interface Device extends Library {
  /** The options of a sync of this device; `over` changes what a test is about. */
  syncOptions(over?: Partial<SyncOptions>): SyncOptions;
  sync(over?: Partial<SyncOptions>): Promise<SyncResult>;
}

/**
 * Opens devices that sync with `server` (read when they sync, so a TestServer is fine), each a
 * fresh library, closed after the test. With a clock, the libraries stamp their changes and the
 * syncs tell the time by it.
 */
export function deviceMaker(server: SyncServer, { clock }: { clock?: () => number } = {}): () => Promise<Device> {
  const opened: Library[] = [];
  afterEach(() => {
    for (const library of opened.splice(0)) library.close();
  });
  return async () => {
    const library = await openLibrary(new IDBFactory(), 'naqi-library', clock ? { clock } : {});
    opened.push(library);
    const syncOptions = (over: Partial<SyncOptions> = {}): SyncOptions => ({
      library,
      fetch,
      server: { url: server.url, user: server.user, password: server.password },
      ...(clock ? { now: clock } : {}),
      ...over,
    });
    return Object.assign(library, { syncOptions, sync: (over?: Partial<SyncOptions>) => syncLibrary(syncOptions(over)) });
  };
}

/** Syncs the devices one after the other, in the order given (a device may come twice). */
export async function syncInTurn(...devices: Device[]): Promise<SyncResult[]> {
  const results: SyncResult[] = [];
  for (const device of devices) results.push(await device.sync());
  return results;
}

export const articleUrl = (n: number | string): string => `https://news.test/a/${n}`;

/** Article n of an Arabic news site; SECRETWORDn in its text is what no server may read. */
export const article = (n: number | string, over: Partial<Article> = {}): Article =>
  minimalArticle({
    url: articleUrl(n),
    title: `عنوان ${n}`,
    contentHtml: `<p>نص ${n}</p>`,
    textContent: `نص ${n} SECRETWORD${n}`,
    wordCount: 2,
    ...over,
  });

const png = (n: number): Uint8Array => new Uint8Array(Array.from({ length: 500 + n }, (_, i) => (i * 31 + n) % 256));

/**
 * Saves article n as the engine's tests know it ("عنوان المقال n"), with its photo
 * (https://img.test/n.png) and the photo's bytes.
 */
export function saveWithPhoto(library: Library, n: number | string, over: Partial<Article> = {}): Promise<LibraryRecord> {
  const src = `https://img.test/${n}.png`;
  const photographed = article(n, {
    title: `عنوان المقال ${n}`,
    contentHtml: `<p>نص المقال ${n}</p><img src="${src}">`,
    textContent: `نص المقال ${n} SECRETWORD${n}`,
    wordCount: 3,
    ...over,
  });
  return library.save(photographed, { images: { [src]: { type: 'image/png', bytes: png(typeof n === 'number' ? n : 7) } } });
}

/** What a reader sees of a library: ids with title, text and image bytes. */
export async function readerView(
  library: Library,
): Promise<Record<string, { title: string; text: string; images: Record<string, number[]> }>> {
  const out: Record<string, { title: string; text: string; images: Record<string, number[]> }> = {};
  for (const r of await library.all()) {
    out[r.id] = {
      title: r.article.title,
      text: r.article.textContent,
      images: Object.fromEntries(Object.entries(r.images).map(([src, img]) => [src, Array.from(img.bytes)])),
    };
  }
  return out;
}

/** The ids of the deletions a library remembers. */
export const tombstones = async (library: Library): Promise<string[]> =>
  [...(await library.versions())].filter(([, v]) => v.deleted).map(([id]) => id);

/** The error a sync (or a check) fails with, which must be a SyncError. */
export async function syncFailure(promise: Promise<unknown>): Promise<SyncError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(SyncError);
  return error as SyncError;
}

export function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((n) => (statSync(join(dir, n)).isDirectory() ? filesUnder(join(dir, n)) : [join(dir, n)]));
}

/** The record files on the server (Apache keeps its lock database and config beside them). */
export const recordFiles = (server: DavServer): string[] => filesUnder(server.data).filter((f) => /[/\\]records[/\\][0-9a-f]{32}$/.test(f));

/**
 * Runs `use` with a plain web server (python's http.server, serving an empty folder on
 * 127.0.0.1): it answers GET and refuses WebDAV's methods. Stopped and removed after.
 */
export async function withPlainWebServer(use: (url: string) => Promise<void>): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'naqi-plain-'));
  const port = 20000 + Math.floor(Math.random() * 20000);
  const url = `http://127.0.0.1:${port}/`;
  const child = spawn('python3', ['-m', 'http.server', String(port), '--bind', '127.0.0.1', '--directory', dir], { stdio: 'ignore' });
  try {
    let up = false;
    for (let i = 0; i < 200 && !up; i++) {
      up = await fetch(url).then(
        (r) => (r.body?.cancel(), true),
        () => false,
      );
      if (!up) await new Promise((r) => setTimeout(r, 25));
    }
    if (!up) throw new Error(`the plain web server at ${url} did not start`);
    await use(url);
  } finally {
    child.kill();
    rmSync(dir, { recursive: true, force: true });
  }
}
