import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateHugePage } from '../../../scripts/lib/huge-page.ts';
import { decodeHtml, parsePage } from '../../../scripts/lib/load-page.ts';
import { readFileSync } from 'node:fs';
import {
  type PageResult,
  findPages,
  formatRobustness,
  naqiCore,
  readPageHtml,
  runSystem,
  summarise,
} from '../../../scripts/lib/robustness.ts';
import {
  MAX_ELEMENTS,
  PageTooLargeError,
  detectArticle,
  extractArticle,
  oversizeHtml,
  planDeclutter,
} from '../../../utils/article/index.ts';

const ARTICLE =
  '<!doctype html><html lang="ar"><head><meta charset="utf-8"><title>أمطار غزيرة</title></head><body><article><h1>أمطار غزيرة تضرب المدينة</h1>' +
  Array.from(
    { length: 6 },
    (_, i) =>
      `<p>الفقرة ${i + 1}: قالت مصادر محلية إن الأمطار الغزيرة التي هطلت على المدينة خلال الأيام الماضية تسببت في أضرار واسعة بالطرق والمنازل، وإن فرق الدفاع المدني عملت طوال الليل.</p>`,
  ).join('') +
  '</article></body></html>';

let dir = '';

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'naqi-robust-'));
  await mkdir(join(dir, 'fixtures', 'story'), { recursive: true });
  await writeFile(join(dir, 'fixtures', 'story', 'source.html'), ARTICLE);
  await writeFile(join(dir, 'fixtures', 'story', 'expected.json'), JSON.stringify({ url: 'https://news.test/2024/rain-1' }));
  await mkdir(join(dir, 'aeb', 'html'), { recursive: true });
  await writeFile(join(dir, 'aeb', 'ground-truth.json'), JSON.stringify({ p1: { url: 'https://aeb.test/p1', articleBody: '' } }));
  await writeFile(join(dir, 'aeb', 'html', 'p1.html.gz'), gzipSync(ARTICLE));
  await writeFile(join(dir, 'garbage.html'), Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 7919) % 256)));
  await writeFile(join(dir, 'notes.txt'), 'not a page');
});

afterAll(async () => {
  if (dir) await rm(dir, { recursive: true, force: true });
});

describe('bench --robustness', () => {
  it('finds pages in nested folders, with the URL their sidecar names, and skips other files', async () => {
    const pages = await findPages([dir]);
    expect(pages.map((p) => p.path.slice(dir.length + 1))).toEqual(['aeb/html/p1.html.gz', 'fixtures/story/source.html', 'garbage.html']);
    expect(pages.map((p) => p.url)).toEqual(['https://aeb.test/p1', 'https://news.test/2024/rain-1', undefined]);
  });

  it('takes a file given by name whatever its extension, and fails on a path that does not exist', async () => {
    expect(await findPages([join(dir, 'notes.txt')])).toEqual([{ path: join(dir, 'notes.txt') }]);
    await expect(findPages([join(dir, 'missing')])).rejects.toThrow(`cannot read ${join(dir, 'missing')}: no such file or folder`);
  });

  it('counts a garbage page as unreadable, with its reason, not as a crash', async () => {
    const read = await readPageHtml({ path: join(dir, 'garbage.html') });
    expect(read).toEqual({ error: 'binary data, not an HTML page' });
  });

  it('runs the real core on a page and reports an exception of the core as a crash with its message', async () => {
    const page = (await findPages([join(dir, 'fixtures')]))[0]!;
    const read = await readPageHtml(page);
    if (!('html' in read)) throw new Error(read.error);
    const ok = runSystem('story', read.html, page, naqiCore);
    expect(ok).toMatchObject({ page: 'story', outcome: 'article' });
    const crash = runSystem('story', read.html, page, () => {
      throw new TypeError("Cannot read properties of null (reading 'textContent')");
    });
    expect(crash).toMatchObject({ outcome: 'crash', message: "TypeError: Cannot read properties of null (reading 'textContent')" });
    const tooLarge = runSystem('story', read.html, page, () => {
      throw new PageTooLargeError(MAX_ELEMENTS);
    });
    expect(tooLarge).toMatchObject({ outcome: 'too-large', message: 'page too large to read: over 30,000 elements' });
  });

  it('sums up crashes, the slowest page and the pages over the budget, and prints them', () => {
    const results: PageResult[] = [
      { page: 'a.html', outcome: 'article', ms: 40 },
      { page: 'b.html', outcome: 'crash', ms: 3, message: 'TypeError: boom' },
      { page: 'c.html', outcome: 'article', ms: 1500 },
      { page: 'd.html', outcome: 'unreadable', ms: null, message: 'binary data, not an HTML page' },
      { page: 'e.html', outcome: 'too-large', ms: 1200, message: 'page too large to read: over 30,000 elements' },
    ];
    const s = summarise(results, 1000);
    expect(s.crashes).toEqual([{ page: 'b.html', message: 'TypeError: boom' }]);
    expect(s.slowest).toEqual({ page: 'c.html', ms: 1500 });
    expect(s.overBudget.map((o) => o.page)).toEqual(['c.html', 'e.html']);
    expect(s.outcomes).toMatchObject({ article: 2, crash: 1, unreadable: 1, 'too-large': 1 });
    const report = formatRobustness(s, summarise([], 1000), 1000);
    expect(report).toContain('naqi crash  b.html: TypeError: boom');
    expect(report).toContain('naqi over budget  1500 ms  c.html');
    expect(report).toMatch(/slowest\s+1500 ms {2}c\.html/);
  });
});

describe('size guard', () => {
  it('gives up on a 20 MB page of 200,000 elements with a clear typed message, and leaves it alone', () => {
    const html = generateHugePage({ elements: 200_000, bytes: 20_000_000 });
    expect(Buffer.byteLength(html)).toBeGreaterThan(19_800_000);
    const page = parsePage(html, { url: 'https://news.test/2024/05/floods-live-123' });
    try {
      expect(page.doc.getElementsByTagName('*').length).toBeGreaterThan(199_000);
      const verdict = detectArticle(page.doc, page.url);
      expect(verdict).toMatchObject({ isArticle: false, signals: [{ name: 'too-large' }] });
      expect(() => extractArticle(page.doc, page.url)).toThrow(PageTooLargeError);
      expect(() => extractArticle(page.doc, page.url)).toThrow('page too large to read: over 30,000 elements');
      // Nor does a clean asked for from the popup walk it.
      expect(planDeclutter(page.doc)).toEqual([]);
    } finally {
      page.close();
    }
  });
});

describe('size guard on the page source (before any parse)', () => {
  it('counts start tags as the tokenizer sees them: not end tags, comments, doctypes, or tags inside scripts and styles', () => {
    const html =
      '<!doctype html><!-- <p><p><p> --><html><head><title><b>x</b></title><script>if (a<b) document.write("<p><p><p>")</script>' +
      '<style>a>b{}</style></head><body><p>one<br>two</p><textarea><p><p></textarea><div><img src=x><a href=#>y</a></div></body></html>';
    // html head title script style body p br textarea div img a
    expect(oversizeHtml(html, 12)).toBeNull();
    expect(oversizeHtml(html, 11)).toBe(12);
  });

  it('refuses the 20 MB page of 200,000 elements from its source, and passes a real page', () => {
    const huge = generateHugePage({ elements: 200_000, bytes: 20_000_000 });
    expect(oversizeHtml(huge)).toBe(MAX_ELEMENTS + 1);
    // Just under and just over the limit, as the tree check counts them (html, head and body are implied here).
    const cards = (n: number): string => '<div></div>'.repeat(n);
    expect(oversizeHtml(cards(MAX_ELEMENTS))).toBeNull();
    expect(oversizeHtml(cards(MAX_ELEMENTS + 1))).toBe(MAX_ELEMENTS + 1);
    expect(oversizeHtml(ARTICLE)).toBeNull();
  });
});

describe('declared charset checked against the bytes', () => {
  const fixture = (slug: string): Buffer => readFileSync(join(import.meta.dirname, '..', '..', 'fixtures', 'pages', slug, 'source.html'));
  const declare = (bytes: Buffer, from: string, to: string): Buffer => Buffer.from(bytes.toString('latin1').replace(from, to), 'latin1');

  it('reads windows-1256 bytes under a utf-8 declaration as windows-1256', () => {
    const { html, encoding } = decodeHtml(fixture('odd-charset-1256'));
    expect(encoding).toBe('windows-1256');
    expect(html).toContain('انطلاق موسم حصاد القمح في السهول الشمالية');
  });

  it('reads UTF-8 bytes under a windows-1256 declaration as UTF-8', () => {
    const { html, encoding } = decodeHtml(fixture('odd-charset'));
    expect(encoding).toBe('utf-8');
    expect(html).toContain('جامعة المدينة تطلق برنامجًا لتعليم البرمجة للنساء');
  });

  it('keeps a declaration the bytes agree with, and a UTF-8 page with one stray byte stays UTF-8', () => {
    const honest = decodeHtml(declare(fixture('odd-charset-1256'), 'charset="utf-8"', 'charset="windows-1256"'));
    expect(honest.encoding).toBe('windows-1256');
    expect(honest.html).toContain('انطلاق موسم حصاد القمح');
    const utf8 = fixture('odd-picture');
    const stray = Buffer.concat([utf8.subarray(0, 400), Buffer.from([0x92]), utf8.subarray(400)]);
    const decoded = decodeHtml(stray);
    expect(decoded.encoding).toBe('utf-8');
    expect(decoded.html).toContain('مهرجان الزيتون يجمع المزارعين في ساحة البلدة');
  });

  it('reads undeclared Hebrew windows-1255 bytes as Hebrew', () => {
    const hebrew = Buffer.from('<html><body><p>' + 'שלום עולם, זוהי כתבה קצרה. '.repeat(5) + '</p></body></html>', 'utf8');
    // windows-1255 puts א..ת at 0xE0..0xFA.
    const legacy = Buffer.from(
      [...hebrew.toString('utf8')].map((ch) => {
        const c = ch.codePointAt(0)!;
        return c >= 0x5d0 && c <= 0x5ea ? c - 0x5d0 + 0xe0 : c;
      }),
    );
    const { html, encoding } = decodeHtml(legacy);
    expect(encoding).toBe('windows-1255');
    expect(html).toContain('שלום עולם');
  });
});
