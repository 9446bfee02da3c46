// @vitest-environment node
/**
 * Old deletions are forgotten (issue 16): tombstones do not grow forever, and a deleted article
 * never comes back, through REAL WebDAV servers (Apache mod_dav, rclone) and a fake clock that
 * the libraries and sync share.
 */
import 'fake-indexeddb/auto';
import { IDBFactory } from 'fake-indexeddb';
import { readdirSync, readFileSync, statSync, utimesSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Article } from '../../../utils/article/types.ts';
import { openLibrary, type Library } from '../../../utils/library/store.ts';
import { LOCAL_TOMBSTONE_DAYS, SERVER_TOMBSTONE_DAYS, syncLibrary, type SyncResult } from '../../../utils/sync/engine.ts';
import { startDavServer, type DavKind, type DavServer } from '../../../scripts/lib/dav-servers.ts';

const DAY = 24 * 3600 * 1000;
/**
 * Set back 400 days before each test, so that the ~7 months a test moves it forward stay before
 * the real clock (saves and stamps after the real now are refused as a device with a wrong clock).
 */
let time = 0;
beforeEach(() => {
  time = Date.now() - 400 * DAY;
});
const clock = (): number => time;

const article = (n: number, title = `عنوان ${n}`): Article => ({
  url: `https://news.test/a/${n}`,
  title,
  lang: 'ar',
  dir: 'rtl',
  contentHtml: `<p>نص ${n}</p>`,
  textContent: `نص ${n}`,
  wordCount: 2,
  readingMinutes: 1,
  removed: [],
});
const id = (n: number): string => `https://news.test/a/${n}`;

const opened: Library[] = [];
async function device(): Promise<Library> {
  const lib = await openLibrary(new IDBFactory(), 'naqi-library', { clock });
  opened.push(lib);
  return lib;
}
afterEach(() => {
  for (const lib of opened.splice(0)) lib.close();
});
const titles = async (lib: Library): Promise<Record<string, string>> =>
  Object.fromEntries((await lib.all()).map((r) => [r.id, r.article.title]));
const tombstones = async (lib: Library): Promise<string[]> => [...(await lib.versions())].filter(([, v]) => v.deleted).map(([i]) => i);

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((n) => (statSync(join(dir, n)).isDirectory() ? filesUnder(join(dir, n)) : [join(dir, n)]));
}

describe.each(['apache', 'rclone'] as DavKind[])('pruning old deletions through %s', (kind) => {
  let server: DavServer;
  beforeAll(async () => {
    server = await startDavServer(kind);
  });
  afterAll(async () => {
    await server?.stop();
  });
  const auth = (): string => `Basic ${btoa(`${server.user}:${server.password}`)}`;
  afterEach(async () => {
    const response = await fetch(`${server.url}Naqi/`, { method: 'DELETE', headers: { Authorization: auth() } });
    await response.arrayBuffer();
  });
  /**
   * The server's files age with the fake clock: Apache names a file changed in the last second
   * with a weak ETag, which no delete can be made conditional on, and these tests run in less.
   */
  const age = (): void => {
    const past = new Date(Date.now() - 3600_000);
    for (const file of records()) utimesSync(file, past, past);
  };
  const records = (): string[] => filesUnder(server.data).filter((f) => /[/\\]records[/\\][0-9a-f]{32}$/.test(f));
  const sync = (library: Library): Promise<SyncResult> =>
    syncLibrary({ library, fetch, now: clock, server: { url: server.url, user: server.user, password: server.password } });

  it('a tombstone is forgotten here once pushed and old, and on the server after the horizon; nothing comes back', async () => {
    const a = await device();
    const b = await device();
    await a.save(article(1), { savedAt: time });
    await a.save(article(2), { savedAt: time });
    await sync(a);
    await sync(b);
    await a.delete(id(1));
    await sync(a);
    await sync(b);
    expect(await titles(b)).toEqual({ [id(2)]: 'عنوان 2' });
    expect(await tombstones(a)).toEqual([id(1)]);

    // Young tombstones stay; past LOCAL_TOMBSTONE_DAYS each device forgets its own copy.
    time += (LOCAL_TOMBSTONE_DAYS - 1) * DAY;
    expect((await sync(a)).pruned).toEqual({ server: 0, local: 0 });
    time += 2 * DAY;
    expect((await sync(a)).pruned).toEqual({ server: 0, local: 1 });
    expect((await sync(b)).pruned).toEqual({ server: 0, local: 1 });
    expect(await tombstones(a)).toEqual([]);
    expect(await tombstones(b)).toEqual([]);
    expect(records()).toHaveLength(2); // the server still holds the deletion

    // Past SERVER_TOMBSTONE_DAYS the tombstone file goes too; the article stays deleted everywhere.
    time += SERVER_TOMBSTONE_DAYS * DAY;
    age();
    expect((await sync(a)).pruned).toEqual({ server: 1, local: 0 });
    expect(records()).toHaveLength(1);
    const again = await sync(b);
    expect(again.uploaded).toBe(0);
    expect(again.reconciled).toBe(0);
    for (const lib of [a, b]) {
      await sync(lib);
      expect(await titles(lib)).toEqual({ [id(2)]: 'عنوان 2' });
    }
    expect(records()).toHaveLength(1);
  });

  it('a device away longer than the horizon does not bring a deleted article back, and keeps its own changes', async () => {
    const a = await device();
    const away = await device();
    await a.save(article(1), { savedAt: time });
    await a.save(article(2), { savedAt: time });
    await a.save(article(3), { savedAt: time });
    await sync(a);
    await sync(away);
    await a.delete(id(1));
    await sync(a);
    // While the other device is away, A forgets the deletion here and, later, on the server.
    time += (LOCAL_TOMBSTONE_DAYS + 1) * DAY;
    await sync(a);
    time += SERVER_TOMBSTONE_DAYS * DAY;
    age();
    expect((await sync(a)).pruned.server).toBe(1);
    // The device that was away changed article 3 meanwhile.
    await away.save(article(3, 'عنوان 3 معدّل'), { savedAt: time });
    time += DAY;
    const back = await sync(away);
    expect(back.reconciled).toBe(1);
    expect(await titles(away)).toEqual({ [id(2)]: 'عنوان 2', [id(3)]: 'عنوان 3 معدّل' });
    await sync(a);
    expect(await titles(a)).toEqual({ [id(2)]: 'عنوان 2', [id(3)]: 'عنوان 3 معدّل' });
  });

  it('a device away longer than the horizon finds an emptied server: it loses nothing and uploads all', async () => {
    const away = await device();
    await away.save(article(1), { savedAt: time });
    await away.save(article(2), { savedAt: time });
    await sync(away);
    const response = await fetch(`${server.url}Naqi/`, { method: 'DELETE', headers: { Authorization: auth() } });
    await response.arrayBuffer();
    // Another device starts the server afresh with a library of its own.
    const other = await device();
    await other.save(article(5), { savedAt: time });
    await sync(other);
    time += (SERVER_TOMBSTONE_DAYS + 10) * DAY;
    const back = await sync(away);
    expect(back.reconciled).toBe(0);
    expect(back.uploaded).toBe(2);
    expect(Object.keys(await titles(away)).sort()).toEqual([id(1), id(2), id(5)]);
  });

  it('an older copy written over a deletion the device has forgotten is not applied: the deletion is written again', async () => {
    const a = await device();
    await a.save(article(1), { savedAt: time });
    await sync(a);
    const [file] = records();
    const before = readFileSync(file as string);
    await a.delete(id(1));
    await sync(a);
    time += (LOCAL_TOMBSTONE_DAYS + 1) * DAY;
    expect((await sync(a)).pruned.local).toBe(1);
    // A server that ignores If-Match takes a late, blind write of the old copy.
    const put = await fetch(`${server.url}Naqi/records/${(file as string).split(/[/\\]/).pop()}`, {
      method: 'PUT',
      headers: { Authorization: auth() },
      body: before,
    });
    await put.arrayBuffer();
    expect(put.ok).toBe(true);
    // The device that wrote it says so, as every device does after it writes.
    const bump = await fetch(`${server.url}Naqi/naqi-changes`, { method: 'PUT', headers: { Authorization: auth() }, body: 'late' });
    await bump.arrayBuffer();
    time += 1000;
    const after = await sync(a);
    expect(after.applied).toBe(0);
    expect(after.uploaded).toBe(1);
    expect(await a.count()).toBe(0);
    expect(statSync(file as string).size).toBeLessThan(before.byteLength);
    const b = await device();
    await sync(b);
    expect(await b.count()).toBe(0);
  });
});
