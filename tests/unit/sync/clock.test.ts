// @vitest-environment node
import 'fake-indexeddb/auto';
import { IDBFactory } from 'fake-indexeddb';
import { describe, expect, it } from 'vitest';
import type { Article } from '../../../utils/article/types.ts';
import { compareHlc, legacyHlc, parseHlc, receive, tick } from '../../../utils/library/hlc.ts';
import { openLibrary } from '../../../utils/library/store.ts';
import { parseMultistatus } from '../../../utils/sync/webdav.ts';
import { minimalArticle } from '../helpers/article.ts';

const article = (url: string, title = 'عنوان'): Article => minimalArticle({ url, title });
const T = Date.UTC(2026, 0, 1);

describe('hybrid logical clock', () => {
  it('orders changes on one device even when its clock goes back', () => {
    const a = tick(undefined, T, 'aaa');
    const b = tick(a, T, 'aaa');
    const c = tick(b, T - 60_000, 'aaa');
    expect(compareHlc(a, b)).toBe(-1);
    expect(compareHlc(b, c)).toBe(-1);
    expect(parseHlc(c)).toEqual({ wall: T, counter: 2, node: 'aaa' });
  });

  it('stays ahead of what it saw from a device whose clock runs fast', () => {
    const remote = tick(undefined, T + 3_600_000, 'fast');
    const seen = receive(tick(undefined, T, 'slow'), remote, T, 'slow');
    expect(compareHlc(tick(seen, T + 1, 'slow'), remote)).toBe(1);
  });

  it('breaks ties by node, the same way everywhere; records before v3 lose every tie', () => {
    expect(compareHlc(tick(undefined, T, 'b'), tick(undefined, T, 'a'))).toBe(1);
    expect(compareHlc(legacyHlc(T), tick(undefined, T, 'a'))).toBe(-1);
  });
});

describe('library changes from sync', () => {
  it('applies a change only when its stamp is larger; a newer delete removes, an older one does not', async () => {
    let now = T;
    const lib = await openLibrary(new IDBFactory(), 'x', { clock: () => now });
    const saved = await lib.save(article('https://n.test/1'), { savedAt: T });
    const older = legacyHlc(T - 1);
    expect(await lib.applyRemote([{ id: saved.id, hlc: older }])).toEqual([]);
    expect(await lib.count()).toBe(1);
    const newer = tick(undefined, T + 1000, 'other');
    const incoming = { ...saved, article: article('https://n.test/1', 'من جهاز آخر') };
    expect(await lib.applyRemote([{ id: saved.id, hlc: newer, record: incoming }])).toEqual([saved.id]);
    expect((await lib.get(saved.id))?.article.title).toBe('من جهاز آخر');
    expect((await lib.entries())[0]?.title).toBe('من جهاز آخر');
    // A local change after that sorts after the remote stamp, though the clock is behind it.
    now = T + 10;
    const again = await lib.save(article('https://n.test/1', 'محلي'), { savedAt: T + 10 });
    expect(compareHlc(again.hlc!, newer)).toBe(1);
    const del = tick(again.hlc, T + 5000, 'other');
    expect(await lib.applyRemote([{ id: saved.id, hlc: del }])).toEqual([saved.id]);
    expect(await lib.count()).toBe(0);
    expect((await lib.versions()).get(saved.id)).toEqual({ hlc: del, deleted: true });
    // The deleted article does not come back from an older copy.
    expect(await lib.applyRemote([{ id: saved.id, hlc: again.hlc!, record: again }])).toEqual([]);
    expect(await lib.count()).toBe(0);
    lib.close();
  });
});

describe('PROPFIND answers', () => {
  it('reads hrefs and ETags whatever the namespace prefixes and entities', () => {
    const xml = `<?xml version="1.0"?><multistatus xmlns="DAV:"><response><href>/dav/Naqi/records/ab%20c</href>
      <propstat><prop><getetag>W/&quot;3-abc&quot;</getetag><resourcetype/></prop></propstat></response>
      <d:response xmlns:d="DAV:"><d:href>/dav/Naqi/records/</d:href><d:propstat><d:prop><lp1:getetag xmlns:lp1="DAV:">"x"</lp1:getetag>
      <d:resourcetype><d:collection/></d:resourcetype></d:prop></d:propstat></d:response></multistatus>`;
    expect(parseMultistatus(xml)).toEqual([
      { href: '/dav/Naqi/records/ab%20c', etag: 'W/"3-abc"', collection: false },
      { href: '/dav/Naqi/records/', etag: '"x"', collection: true },
    ]);
  });
});
