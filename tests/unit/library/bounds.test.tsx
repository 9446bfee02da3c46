// @vitest-environment jsdom
import 'fake-indexeddb/auto';
import { IDBFactory } from 'fake-indexeddb';
import { render } from 'preact';
import { act } from 'preact/test-utils';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { LibraryList } from '../../../components/LibraryList.tsx';
import type { Translate } from '../../../utils/reader/locale.ts';
import { FIELD_LIMITS } from '../../../utils/article/bounds.ts';
import { extractArticle } from '../../../utils/article/extract.ts';
import { CLUTTER_KINDS, type Article } from '../../../utils/article/types.ts';
import { importLibrary, parseBackup } from '../../../utils/library/backup.ts';
import { entryOf } from '../../../utils/library/derived.ts';
import { LibraryError } from '../../../utils/library/errors.ts';
import { openLibrary, type Library } from '../../../utils/library/store.ts';
import type { LibraryEntry } from '../../../utils/library/schema.ts';
import { parsePage } from '../helpers/fixtures.ts';
import { minimalArticle } from '../helpers/article.ts';

/**
 * Issue 12, "the library can be made unusable": everything a page or a file hands the library
 * is bounded — titles and names, dates, record and file sizes — a bad record is refused with
 * a message that says why, and whatever the list shows it lets the reader delete.
 */

const P = (n: number): string =>
  `<p>الفقرة ${n}: وقالت مصادر محلية إن الاشتباكات تجددت صباح اليوم في ريف المدينة الشمالي بعد هدوء حذر استمر أيامًا، وسط نزوح عشرات العائلات نحو القرى المجاورة بحثًا عن الأمان.</p>`;
const NOW = Date.UTC(2026, 10, 1);

const article = (over: Partial<Article> = {}): Article =>
  minimalArticle({ url: 'https://news.test/2024/souk', title: 'إعادة افتتاح سوق الكتب', ...over });

const backupOf = (records: unknown[]): string =>
  JSON.stringify({ format: 'naqi-library', version: 1, exportedAt: '2026-01-01T00:00:00.000Z', records });
const record = (over: Record<string, unknown> = {}): Record<string, unknown> => ({
  id: 'https://news.test/a',
  url: 'https://news.test/a',
  savedAt: Date.UTC(2025, 0, 1),
  firstSavedAt: Date.UTC(2025, 0, 1),
  article: article({ url: 'https://news.test/a' }),
  images: {},
  ...over,
});

function refusal(run: () => unknown): LibraryError {
  try {
    run();
  } catch (error) {
    if (error instanceof LibraryError) return error;
    throw error;
  }
  throw new Error('not refused');
}

const opened: Library[] = [];
afterEach(() => {
  for (const lib of opened.splice(0)) lib.close();
});

describe('extraction bounds what the page says about the article', () => {
  it('a 1-million-character JSON-LD headline becomes a title of at most 1,000 characters; a date in year 275760 is dropped', () => {
    const headline = 'عنوان '.repeat(200_000);
    const ld = JSON.stringify({
      '@type': 'NewsArticle',
      headline,
      author: { name: 'ك'.repeat(5000) },
      datePublished: '+275760-09-13T00:00:00.000Z',
      description: 'و'.repeat(100_000),
    });
    const doc = parsePage(
      `<html lang="ar"><head><title>خبر</title><meta property="og:site_name" content="${'م'.repeat(10_000)}"><script type="application/ld+json">${ld}</script></head><body><article><h1>خبر</h1>${[1, 2, 3, 4, 5, 6].map(P).join('')}</article></body></html>`,
      'https://news.test/2024/05/story-123',
    );
    const result = extractArticle(doc, 'https://news.test/2024/05/story-123');
    expect(result).not.toBeNull();
    expect(result!.title.length).toBeLessThanOrEqual(FIELD_LIMITS.title);
    expect((result!.siteName ?? '').length).toBeLessThanOrEqual(FIELD_LIMITS.siteName);
    expect((result!.excerpt ?? '').length).toBeLessThanOrEqual(FIELD_LIMITS.excerpt);
    expect((result!.byline ?? '').length).toBeLessThanOrEqual(FIELD_LIMITS.byline);
    expect(result!.publishedTime).toBeUndefined();
    expect(result!.textContent).toContain('الفقرة 6');
  });
});

describe('the library refuses what it could not list, with a message that says why', () => {
  it('a backup record saved in year 318857 (savedAt 1e16) or before 2000 is refused, and nothing is imported', async () => {
    for (const savedAt of [1e16, -1e16, 5, Date.UTC(1999, 11, 31), NOW + 30 * 24 * 3600 * 1000]) {
      const error = refusal(() => parseBackup(backupOf([record(), record({ id: 'https://news.test/b', savedAt })]), NOW));
      expect(error.message).toMatch(/article 2 has a save date out of range/);
    }
    const lib = await openLibrary(new IDBFactory());
    opened.push(lib);
    await expect(importLibrary(lib, backupOf([record(), record({ id: 'https://news.test/b', savedAt: 1e16 })]))).rejects.toThrow(
      /Nothing was imported/,
    );
    expect(await lib.count()).toBe(0);
  });

  it('refuses over-long titles, names and bodies, a far-future publication date, and too many or too large images', () => {
    const cases: [Record<string, unknown>, RegExp][] = [
      [record({ article: article({ title: 'ع'.repeat(1_000_000) }) }), /title longer than 1,000/],
      [record({ article: article({ byline: 'ك'.repeat(301) }) }), /byline longer/],
      [record({ article: article({ siteName: 'م'.repeat(201) }) }), /siteName longer/],
      [record({ article: article({ excerpt: 'و'.repeat(2001) }) }), /excerpt longer/],
      [record({ article: article({ contentHtml: `<p>${'ن'.repeat(10_000_001)}</p>` }) }), /body too large/],
      [record({ article: article({ publishedTime: '+275760-09-13T00:00:00Z' }) }), /publication date out of range/],
      [record({ url: `https://news.test/${'x'.repeat(9000)}` }), /URL that is too long/],
      [
        record({
          images: Object.fromEntries(
            Array.from({ length: 501 }, (_, i) => [`https://img.test/${i}.png`, { type: 'image/png', data: 'AAAA' }]),
          ),
        }),
        /more than 500 images/,
      ],
      [record({ images: { 'https://img.test/a.png': { type: 'text/html', data: 'AAAA' } } }), /invalid image/],
    ];
    for (const [bad, message] of cases) expect(refusal(() => parseBackup(backupOf([bad]), NOW)).message).toMatch(message);
    // A date the view cannot read is not shown, and is no reason to refuse an old save.
    expect(parseBackup(backupOf([record({ article: article({ publishedTime: 'yesterday' }) })]), NOW)).toHaveLength(1);
  });

  it('accepts a removed entry of every clutter kind, and refuses a kind no rule has', () => {
    const removed = CLUTTER_KINDS.map((kind) => ({ rule: `r-${kind}`, kind, reason: 'a reason a reader can read', text: 'نص' }));
    expect(parseBackup(backupOf([record({ article: article({ removed }) })]), NOW)).toHaveLength(1);
    const bad = [{ rule: 'r', kind: 'tracker', reason: 'a reason a reader can read', text: 'نص' }];
    expect(
      refusal(() => parseBackup(backupOf([record({ article: article({ removed: bad as Article['removed'] }) })]), NOW)).message,
    ).toMatch(/invalid removed-clutter entry/);
  });

  it('refuses a file over 500 MB before parsing it', () => {
    const huge = { length: 500 * 1024 * 1024 + 1 } as unknown as string;
    expect(refusal(() => parseBackup(huge, NOW)).message).toMatch(/too large to import/);
  });

  it('saving an article with a 1-million-character title or a save date out of range is refused, and nothing is written', async () => {
    const lib = await openLibrary(new IDBFactory());
    opened.push(lib);
    await expect(lib.save(article({ title: 'ع'.repeat(1_000_000) }))).rejects.toMatchObject({
      code: 'invalid',
      message: expect.stringMatching(/title longer than 1,000 characters/),
    });
    await expect(lib.save(article(), { savedAt: 1e16 })).rejects.toMatchObject({
      code: 'invalid',
      message: expect.stringMatching(/save date out of range/),
    });
    expect(await lib.count()).toBe(0);
  });
});

describe('the list shows and deletes any record, even one a older version stored out of bounds', () => {
  const t: Translate = (key, subs) => (subs === undefined ? key : `${key}(${[subs].flat().join(',')})`);
  const bad: LibraryEntry[] = [
    { ...entryOf({ id: 'a', url: 'https://news.test/a', article: article(), savedAt: 1e16, images: {} }) },
    {
      ...entryOf({ id: 'b', url: 'https://news.test/b', article: article(), savedAt: Date.UTC(2025, 0, 1), images: {} }),
      title: 'ع'.repeat(1_000_000),
      readingMinutes: Number.NaN,
    },
  ];

  it('renders every row with its delete button, and the title the list lays out is bounded', () => {
    const container = document.createElement('div');
    document.body.append(container);
    const onDelete = vi.fn();
    act(() =>
      render(
        <LibraryList
          entries={bad}
          selected={new Set()}
          ui={{ lang: 'ar', dir: 'rtl' }}
          t={t}
          actions={{ onOpen: vi.fn(), onDelete, onSelect: vi.fn(), onExport: vi.fn() }}
        />,
        container,
      ),
    );
    const rows = [...container.querySelectorAll('.library-item')];
    expect(rows).toHaveLength(2);
    expect(rows[0]?.querySelector('time')).toBeNull();
    expect(rows[1]?.querySelector('.library-title')?.textContent?.length).toBeLessThanOrEqual(300);
    for (const row of rows) act(() => [...row.querySelectorAll('button')].find((b) => b.textContent === 'libraryDelete')?.click());
    expect(onDelete.mock.calls).toEqual([['a'], ['b']]);
    render(null, container);
    container.remove();
  });

  it('a list entry derived from a record with a 1-million-character title holds a bounded title', () => {
    expect(
      entryOf({ id: 'c', url: 'u', article: article({ title: 'ع'.repeat(1_000_000) }), savedAt: NOW, images: {} }).title.length,
    ).toBeLessThanOrEqual(FIELD_LIMITS.title);
  });
});
