// @vitest-environment node
/**
 * The cheap incremental sync (issue 16): a device reads Naqi/naqi-changes (If-None-Match) and
 * lists the records only when another device has written since, or once a day; through REAL
 * WebDAV servers (Apache mod_dav, rclone).
 */
import 'fake-indexeddb/auto';
import { IDBFactory } from 'fake-indexeddb';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Article } from '../../../utils/article/types.ts';
import { openLibrary, type Library } from '../../../utils/library/store.ts';
import { fileIdOf } from '../../../utils/sync/crypto.ts';
import { syncLibrary, type SyncResult } from '../../../utils/sync/engine.ts';
import { startDavServer, type DavKind, type DavServer } from '../../../scripts/lib/dav-servers.ts';

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
const opened: Library[] = [];
async function device(): Promise<Library> {
  const lib = await openLibrary(new IDBFactory(), 'naqi-library');
  opened.push(lib);
  return lib;
}
afterEach(() => {
  for (const lib of opened.splice(0)) lib.close();
});

describe.each(['apache', 'rclone'] as DavKind[])('listing only when something changed, through %s', (kind) => {
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
  /** Counts PROPFIND requests (listings) besides syncing. */
  const sync = async (library: Library, now?: () => number): Promise<SyncResult & { listings: number }> => {
    let listings = 0;
    const counting: typeof fetch = (input, init) => {
      if (init?.method === 'PROPFIND') listings++;
      return fetch(input, init);
    };
    const result = await syncLibrary({
      library,
      fetch: counting,
      server: { url: server.url, user: server.user, password: server.password },
      ...(now ? { now } : {}),
    });
    return { ...result, listings };
  };

  it('with nothing changed anywhere a sync reads two small files and lists nothing; a change elsewhere is listed and read', async () => {
    const a = await device();
    const b = await device();
    for (let i = 0; i < 20; i++) await a.save(article(i));
    await sync(a);
    await sync(b);
    await sync(a);
    const idle = await sync(a);
    expect(idle.listings).toBe(0);
    expect(idle.requests).toBe(2); // the manifest, and naqi-changes (304)
    // B changes one article: A lists, and reads it.
    await b.save(article(3, 'عنوان جديد'));
    expect((await sync(b)).uploaded).toBe(1);
    const after = await sync(a);
    expect(after.listings).toBe(1);
    expect(after.applied).toBe(1);
    expect((await a.get('https://news.test/a/3'))?.article.title).toBe('عنوان جديد');
    // A change here is sent without a listing when nothing changed there.
    await sync(a);
    await a.save(article(4, 'عنوان آخر'));
    const up = await sync(a);
    expect([up.listings, up.uploaded]).toEqual([0, 1]);
    expect((await sync(b)).applied).toBe(1);
  });

  it('a sync cut off midway lists again next time', async () => {
    const a = await device();
    const b = await device();
    for (let i = 0; i < 100; i++) await a.save(article(i));
    await sync(a);
    let requests = 0;
    const cutting: typeof fetch = (input, init) => (++requests > 40 ? Promise.reject(new TypeError('network cut')) : fetch(input, init));
    await expect(
      syncLibrary({ library: b, fetch: cutting, server: { url: server.url, user: server.user, password: server.password } }),
    ).rejects.toThrow();
    const next = await sync(b);
    expect(next.listings).toBe(1);
    expect(await b.count()).toBe(100);
  });

  it('writes of a sync cut off before it said so are announced by its next sync', async () => {
    const a = await device();
    const b = await device();
    await a.save(article(1));
    await sync(a);
    await sync(b);
    await sync(b);
    await a.save(article(2));
    const noMark: typeof fetch = (input, init) =>
      init?.method === 'PUT' && String(input).endsWith('/naqi-changes') ? Promise.reject(new TypeError('network cut')) : fetch(input, init);
    await expect(
      syncLibrary({ library: a, fetch: noMark, server: { url: server.url, user: server.user, password: server.password } }),
    ).rejects.toThrow();
    expect((await sync(b)).listings).toBe(0); // not announced yet: B does not know
    const again = await sync(a);
    expect(again.uploaded).toBe(0);
    const seen = await sync(b);
    expect([seen.listings, seen.applied]).toEqual([1, 1]);
    expect(await b.count()).toBe(2);
  });

  it('a file written by something that does not say so is seen within a day', async () => {
    const a = await device();
    await a.save(article(1));
    await sync(a);
    await sync(a);
    const name = await fileIdOf('https://news.test/a/1', null);
    const put = await fetch(`${server.url}Naqi/records/${name}`, {
      method: 'PUT',
      headers: { Authorization: auth() },
      body: 'not a record',
    });
    await put.arrayBuffer();
    expect((await sync(a)).listings).toBe(0);
    const tomorrow = Date.now() + 25 * 3600 * 1000;
    const later = await sync(a, () => tomorrow);
    expect(later.listings).toBe(1);
    expect(later.unreadable).toBe(1);
    expect(later.uploaded).toBe(1); // the article, written again over the foreign file
  });
});
