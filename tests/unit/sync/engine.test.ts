// @vitest-environment node
/**
 * Sync between two devices (two IndexedDB libraries) through REAL WebDAV servers started here
 * on 127.0.0.1 with a password: Apache httpd with mod_dav, rclone serve webdav, and the npm
 * webdav-server. Nothing of the protocol is mocked; faults are real (a killed server process,
 * a full quota, a wrong password).
 */
import 'fake-indexeddb/auto';
import { IDBFactory } from 'fake-indexeddb';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { spawn } from 'node:child_process';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Article } from '../../../utils/article/types.ts';
import { openLibrary, type Library } from '../../../utils/library/store.ts';
import type { LibraryRecord } from '../../../utils/library/schema.ts';
import { exportLibrary, importLibrary, toBackupRecord } from '../../../utils/library/backup.ts';
import { formatHlc } from '../../../utils/library/hlc.ts';
import { fileIdOf } from '../../../utils/sync/crypto.ts';
import { syncLibrary, SyncError, type SyncOptions } from '../../../utils/sync/engine.ts';
import { startDavServer, type DavKind, type DavServer } from '../../../scripts/lib/dav-servers.ts';

const article = (n: number | string, over: Partial<Article> = {}): Article => ({
  url: `https://news.test/a/${n}`,
  title: `عنوان المقال ${n}`,
  lang: 'ar',
  dir: 'rtl',
  contentHtml: `<p>نص المقال ${n}</p><img src="https://img.test/${n}.png">`,
  textContent: `نص المقال ${n} SECRETWORD${n}`,
  wordCount: 3,
  readingMinutes: 1,
  removed: [],
  ...over,
});
const png = (n: number): Uint8Array => new Uint8Array(Array.from({ length: 500 + n }, (_, i) => (i * 31 + n) % 256));

const opened: Library[] = [];
async function device(): Promise<Library> {
  const lib = await openLibrary(new IDBFactory(), 'naqi-library');
  opened.push(lib);
  return lib;
}
afterEach(() => {
  for (const lib of opened.splice(0)) lib.close();
});

async function save(lib: Library, n: number | string, over: Partial<Article> = {}): Promise<LibraryRecord> {
  const a = article(n, over);
  return lib.save(a, { images: { [`https://img.test/${n}.png`]: { type: 'image/png', bytes: png(typeof n === 'number' ? n : 7) } } });
}

/** What a reader sees of a library: ids with title, text and image bytes. */
async function view(lib: Library): Promise<Record<string, { title: string; text: string; images: Record<string, number[]> }>> {
  const out: Record<string, { title: string; text: string; images: Record<string, number[]> }> = {};
  for (const r of await lib.all()) {
    out[r.id] = {
      title: r.article.title,
      text: r.article.textContent,
      images: Object.fromEntries(Object.entries(r.images).map(([src, img]) => [src, Array.from(img.bytes)])),
    };
  }
  return out;
}

async function syncError(promise: Promise<unknown>): Promise<SyncError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(SyncError);
  return error as SyncError;
}

function filesUnder(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) out.push(...filesUnder(path));
    else out.push(path);
  }
  return out;
}

/** Record files only (Apache keeps its lock database and config beside the data). */
const recordFiles = (server: DavServer): string[] => filesUnder(server.dir).filter((f) => /[/\\]records[/\\][0-9a-f]{32}$/.test(f));

const KINDS: DavKind[] = ['apache', 'rclone', 'webdav-server'];

describe.each(KINDS)('sync through %s', (kind) => {
  let server: DavServer;
  beforeAll(async () => {
    server = await startDavServer(kind);
  });
  afterAll(async () => {
    await server?.stop();
  });
  /** Deletes the sync folder through the server itself (rclone caches its directories). */
  const emptyServer = async (): Promise<void> => {
    const response = await fetch(`${server.url}Naqi/`, {
      method: 'DELETE',
      headers: { Authorization: `Basic ${btoa(`${server.user}:${server.password}`)}` },
    });
    await response.arrayBuffer();
    expect([204, 200, 404]).toContain(response.status);
  };
  /**
   * What the device that wrote a file outside these tests' syncs would do after it: rewrite
   * Naqi/naqi-changes, so that the others list the records (tests/unit/sync-listing.test.ts).
   */
  const sayChanged = async (): Promise<void> => {
    const response = await fetch(`${server.url}Naqi/naqi-changes`, {
      method: 'PUT',
      headers: { Authorization: `Basic ${btoa(`${server.user}:${server.password}`)}` },
      body: String(Math.random()),
    });
    await response.arrayBuffer();
    expect(response.ok).toBe(true);
  };
  /** Each test starts from an empty folder on the server. */
  afterEach(emptyServer);

  const opts = (library: Library, over: Partial<SyncOptions> = {}): SyncOptions => ({
    library,
    fetch,
    server: { url: server.url, user: server.user, password: server.password },
    ...over,
  });

  it('an article saved on A appears on B with its images; a delete on B is gone on A and stays gone', async () => {
    const a = await device();
    const b = await device();
    await save(a, 1);
    await save(a, 2);
    await syncLibrary(opts(a));
    const first = await syncLibrary(opts(b));
    expect(first.applied).toBe(2);
    expect(await view(b)).toEqual(await view(a));
    expect((await b.entries()).map((e) => e.imagesSaved)).toEqual([1, 1]);

    // B deletes while A is offline and still holds the article; A syncs later.
    await b.delete('https://news.test/a/1');
    await syncLibrary(opts(b));
    await syncLibrary(opts(a));
    expect(Object.keys(await view(a))).toEqual(['https://news.test/a/2']);
    // More rounds: the article does not come back from either side.
    await syncLibrary(opts(a));
    await syncLibrary(opts(b));
    expect(Object.keys(await view(a))).toEqual(['https://news.test/a/2']);
    expect(Object.keys(await view(b))).toEqual(['https://news.test/a/2']);
  });

  it('different articles changed on both while apart are both kept; the same article changed on both has one winner', async () => {
    const a = await device();
    const b = await device();
    await save(a, 1);
    await syncLibrary(opts(a));
    await syncLibrary(opts(b));
    // Apart: A saves 2 and edits 1, B saves 3 and edits 1 later.
    await save(a, 2);
    await save(a, 1, { title: 'تعديل من الجهاز أ' });
    await save(b, 3);
    const bEdit = await save(b, 1, { title: 'تعديل من الجهاز ب' });
    const aEdit = await a.get('https://news.test/a/1');
    await syncLibrary(opts(a));
    await syncLibrary(opts(b));
    await syncLibrary(opts(a));
    const va = await view(a);
    expect(va).toEqual(await view(b));
    expect(Object.keys(va).sort()).toEqual(['https://news.test/a/1', 'https://news.test/a/2', 'https://news.test/a/3']);
    // The winner is the edit with the larger stamp, on both devices alike.
    const winner = aEdit!.hlc! > bEdit.hlc! ? aEdit! : bEdit;
    expect(va['https://news.test/a/1']!.title).toBe(winner.article.title);
    expect(await a.count()).toBe(3);
    // One file per article on the server: no duplicate.
    expect(recordFiles(server)).toHaveLength(3);
  });

  it('with a passphrase the server holds no article text, and B with the passphrase reads it', async () => {
    const a = await device();
    const b = await device();
    await save(a, 1);
    await save(a, 2);
    await syncLibrary(opts(a, { passphrase: 'كلمة سر طويلة' }));
    const files = recordFiles(server);
    expect(files).toHaveLength(2);
    const all = filesUnder(server.dir)
      .filter((f) => !/\.(conf|log|pid)$|htpasswd|davlock/.test(f))
      .map((f) => readFileSync(f));
    for (const bytes of all) {
      const text = bytes.toString('latin1');
      for (const secret of ['SECRETWORD1', 'news.test', 'img.test', 'naqi-sync-record']) expect(text).not.toContain(secret);
      expect(bytes.includes(Buffer.from('عنوان المقال'))).toBe(false);
    }
    await syncLibrary(opts(b, { passphrase: 'كلمة سر طويلة' }));
    expect(await view(b)).toEqual(await view(a));
  });

  it('a wrong passphrase is a clear error and changes nothing, here or on the server', async () => {
    const a = await device();
    const b = await device();
    await save(a, 1);
    await syncLibrary(opts(a, { passphrase: 'the right one' }));
    await save(b, 9);
    const before = await view(b);
    const serverBefore = recordFiles(server).map((f) => readFileSync(f).toString('base64'));
    const error = await syncError(syncLibrary(opts(b, { passphrase: 'a wrong one' })));
    expect(error.code).toBe('passphrase');
    expect(error.message).toMatch(/passphrase is wrong/);
    expect(await view(b)).toEqual(before);
    expect(recordFiles(server).map((f) => readFileSync(f).toString('base64'))).toEqual(serverBefore);
    // No passphrase at all: said as such.
    expect((await syncError(syncLibrary(opts(b)))).code).toBe('passphrase-needed');
  });

  it('a server killed mid-sync leaves both sides consistent, and the next sync completes', async () => {
    const a = await device();
    for (let i = 0; i < 40; i++) await save(a, i);
    const before = await view(a);
    let requests = 0;
    const killing: typeof fetch = (input, init) => {
      if (++requests === 15) void server.kill();
      return fetch(input, init);
    };
    const error = await syncError(syncLibrary(opts(a, { fetch: killing })));
    expect(error.code).toBe('unreachable');
    expect(error.message).toMatch(/unchanged/);
    expect(await view(a)).toEqual(before);
    await server.start();
    const done = await syncLibrary(opts(a));
    expect(done.uploaded).toBeGreaterThan(0);
    expect(done.uploaded).toBeLessThanOrEqual(40);
    const b = await device();
    const got = await syncLibrary(opts(b));
    expect(got.unreadable).toBe(0);
    expect(await view(b)).toEqual(before);
  });

  it('an emptied server never empties the library: it is uploaded again', async () => {
    const a = await device();
    await save(a, 1);
    await save(a, 2);
    await syncLibrary(opts(a));
    await emptyServer();
    const again = await syncLibrary(opts(a));
    expect(await a.count()).toBe(2);
    expect(again.uploaded).toBe(2);
    const b = await device();
    await syncLibrary(opts(b));
    expect(await view(b)).toEqual(await view(a));
  });

  it('a device that writes between the listing and the upload of another is never overwritten blindly', async () => {
    const a = await device();
    const b = await device();
    await save(a, 1);
    await syncLibrary(opts(a));
    await syncLibrary(opts(b));
    const aEdit = await save(a, 1, { title: 'أ' });
    await save(a, 2);
    const bEdit = await save(b, 1, { title: 'ب' });
    // B syncs in the middle of A's sync: after A listed the folder, before A's first upload.
    let bSynced = false;
    const racing: typeof fetch = async (input, init) => {
      if (!bSynced && init?.method === 'PUT' && String(input).includes('/records/')) {
        bSynced = true;
        await syncLibrary(opts(b));
      }
      return fetch(input, init);
    };
    const result = await syncLibrary(opts(a, { fetch: racing }));
    expect(bSynced).toBe(true);
    // Apache honours If-Match: A sees 412 and merges. rclone and webdav-server ignore it (a
    // blind overwrite): the stamps still bring both devices to the same copy below.
    if (kind === 'apache') expect(result.conflicts).toBeGreaterThan(0);
    await syncLibrary(opts(b));
    await syncLibrary(opts(a));
    await syncLibrary(opts(b));
    const winner = aEdit.hlc! > bEdit.hlc! ? aEdit : bEdit;
    expect((await view(a))['https://news.test/a/1']!.title).toBe(winner.article.title);
    expect(await view(b)).toEqual(await view(a));
    expect(recordFiles(server)).toHaveLength(2);
  });

  it('restoring a backup and syncing do not fight: the restore is a change that syncs like a save', async () => {
    const a = await device();
    const b = await device();
    await save(a, 1);
    await save(a, 2);
    await syncLibrary(opts(a));
    await syncLibrary(opts(b));
    const backup = await exportLibrary(a);
    await b.delete('https://news.test/a/1');
    await syncLibrary(opts(b));
    await syncLibrary(opts(a));
    expect(await a.count()).toBe(1);
    // A restores its backup: the deleted article comes back, everywhere, and stays.
    await importLibrary(a, backup);
    await syncLibrary(opts(a));
    await syncLibrary(opts(b));
    expect(Object.keys(await view(b)).sort()).toEqual(['https://news.test/a/1', 'https://news.test/a/2']);
    // Restoring the same backup again changes nothing and uploads nothing.
    await importLibrary(a, backup);
    expect((await syncLibrary(opts(a))).uploaded).toBe(0);
  });

  it('a file stamped far in the future (a device with a wrong clock) is not applied', async () => {
    const a = await device();
    const b = await device();
    await save(a, 1);
    await syncLibrary(opts(a));
    await syncLibrary(opts(b));
    const record = (await a.get('https://news.test/a/1'))!;
    const future = formatHlc({ wall: Date.now() + 30 * 24 * 3600 * 1000, counter: 0, node: 'clock' });
    const file = {
      format: 'naqi-sync-record',
      version: 1,
      id: record.id,
      hlc: future,
      record: toBackupRecord({ ...record, article: { ...record.article, title: 'من المستقبل' } }),
    };
    const name = await fileIdOf(record.id, null);
    const put = await fetch(`${server.url}Naqi/records/${name}`, {
      method: 'PUT',
      headers: { Authorization: `Basic ${btoa(`${server.user}:${server.password}`)}` },
      body: JSON.stringify(file),
    });
    await put.arrayBuffer();
    expect(put.ok).toBe(true);
    await sayChanged();
    const result = await syncLibrary(opts(b));
    expect(result.unreadable).toBe(1);
    expect((await b.get(record.id))?.article.title).toBe(record.article.title);
  });

  it('a damaged file on the server is written again by a device that holds the article', async () => {
    const a = await device();
    await save(a, 1);
    await syncLibrary(opts(a));
    const name = await fileIdOf('https://news.test/a/1', null);
    const put = await fetch(`${server.url}Naqi/records/${name}`, {
      method: 'PUT',
      headers: { Authorization: `Basic ${btoa(`${server.user}:${server.password}`)}` },
      body: '{"format":"naqi-sync-record","vers',
    });
    await put.arrayBuffer();
    expect(put.ok).toBe(true);
    await sayChanged();
    const repair = await syncLibrary(opts(a));
    expect(repair.unreadable).toBe(1);
    expect(repair.uploaded).toBe(1);
    expect(await a.count()).toBe(1);
    const b = await device();
    const read = await syncLibrary(opts(b));
    expect(read.unreadable).toBe(0);
    expect(await view(b)).toEqual(await view(a));
  });

  it('a folder that does not exist is said as such (404/409)', async () => {
    const a = await device();
    await save(a, 1);
    const error = await syncError(
      syncLibrary(opts(a, { server: { url: `${server.url}no/such/folder/`, user: server.user, password: server.password } })),
    );
    expect(error.code).toBe('not-found');
    expect(error.message).toMatch(/not found/);
    expect(await a.count()).toBe(1);
  });

  it('a wrong password is a clear error (401)', async () => {
    const a = await device();
    await save(a, 1);
    const error = await syncError(syncLibrary(opts(a, { server: { url: server.url, user: server.user, password: 'wrong' } })));
    expect(error.code).toBe('auth');
    expect(await a.count()).toBe(1);
  });

  it('an incremental sync moves only what changed', async () => {
    const a = await device();
    const b = await device();
    for (let i = 0; i < 30; i++) await save(a, i);
    await syncLibrary(opts(a));
    await syncLibrary(opts(b));
    await save(a, 5, { title: 'جديد' });
    await a.delete('https://news.test/a/6');
    const up = await syncLibrary(opts(a));
    expect(up.uploaded).toBe(2);
    const down = await syncLibrary(opts(b));
    expect(down.applied).toBe(2);
    expect(await view(b)).toEqual(await view(a));
  });
});

describe('sync faults without a server', () => {
  it('an unreachable server is a clear error and the library is untouched', async () => {
    const a = await device();
    await save(a, 1);
    const error = await syncError(syncLibrary({ library: a, fetch, server: { url: 'http://127.0.0.1:9/', user: 'u', password: 'p' } }));
    expect(error.code).toBe('unreachable');
    expect(await a.count()).toBe(1);
  });
});

describe('sync with a server that is not WebDAV', () => {
  it('says so (rclone serve http: files over plain HTTP, PROPFIND refused), library untouched', async () => {
    const port = 20000 + Math.floor(Math.random() * 20000);
    const child = spawn('python3', ['-m', 'http.server', String(port), '--bind', '127.0.0.1', '--directory', tmpdir()], {
      stdio: 'ignore',
    });
    try {
      for (let i = 0; i < 200; i++) {
        const up = await fetch(`http://127.0.0.1:${port}/`).then(
          (r) => (r.body?.cancel(), true),
          () => false,
        );
        if (up) break;
        await new Promise((r) => setTimeout(r, 25));
      }
      const a = await device();
      await save(a, 1);
      const error = await syncError(
        syncLibrary({ library: a, fetch, server: { url: `http://127.0.0.1:${port}/`, user: 'u', password: 'p' } }),
      );
      expect(error.code).toBe('not-webdav');
      expect(error.message).toMatch(/does not speak WebDAV/);
      expect(await a.count()).toBe(1);
    } finally {
      child.kill();
    }
  });
});

describe('sync into a full server (507)', () => {
  let server: DavServer;
  beforeAll(async () => {
    server = await startDavServer('webdav-server', { quota: 20_000 });
  });
  afterAll(async () => {
    await server?.stop();
  });

  it('says the storage is full and loses nothing here', async () => {
    const a = await device();
    for (let i = 0; i < 30; i++) await save(a, i, { textContent: `نص ${i} `.repeat(200) });
    const before = await view(a);
    const error = await syncError(
      syncLibrary({ library: a, fetch, server: { url: server.url, user: server.user, password: server.password } }),
    );
    expect(error.code).toBe('full');
    expect(error.status).toBe(507);
    expect(error.message).toMatch(/full/);
    expect(await view(a)).toEqual(before);
  });
});
