// @vitest-environment node
/**
 * Changing the passphrase of the library on the server (issue 16) through REAL WebDAV servers
 * (Apache mod_dav, rclone): everything is encrypted again under the new key, other devices get a
 * clear error until they have the new passphrase, and a change cut off anywhere leaves one whole
 * library on the server, never a mix.
 */
import 'fake-indexeddb/auto';
import { IDBFactory } from 'fake-indexeddb';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Article } from '../../../utils/article/types.ts';
import { openLibrary, type Library } from '../../../utils/library/store.ts';
import { changePassphrase, syncLibrary, SyncError, type SyncOptions } from '../../../utils/sync/engine.ts';
import { startDavServer, type DavKind, type DavServer } from '../../../scripts/lib/dav-servers.ts';

const article = (n: number): Article => ({
  url: `https://news.test/a/${n}`,
  title: `عنوان ${n}`,
  lang: 'ar',
  dir: 'rtl',
  contentHtml: `<p>نص ${n}</p>`,
  textContent: `نص ${n} SECRETWORD${n}`,
  wordCount: 2,
  readingMinutes: 1,
  removed: [],
});

const opened: Library[] = [];
async function device(): Promise<Library> {
  const lib = await openLibrary(new IDBFactory(), 'naqi-library');
  opened.push(lib);
  return lib;
}
afterEach(() => {
  for (const lib of opened.splice(0)) lib.close();
});
const view = async (lib: Library): Promise<Record<string, string>> =>
  Object.fromEntries((await lib.all()).map((r) => [r.id, r.article.textContent]));
const tombstones = async (lib: Library): Promise<string[]> => [...(await lib.versions())].filter(([, v]) => v.deleted).map(([i]) => i);

async function failure(promise: Promise<unknown>): Promise<SyncError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(SyncError);
  return error as SyncError;
}

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((n) => (statSync(join(dir, n)).isDirectory() ? filesUnder(join(dir, n)) : [join(dir, n)]));
}

describe.each(['apache', 'rclone'] as DavKind[])('changing the passphrase through %s', (kind) => {
  let server: DavServer;
  beforeAll(async () => {
    server = await startDavServer(kind);
  });
  afterAll(async () => {
    await server?.stop();
  });
  afterEach(async () => {
    const response = await fetch(`${server.url}Naqi/`, {
      method: 'DELETE',
      headers: { Authorization: `Basic ${btoa(`${server.user}:${server.password}`)}` },
    });
    await response.arrayBuffer();
  });
  const opts = (library: Library, passphrase: string, over: Partial<SyncOptions> = {}): SyncOptions => ({
    library,
    fetch,
    server: { url: server.url, user: server.user, password: server.password },
    ...(passphrase ? { passphrase } : {}),
    ...over,
  });
  /** The folders under Naqi/ on the server (records folders). */
  const folders = (): string[] =>
    readdirSync(join(server.data, 'Naqi')).filter((n) => statSync(join(server.data, 'Naqi', n)).isDirectory());
  const serverText = (): string =>
    filesUnder(join(server.data, 'Naqi'))
      .map((f) => readFileSync(f, 'latin1'))
      .join('\n');

  it('re-encrypts everything; another device gets a clear error with the old passphrase and all with the new', async () => {
    const a = await device();
    const b = await device();
    for (let i = 1; i <= 5; i++) await a.save(article(i));
    await a.delete('https://news.test/a/5');
    await syncLibrary(opts(a, 'old one'));
    await syncLibrary(opts(b, 'old one'));
    // B saves an article A has not seen yet: the change brings it along.
    await b.save(article(6));
    await syncLibrary(opts(b, 'old one'));

    const change = await changePassphrase({ ...opts(a, 'old one'), newPassphrase: 'الجديدة' });
    expect(change.written).toBe(6); // five articles and one deletion
    expect(folders()).toHaveLength(1);
    expect(folders()[0]).toMatch(/^r-[0-9a-f]{20}$/);
    expect(serverText()).not.toMatch(/SECRETWORD/);

    const before = await view(b);
    const stale = await failure(syncLibrary(opts(b, 'old one')));
    expect(stale.code).toBe('passphrase');
    expect(await view(b)).toEqual(before);
    await syncLibrary(opts(b, 'الجديدة'));
    expect(await view(b)).toEqual(await view(a));
    expect(Object.keys(await view(a))).toHaveLength(5);
    const c = await device();
    await syncLibrary(opts(c, 'الجديدة'));
    expect(await view(c)).toEqual(await view(a));
    expect(await tombstones(c)).toEqual(['https://news.test/a/5']);
    // A's own state is the new library's: nothing to write or apply on its next sync (Apache's
    // weak ETags, for files written in the last second, are read once more: see sameEtag).
    const next = await syncLibrary(opts(a, 'الجديدة'));
    expect([next.applied, next.uploaded]).toEqual([0, 0]);
  });

  it('a wrong current passphrase is a clear error and nothing changes, here or on the server', async () => {
    const a = await device();
    for (let i = 1; i <= 3; i++) await a.save(article(i));
    await syncLibrary(opts(a, 'old one'));
    const snapshot = filesUnder(server.data)
      .filter((f) => f.includes('Naqi'))
      .map((f) => [f, readFileSync(f).toString('base64')]);
    const error = await failure(changePassphrase({ ...opts(a, 'not it'), newPassphrase: 'new one' }));
    expect(error.code).toBe('passphrase');
    expect(error.message).toMatch(/passphrase is wrong/);
    expect(
      filesUnder(server.data)
        .filter((f) => f.includes('Naqi'))
        .map((f) => [f, readFileSync(f).toString('base64')]),
    ).toEqual(snapshot);
    expect(Object.keys(await view(a))).toHaveLength(3);
  });

  it('cut off midway (the server killed) leaves the old library whole; run again, it completes', async () => {
    const a = await device();
    for (let i = 1; i <= 30; i++) await a.save(article(i));
    await syncLibrary(opts(a, 'old one'));
    let writes = 0;
    const killing: typeof fetch = (input, init) => {
      if (init?.method === 'PUT' && /\/Naqi\/r-/.test(String(input)) && ++writes === 8) void server.kill();
      return fetch(input, init);
    };
    const cut = await failure(changePassphrase({ ...opts(a, 'old one', { fetch: killing }), newPassphrase: 'new one' }));
    expect(cut.code).toBe('unreachable');
    await server.start();
    // The old passphrase still opens the whole library on the server.
    const b = await device();
    await syncLibrary(opts(b, 'old one'));
    expect(await view(b)).toEqual(await view(a));
    // Run again: it resumes into the same new folder, and completes.
    const half = folders().find((n) => n.startsWith('r-'));
    await changePassphrase({ ...opts(a, 'old one'), newPassphrase: 'new one' });
    expect(folders()).toEqual([half]);
    const c = await device();
    await syncLibrary(opts(c, 'new one'));
    expect(Object.keys(await view(c))).toHaveLength(30);
    expect(await view(c)).toEqual(await view(a));
  });

  it('cut off after the switch, before the old files are removed: the next device to sync removes them', async () => {
    const a = await device();
    for (let i = 1; i <= 4; i++) await a.save(article(i));
    await syncLibrary(opts(a, ''));
    const noDelete: typeof fetch = (input, init) =>
      init?.method === 'DELETE' ? Promise.reject(new TypeError('network cut')) : fetch(input, init);
    await changePassphrase({ ...opts(a, '', { fetch: noDelete }), newPassphrase: 'now encrypted' });
    expect(folders().sort()).toEqual([expect.stringMatching(/^r-/), 'records']);
    expect(existsSync(join(server.data, 'Naqi', 'records'))).toBe(true);
    const b = await device();
    await syncLibrary(opts(b, 'now encrypted'));
    expect(folders()).toEqual([expect.stringMatching(/^r-/)]);
    expect(serverText()).not.toMatch(/SECRETWORD/);
    expect(await view(b)).toEqual(await view(a));
  });
});
