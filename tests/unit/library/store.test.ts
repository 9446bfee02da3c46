// @vitest-environment node
import 'fake-indexeddb/auto';
import { IDBFactory } from 'fake-indexeddb';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Article } from '../../../utils/article/types.ts';
import { canonicalId, entryOf, imageSources } from '../../../utils/library/derived.ts';
import { LibraryError } from '../../../utils/library/errors.ts';
import { MIGRATIONS, SCHEMA_VERSION, type LibraryRecord, type Migration } from '../../../utils/library/schema.ts';
import { openLibrary, type Library } from '../../../utils/library/store.ts';
import { rankEntries, SearchIndex } from '../../../utils/library/search.ts';
import { exportLibrary, importLibrary } from '../../../utils/library/backup.ts';
import { minimalArticle } from '../helpers/article.ts';

const article = (over: Partial<Article> = {}): Article => minimalArticle(over);

/** A record without its change stamp: what the reader sees of it. */
const content = (record: LibraryRecord | undefined): Omit<LibraryRecord, 'hlc'> | undefined => {
  if (!record) return record;
  const rest = { ...record };
  delete rest.hlc;
  return rest;
};

const opened: Library[] = [];
async function fresh(factory: IDBFactory = new IDBFactory(), name?: string): Promise<Library> {
  const lib = await openLibrary(factory, name);
  opened.push(lib);
  return lib;
}
afterEach(() => {
  vi.restoreAllMocks();
  for (const lib of opened.splice(0)) lib.close();
});

const AT = Date.UTC(2024, 4, 7, 12);
const EXPORTED_AT = new Date(Date.UTC(2024, 5, 1));

async function expectLibraryError(promise: Promise<unknown>, code: LibraryError['code']): Promise<LibraryError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(LibraryError);
  expect((error as LibraryError).code).toBe(code);
  expect((error as LibraryError).message.length).toBeGreaterThan(20);
  return error as LibraryError;
}

describe('canonicalId', () => {
  it('drops the hash and utm_* / click-id parameters, keeps the others', () => {
    expect(canonicalId('https://news.test/a/1?utm_source=x&id=5&utm_medium=y#top')).toBe('https://news.test/a/1?id=5');
    expect(canonicalId('https://news.test/a/1?fbclid=abc#c')).toBe('https://news.test/a/1');
    expect(canonicalId('not a url ')).toBe('not a url');
  });
});

describe('library store', () => {
  it('saves and gets a record, with a list entry holding the folded words once each', async () => {
    const lib = await fresh();
    const saved = await lib.save(article({ title: 'اقرأ أيضاً', textContent: 'الكتابُ، الكتاب.' }), { savedAt: AT });
    expect(saved.id).toBe('https://news.test/a/1');
    const got = await lib.get(saved.id);
    expect(got).toEqual(saved);
    const [entry] = await lib.entries();
    expect(entry).toMatchObject({ id: saved.id, title: 'اقرأ أيضاً', savedAt: AT, dir: 'rtl' });
    expect(await lib.searchEntries()).toEqual([{ id: saved.id, savedAt: AT, titleText: 'اقرا ايضا', terms: ' اقرا ايضا الكتاب ' }]);
    expect(got?.firstSavedAt).toBe(AT);
    expect(await lib.count()).toBe(1);
  });

  it('saving the same URL again (other hash / utm) updates in place and keeps firstSavedAt', async () => {
    const lib = await fresh();
    await lib.save(article({ title: 'v1' }), { savedAt: AT });
    const again = await lib.save(article({ url: 'https://news.test/a/1?utm_source=tw#x', title: 'v2' }), { savedAt: AT + 1000 });
    expect(await lib.count()).toBe(1);
    expect(again).toMatchObject({ id: 'https://news.test/a/1', savedAt: AT + 1000, firstSavedAt: AT });
    expect((await lib.get('https://news.test/a/1'))?.article.title).toBe('v2');
  });

  it('keeps images from Blobs, keeps them on a re-save without images, and drops those the article no longer shows', async () => {
    const lib = await fresh();
    const withImage = {
      leadImage: { src: 'https://img.test/a.png' },
      contentHtml: '<p>نص</p><img src="https://img.test/b.png?w=1&amp;h=2">',
    };
    const blob = new Blob([new Uint8Array([137, 80, 78, 71, 0, 255])], { type: 'image/png' });
    await lib.save(article(withImage), { savedAt: AT, images: { 'https://img.test/a.png': blob } });
    await lib.save(article({ ...withImage, title: 'again' }), { savedAt: AT + 1 });
    const image = (await lib.get('https://news.test/a/1'))?.images['https://img.test/a.png'];
    expect(image?.type).toBe('image/png');
    expect(Array.from(image?.bytes ?? [])).toEqual([137, 80, 78, 71, 0, 255]);
    // The list knows one image is offline and one (b.png, its &amp; decoded) still loads from the site.
    expect((await lib.entries())[0]).toMatchObject({ imagesSaved: 1, imagesRemote: 1 });
    expect(imageSources(article(withImage))).toEqual(['https://img.test/a.png', 'https://img.test/b.png?w=1&h=2']);
    await lib.save(article({ title: 'no image now' }), { savedAt: AT + 2 });
    expect((await lib.get('https://news.test/a/1'))?.images).toEqual({});
  });

  it('lists entries newest first, all or the first few', async () => {
    const lib = await fresh();
    for (const i of [2, 0, 4, 1, 3]) await lib.save(article({ url: `https://news.test/a/${i}` }), { savedAt: AT + i * 1000 });
    const newest = [4, 3, 2, 1, 0].map((i) => `https://news.test/a/${i}`);
    expect((await lib.entries()).map((e) => e.id)).toEqual(newest);
    expect((await lib.entries({ limit: 2 })).map((e) => e.id)).toEqual(newest.slice(0, 2));
  });

  it('delete returns the records (one or several) and restore brings them back unchanged, entries too', async () => {
    const lib = await fresh();
    const saved = await lib.save(article(), { savedAt: AT });
    const removed = await lib.delete(saved.id);
    expect(removed).toEqual([saved]);
    expect(await lib.get(saved.id)).toBeUndefined();
    expect(await lib.entries()).toEqual([]);
    expect(await lib.delete(saved.id)).toEqual([]);
    await lib.restore(removed);
    // The same article again, stamped as a change made now: sync spreads the undo too.
    const back = await lib.get(saved.id);
    expect(content(back)).toEqual(content(saved));
    expect(back!.hlc! > saved.hlc!).toBe(true);
    expect((await lib.versions()).get(saved.id)).toEqual({ hlc: back!.hlc, deleted: false });
    const others = [
      await lib.save(article({ url: 'https://news.test/b' }), { savedAt: AT + 1 }),
      await lib.save(article({ url: 'https://news.test/c' }), { savedAt: AT + 2 }),
    ];
    const many = await lib.delete([others[0]!.id, 'https://news.test/missing', others[1]!.id]);
    expect(many.map((r) => r.id)).toEqual(['https://news.test/b', 'https://news.test/c']);
    expect((await lib.entries()).map((e) => e.id)).toEqual([saved.id]);
    expect((await lib.searchEntries()).map((e) => e.id)).toEqual([saved.id]);
    await lib.restore(many);
    expect(await lib.count()).toBe(3);
    expect((await lib.entries()).map((e) => e.id)).toEqual(['https://news.test/c', 'https://news.test/b', saved.id]);
  });

  it('clear empties the library', async () => {
    const lib = await fresh();
    await lib.save(article(), { savedAt: AT });
    await lib.clear();
    expect(await lib.count()).toBe(0);
  });

  it('a full disk rejects with code quota and writes nothing', async () => {
    const lib = await fresh();
    await lib.save(article({ title: 'before' }), { savedAt: AT });
    vi.spyOn(IDBObjectStore.prototype, 'put').mockImplementation(() => {
      throw new DOMException('full', 'QuotaExceededError');
    });
    await expectLibraryError(lib.save(article({ title: 'after' }), { savedAt: AT + 1 }), 'quota');
    await expectLibraryError(lib.save(article({ url: 'https://news.test/new' })), 'quota');
    vi.restoreAllMocks();
    expect(await lib.count()).toBe(1);
    expect((await lib.get('https://news.test/a/1'))?.article.title).toBe('before');
  });

  it('putAll with a record that cannot be stored mid-batch writes none of the batch', async () => {
    const lib = await fresh();
    await lib.save(article(), { savedAt: AT });
    const good = (n: number): LibraryRecord => ({
      id: `id${n}`,
      url: `u${n}`,
      article: article(),
      savedAt: n,
      firstSavedAt: n,
      images: {},
    });
    const bad = { ...good(2), article: { ...article(), oops: () => 1 } } as unknown as LibraryRecord; // not cloneable
    await expectLibraryError(lib.putAll([good(1), bad, good(3)]), 'write');
    expect(await lib.count()).toBe(1);
    expect(await lib.get('id1')).toBeUndefined();
  });
});

describe('search', () => {
  async function seeded(): Promise<Library> {
    const lib = await fresh();
    const docs: [string, string, string][] = [
      ['a', 'اقرأ أيضاً: أخبار المدينة', 'نص عن المدينة'],
      ['b', 'تقرير', 'زيارة إلى مستشفى المدينة الكبير'],
      ['c', 'كتاب جديد', 'معرض الكتاب'],
      ['d', 'חֲדָשׁוֹת היום', 'שָׁלוֹם עולם'],
      ['e', 'خبر عاجل', 'مقال يذكر كتاب التاريخ واقرأ أيضا المزيد'],
      ['f', 'English Headline', 'Body about Reading'],
    ];
    for (const [i, [id, title, text]] of docs.entries()) {
      await lib.save(article({ url: `https://news.test/${id}`, title, textContent: text }), { savedAt: AT + i });
    }
    return lib;
  }
  const ids = (list: string[]): string[] => list.map((u) => u.replace('https://news.test/', ''));
  const find = async (query: string): Promise<string[]> => ids(rankEntries(await (await seeded()).searchEntries(), query));

  it('folds hamza, tanween and alef forms: «اقرا ايضا» finds «اقرأ أيضاً», title matches first', async () => {
    expect(await find('اقرا ايضا')).toEqual(['a', 'e']);
  });

  it('folds yaa forms: «مستشفي» finds «مستشفى»', async () => {
    expect(await find('مستشفي')).toEqual(['b']);
    expect(await find('مستشفى')).toEqual(['b']);
  });

  it('Persian ک finds Arabic ك; title hits rank before body hits', async () => {
    expect(await find('کتاب')).toEqual(['c', 'e']);
  });

  it('Hebrew with or without niqqud', async () => {
    expect(await find('חדשות')).toEqual(['d']);
    expect(await find('שָׁלוֹם')).toEqual(['d']);
    expect(await find('שלום')).toEqual(['d']);
  });

  it('every word must match, inside a word («المدينه» finds «بالمدينة»-like forms); Latin is case-insensitive; empty queries find nothing', async () => {
    expect(await find('مستشفى المدينة')).toEqual(['b']);
    expect(await find('مستشفى غائب')).toEqual([]);
    expect(await find('READING headline')).toEqual(['f']);
    expect(await find('دينه')).toEqual(['a', 'b']);
    expect(await find('  ً ـ ')).toEqual([]);
    expect(await find('')).toEqual([]);
  });

  it('as you type, each keystroke narrows the previous hits and gives what a fresh search gives', async () => {
    const entries = await (await seeded()).searchEntries();
    const index = new SearchIndex(entries);
    const scanned: number[] = [];
    const spy = vi.spyOn(String.prototype, 'includes');
    for (const query of ['ا', 'ال', 'الم', 'المد', 'المدينه', 'المدينه ك', 'المدينه كب', 'م', 'كتاب']) {
      spy.mockClear();
      const hits = index.search(query).map((e) => e.id);
      scanned.push(spy.mock.calls.length);
      expect(hits).toEqual(rankEntries(entries, query));
    }
    spy.mockRestore();
    // «المدينه ك» only looks at what «المدينه» found (a, b); a new query («م») looks at all again.
    expect(scanned[5]).toBeLessThan(scanned[0]!);
    expect(index.search('مستشفى').map((e) => ids([e.id])[0])).toEqual(['b']);
  });
});

describe('migrations with real data', () => {
  /** A library exactly as Naqi v1 wrote it: one store, records with searchText, no entries. */
  async function v1Library(factory: IDBFactory, records: object[]): Promise<void> {
    const lib = await openLibrary(factory, 'old', { version: 1, migrations: { 1: MIGRATIONS[1] as Migration } });
    const tx = lib.db.transaction('articles', 'readwrite');
    for (const record of records) await tx.store.put(record as LibraryRecord);
    await tx.done;
    lib.close();
  }

  it('v1 → v2: every record keeps its article and images, gains a list entry, loses searchText; search works', async () => {
    const factory = new IDBFactory();
    const seed = article({
      url: 'https://www.enabbaladi.net/archives/123',
      title: 'التحالف يؤكد استمرار عملياته العسكرية في سوريا',
      siteName: 'عنب بلدي',
      textContent: 'وتنتشر القوات الأمريكية بشكل مركز في شمال شرقي سوريا',
      leadImage: { src: 'https://img.test/lead.jpg', caption: 'جنود' },
    });
    const old = [
      {
        id: seed.url,
        url: seed.url,
        article: seed,
        savedAt: AT,
        firstSavedAt: AT - 5,
        searchText: 'old',
        images: { 'https://img.test/lead.jpg': { type: 'image/jpeg', bytes: new Uint8Array([255, 216, 255]) } },
      },
      {
        id: 'https://news.test/he',
        url: 'https://news.test/he',
        article: article({ url: 'https://news.test/he', title: 'חדשות', lang: 'he' }),
        savedAt: AT + 1,
        firstSavedAt: AT + 1,
        searchText: 'x',
        images: {},
      },
    ];
    await v1Library(factory, old);
    const lib = await openLibrary(factory, 'old');
    opened.push(lib);
    expect(lib.db.version).toBe(SCHEMA_VERSION);
    expect(Array.from(lib.db.objectStoreNames).sort()).toEqual(['articles', 'entries', 'meta', 'search', 'tombstones']);
    const records = await lib.all();
    expect(records.map((r) => 'searchText' in r)).toEqual([false, false]);
    expect(records.map(({ id, article: a, images, savedAt, firstSavedAt }) => ({ id, a, images, savedAt, firstSavedAt }))).toEqual(
      [old[1]!, old[0]!].map(({ id, article: a, images, savedAt, firstSavedAt }) => ({ id, a, images, savedAt, firstSavedAt })),
    );
    // all() is in id order (news.test before www.enabbaladi.net); entries newest first.
    expect(await lib.entries()).toEqual([entryOf(records[0]!), entryOf(records[1]!)]);
    expect((await lib.entries())[1]).toMatchObject({ imagesSaved: 1, imagesRemote: 0, siteName: 'عنب بلدي' });
    expect(rankEntries(await lib.searchEntries(), 'يوكد العسكريه')).toEqual([seed.url]);
    expect((await lib.searchEntries()).map((e) => e.id).sort()).toEqual(records.map((r) => r.id));
  });

  it('a fresh install runs every step; a later step runs on a v2 database and keeps its data', async () => {
    const factory = new IDBFactory();
    const v2 = await openLibrary(factory, 'next');
    await v2.save(article(), { savedAt: AT });
    v2.close();
    const later: Migration = (_db, tx) => {
      tx.objectStore('entries').createIndex('lang', 'lang');
    };
    const next = SCHEMA_VERSION + 1;
    const lib = await openLibrary(factory, 'next', { version: next, migrations: { ...MIGRATIONS, [next]: later } });
    opened.push(lib);
    expect(lib.db.version).toBe(next);
    expect(Array.from(lib.db.transaction('entries').store.indexNames).sort()).toEqual(['lang', 'savedAt']);
    expect((await lib.entries()).map((e) => e.id)).toEqual(['https://news.test/a/1']);
    const blank = await openLibrary(factory, 'blank', { version: next, migrations: { ...MIGRATIONS, [next]: later } });
    opened.push(blank);
    expect(Array.from(blank.db.objectStoreNames).sort()).toEqual(['articles', 'entries', 'meta', 'search', 'tombstones']);
  });

  it('a database from a newer Naqi is refused with code version', async () => {
    const factory = new IDBFactory();
    const newer = await openLibrary(factory, 'newer', {
      version: SCHEMA_VERSION + 1,
      migrations: { ...MIGRATIONS, [SCHEMA_VERSION + 1]: () => undefined },
    });
    newer.close();
    await expectLibraryError(openLibrary(factory, 'newer'), 'version');
  });
});

describe('backup', () => {
  const png = new Uint8Array(Array.from({ length: 3000 }, (_, i) => (i * 7) % 256));

  async function filled(n: number): Promise<Library> {
    const lib = await fresh();
    const records: LibraryRecord[] = Array.from({ length: n }, (_, i) => ({
      id: `https://news.test/${String(i).padStart(5, '0')}`,
      url: `https://news.test/${String(i).padStart(5, '0')}`,
      article: article({
        url: `https://news.test/${String(i).padStart(5, '0')}`,
        title: `مقال رقم ${i} «اقرأ أيضاً»`,
        byline: i % 2 ? 'كاتب' : undefined,
        textContent: `فقرة ${i}\n\nفقرة ثانية`,
        leadImage: i % 3 === 0 ? { src: `https://img.test/${i}.png`, caption: 'تعليق' } : undefined,
        removed: [{ kind: 'related', text: 'مقالات متعلقة' }],
      }),
      savedAt: AT + i,
      firstSavedAt: AT - i,
      images: {},
    }));
    await lib.putAll(records);
    await lib.save(article({ url: 'https://news.test/with-image', leadImage: { src: 'https://img.test/x.png' } }), {
      savedAt: AT,
      images: { 'https://img.test/x.png': new Blob([png], { type: 'image/png' }) },
    });
    return lib;
  }

  it('export → clear → import → export is identical (1,200 records and an image blob)', async () => {
    const lib = await filled(1200);
    const first = await exportLibrary(lib, { exportedAt: EXPORTED_AT });
    const before = await lib.all();
    await lib.clear();
    expect(await lib.count()).toBe(0);
    expect(await importLibrary(lib, first)).toMatchObject({ added: 1201, updated: 0, kept: 0 });
    const second = await exportLibrary(lib, { exportedAt: EXPORTED_AT });
    expect(second).toBe(first);
    expect((await lib.all()).map(content)).toEqual(before.map(content));
    const parsed = JSON.parse(first) as { format: string; version: number; records: { id: string }[] };
    expect(parsed.format).toBe('naqi-library');
    expect(parsed.version).toBe(1);
    expect(parsed.records.map((r) => r.id)).toEqual([...parsed.records.map((r) => r.id)].sort());
    expect(Array.from((await lib.get('https://news.test/with-image'))?.images['https://img.test/x.png']?.bytes ?? [])).toEqual(
      Array.from(png),
    );
  });

  it('round trip into a new database is identical too', async () => {
    const text = await exportLibrary(await filled(20), { exportedAt: EXPORTED_AT });
    const other = await fresh();
    await importLibrary(other, text);
    expect(await exportLibrary(other, { exportedAt: EXPORTED_AT })).toBe(text);
  });

  it('importing twice creates no duplicates', async () => {
    const lib = await filled(10);
    const text = await exportLibrary(lib);
    expect(await importLibrary(lib, text)).toMatchObject({ added: 0, updated: 11, kept: 0 });
    expect(await importLibrary(lib, text)).toMatchObject({ added: 0, updated: 11, kept: 0 });
    expect(await lib.count()).toBe(11);
  });

  it('a restore never replaces a newer save: the newer copy stays, and the restore can be undone (issue 12)', async () => {
    const lib = await fresh();
    const old = Date.UTC(2019, 4, 1);
    // The backup: a 2019 copy of an article, without images, and an article not in the library.
    await lib.save(article({ url: 'https://news.test/story', title: 'نسخة 2019', leadImage: { src: 'https://img.test/x.png' } }), {
      savedAt: old,
    });
    await lib.save(article({ url: 'https://news.test/other', title: 'مقال آخر' }), { savedAt: old });
    await lib.save(article({ url: 'https://news.test/stale', title: 'نسخة قديمة في الكتاب' }), { savedAt: old + 1000 });
    const backup = await exportLibrary(lib, { exportedAt: EXPORTED_AT });
    await lib.clear();
    // Today: the same article saved again, with its image; and an older copy of the third.
    const today = await lib.save(
      article({ url: 'https://news.test/story', title: 'نسخة اليوم', leadImage: { src: 'https://img.test/x.png' } }),
      {
        savedAt: AT,
        images: { 'https://img.test/x.png': new Blob([png], { type: 'image/png' }) },
      },
    );
    const stale = await lib.save(article({ url: 'https://news.test/stale', title: 'أقدم' }), { savedAt: old });
    const before = await exportLibrary(lib, { exportedAt: EXPORTED_AT });

    const result = await importLibrary(lib, backup);
    expect(result).toMatchObject({ added: 1, updated: 1, kept: 1 });
    expect(await lib.get(today.id)).toEqual(today);
    expect((await lib.get(stale.id))?.article.title).toBe('نسخة قديمة في الكتاب');
    expect(await lib.count()).toBe(3);

    await lib.unmerge(result.undo);
    expect(await exportLibrary(lib, { exportedAt: EXPORTED_AT })).toBe(before);
    expect((await lib.entries()).map((e) => e.title).sort()).toEqual(['أقدم', 'نسخة اليوم']);
  });

  it('refuses corrupt, foreign, newer and damaged files and changes nothing', async () => {
    const lib = await filled(5);
    const before = await exportLibrary(lib, { exportedAt: EXPORTED_AT });
    const good = JSON.parse(before) as { records: Record<string, unknown>[] };
    const damaged = (change: (r: Record<string, unknown>) => void): string => {
      const copy = JSON.parse(before) as { records: Record<string, unknown>[] };
      change(copy.records[3] as Record<string, unknown>);
      return JSON.stringify(copy);
    };
    await expectLibraryError(importLibrary(lib, before.slice(0, before.length / 2)), 'corrupt');
    await expectLibraryError(importLibrary(lib, ''), 'corrupt');
    await expectLibraryError(importLibrary(lib, JSON.stringify({ tabs: [] })), 'foreign');
    await expectLibraryError(importLibrary(lib, JSON.stringify([1, 2])), 'foreign');
    await expectLibraryError(importLibrary(lib, JSON.stringify({ ...good, format: 'pocket-export' })), 'foreign');
    const newer = await expectLibraryError(importLibrary(lib, JSON.stringify({ ...good, format: 'naqi-library', version: 2 })), 'version');
    expect(newer.message).toMatch(/newer version/);
    await expectLibraryError(importLibrary(lib, JSON.stringify({ ...good, format: 'naqi-library', version: 1, records: 'x' })), 'corrupt');
    await expectLibraryError(
      importLibrary(
        lib,
        damaged((r) => delete r.id),
      ),
      'corrupt',
    );
    await expectLibraryError(
      importLibrary(
        lib,
        damaged((r) => (r.savedAt = 'yesterday')),
      ),
      'corrupt',
    );
    await expectLibraryError(
      importLibrary(
        lib,
        damaged((r) => ((r.article as Record<string, unknown>).dir = 'up')),
      ),
      'corrupt',
    );
    await expectLibraryError(
      importLibrary(
        lib,
        damaged((r) => ((r.article as Record<string, unknown>).contentHtml = 5)),
      ),
      'corrupt',
    );
    await expectLibraryError(
      importLibrary(
        lib,
        damaged((r) => (r.images = { x: { type: 'image/png', data: '***' } })),
      ),
      'corrupt',
    );
    const duplicate = JSON.parse(before) as { records: unknown[] };
    duplicate.records.push(duplicate.records[0]);
    const dup = await expectLibraryError(importLibrary(lib, JSON.stringify(duplicate)), 'corrupt');
    expect(dup.message).toMatch(/article 7/);
    expect(await exportLibrary(lib, { exportedAt: EXPORTED_AT })).toBe(before);
  });

  it('a write that fails mid-import leaves the library as it was', async () => {
    const lib = await filled(50);
    const text = await exportLibrary(lib, { exportedAt: EXPORTED_AT });
    await lib.clear();
    await lib.save(article({ url: 'https://news.test/kept', title: 'kept' }), { savedAt: AT });
    const before = await exportLibrary(lib, { exportedAt: EXPORTED_AT });
    const put = IDBObjectStore.prototype.put;
    let calls = 0;
    vi.spyOn(IDBObjectStore.prototype, 'put').mockImplementation(function (
      this: IDBObjectStore,
      ...args: Parameters<IDBObjectStore['put']>
    ) {
      if (++calls === 25) throw new DOMException('could not clone', 'DataCloneError');
      return put.apply(this, args);
    });
    await expectLibraryError(importLibrary(lib, text), 'write');
    expect(calls).toBe(25);
    vi.restoreAllMocks();
    expect(await exportLibrary(lib, { exportedAt: EXPORTED_AT })).toBe(before);
    expect(await lib.count()).toBe(1);
  });
});
