// @vitest-environment node
/**
 * The cheap incremental sync (issue 16): a device reads Naqi/naqi-changes (If-None-Match) and
 * lists the records only when another device has written since, or once a day; through REAL
 * WebDAV servers (Apache mod_dav, rclone).
 */
import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { fileIdOf } from '../../../utils/sync/crypto.ts';
import type { SyncResult } from '../../../utils/sync/engine.ts';
import type { DavKind } from '../../../scripts/lib/dav-servers.ts';
import { article, deviceMaker, syncInTurn, useDavServer, type Device } from '../helpers/sync.ts';

describe.each(['apache', 'rclone'] as DavKind[])('listing only when something changed, through %s', (kind) => {
  const server = useDavServer(kind, { fresh: true });
  const device = deviceMaker(server);
  /** Syncs, counting the PROPFIND requests (listings) it makes. */
  const sync = async (d: Device, now?: () => number): Promise<SyncResult & { listings: number }> => {
    let listings = 0;
    const counting: typeof fetch = (input, init) => {
      if (init?.method === 'PROPFIND') listings++;
      return fetch(input, init);
    };
    const result = await d.sync({ fetch: counting, ...(now ? { now } : {}) });
    return { ...result, listings };
  };

  it('with nothing changed anywhere a sync reads two small files and lists nothing; a change elsewhere is listed and read', async () => {
    const a = await device();
    const b = await device();
    for (let i = 0; i < 20; i++) await a.save(article(i));
    await syncInTurn(a, b, a);
    const idle = await sync(a);
    expect(idle.listings).toBe(0);
    expect(idle.requests).toBe(2); // the manifest, and naqi-changes (304)
    // B changes one article: A lists, and reads it.
    await b.save(article(3, { title: 'عنوان جديد' }));
    expect((await sync(b)).uploaded).toBe(1);
    const after = await sync(a);
    expect(after.listings).toBe(1);
    expect(after.applied).toBe(1);
    expect((await a.get('https://news.test/a/3'))?.article.title).toBe('عنوان جديد');
    // A change here is sent without a listing when nothing changed there.
    await sync(a);
    await a.save(article(4, { title: 'عنوان آخر' }));
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
    await expect(b.sync({ fetch: cutting })).rejects.toThrow();
    const next = await sync(b);
    expect(next.listings).toBe(1);
    expect(await b.count()).toBe(100);
  });

  it('writes of a sync cut off before it said so are announced by its next sync', async () => {
    const a = await device();
    const b = await device();
    await a.save(article(1));
    await syncInTurn(a, b, b);
    await a.save(article(2));
    const noMark: typeof fetch = (input, init) =>
      init?.method === 'PUT' && String(input).endsWith('/naqi-changes') ? Promise.reject(new TypeError('network cut')) : fetch(input, init);
    await expect(a.sync({ fetch: noMark })).rejects.toThrow();
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
    await syncInTurn(a, a);
    await server.put(`records/${await fileIdOf('https://news.test/a/1', null)}`, 'not a record');
    expect((await sync(a)).listings).toBe(0);
    const tomorrow = Date.now() + 25 * 3600 * 1000;
    const later = await sync(a, () => tomorrow);
    expect(later.listings).toBe(1);
    expect(later.unreadable).toBe(1);
    expect(later.uploaded).toBe(1); // the article, written again over the foreign file
  });
});
