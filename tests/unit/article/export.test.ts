// @vitest-environment node
import { JSDOM } from 'jsdom';
import MarkdownIt from 'markdown-it';
import { beforeAll, describe, expect, it } from 'vitest';
import { extractArticle } from '../../../utils/article/extract.ts';
import type { Article } from '../../../utils/article/types.ts';
import { exportArticle, toMarkdown, toPlainText, toStandaloneHtml, STANDALONE_CSP } from '../../../utils/article/export/index.ts';
import { flat, loadFixture, type Expected } from '../helpers/fixtures.ts';

const view = new JSDOM('').window as unknown as Parameters<typeof toStandaloneHtml>[1];
const CSS = 'body{max-width:40em} /* </style><script>alert(1)</script> */';

let seed: Article;
let expected: Expected;
beforeAll(() => {
  const fixture = loadFixture('ar-enabbaladi-seed');
  expected = fixture.expected;
  const article = extractArticle(fixture.doc, expected.url);
  if (!article) throw new Error('seed is not an article');
  seed = article;
});

/** The seed with hostile additions to its body and metadata. */
const hostile = (): Article => ({
  ...seed,
  title: `${seed.title} <img src=x onerror=alert(1)>`,
  byline: 'عنب بلدي" onmouseover="x',
  contentHtml: `${seed.contentHtml}<script>alert(1)</script><p onclick="x()">نص <a href="javascript:alert(1)">رابط</a></p><img src="https://img.test/a.png" onerror="x()">`,
});

describe('toMarkdown (seed article)', () => {
  it('has front matter, keeps every body snippet and the caption, and wraps RTL in a div', () => {
    // The seed names no author (its author field is the site's own name): give it one.
    const md = toMarkdown({ ...seed, byline: 'سارة العلي' });
    const front = md.split('\n---\n')[0] ?? '';
    expect(front).toContain(`title: "${seed.title}"`);
    expect(front).toContain('url: "https://www.enabbaladi.net/archives/201234"');
    expect(front).toContain('byline: "سارة العلي"');
    expect(front).toContain('site: "عنب بلدي"');
    expect(front).toContain('published: "2018-01-09T14:32:10+03:00"');
    expect(front).toContain('lang: "ar"');
    expect(front).toContain('dir: rtl');
    expect(md).toContain('<div dir="rtl" lang="ar">\n\n# التحالف');
    expect(md.trimEnd().endsWith('\n\n</div>')).toBe(true);
    const text = flat(md.replace(/\\([\\`*_[\]<>|~().!#+-])/g, '$1'));
    for (const snippet of expected.mustContain) expect(text).toContain(flat(snippet));
  });

  it('contains no script, even when the body has one, and keeps text that looks like HTML as text', () => {
    const md = toMarkdown({ ...hostile(), contentHtml: `${hostile().contentHtml}<p>&lt;script&gt;alert(2)&lt;/script&gt;</p>` });
    expect(md).not.toMatch(/(?<!\\)<script/i); // unescaped: an HTML element
    expect(md).toContain('\\<script>alert(2)'); // escaped: text
    expect(md).not.toMatch(/\]\(\s*javascript:/i);
    expect(md).toContain('رابط');
    expect(md).not.toMatch(/(?<!\\)<img/i);
    expect(md).toContain('![](https://img.test/a.png)');
  });

  it('rendered by an HTML-enabled renderer, link titles and alt text make no markup (issue 12)', () => {
    const handler = '<img src=x onerror=alert(1)>';
    const article: Article = {
      ...seed,
      leadImage: { src: 'https://img.test/lead.png', alt: `lead ${handler} \\` },
      contentHtml: [
        `<p><a href="https://a.test/" title='t\\" ${handler}'>one</a></p>`,
        `<p><a href="https://a.test/x y) ${handler}">two</a></p>`,
        `<p><img src="https://img.test/b.png" alt="${handler.replace(/</g, '&lt;')} \\" title='\\" ${handler}'></p>`,
        `<p><img src="https://img.test/c.png?a=(1)&quot;${handler.replace(/</g, '&lt;')}"></p>`,
      ].join(''),
    };
    const md = toMarkdown(article);
    const doc = new JSDOM(new MarkdownIt({ html: true }).render(md)).window.document;
    expect(doc.querySelectorAll('[onerror], script, img[src="x"]')).toHaveLength(0);
    expect([...doc.querySelectorAll('a')].map((a) => [a.textContent, a.getAttribute('title')])).toEqual([
      ['one', null],
      ['two', null],
    ]);
    expect(doc.querySelectorAll('img')).toHaveLength(3);
    expect(doc.querySelector('img')?.getAttribute('alt')).toBe(`lead ${handler} \\`);
  });

  it('left-to-right articles are not wrapped', () => {
    const md = toMarkdown({ ...seed, lang: 'en', dir: 'ltr', title: 'Hello', contentHtml: '<p>World</p>', textContent: 'World' });
    expect(md).not.toContain('<div dir');
    expect(md).toContain('dir: ltr');
    expect(md).toContain('# Hello\n\n');
    expect(md).toContain('World');
  });
});

describe('toPlainText (seed article)', () => {
  it('is title, blank line, caption, then paragraphs', () => {
    const text = toPlainText(seed);
    const blocks = text.trimEnd().split('\n\n');
    expect(blocks[0]).toBe(expected.title);
    const flatText = flat(text);
    for (const snippet of expected.mustContain) expect(flatText).toContain(flat(snippet));
    expect(blocks.length).toBeGreaterThanOrEqual(12);
    expect(text).not.toMatch(/<p|<div/);
  });
});

describe('toStandaloneHtml (seed article)', () => {
  it('carries the Arabic face as woff2 data: URIs and nothing else a font rule could hold', () => {
    const woff2 = 'data:font/woff2;base64,d09GMgABAAAAAA==';
    const fonts = [
      { weight: 400, data: woff2 },
      { weight: 700, data: "data:font/woff2;base64,AA==) format('woff2')}body{background:url(https://tracker.test/x" },
    ] as const;
    const html = toStandaloneHtml(seed, view, { fonts });
    const faces = html.match(/@font-face\{[^}]*\}/g) ?? [];
    expect(faces).toHaveLength(1);
    expect(faces[0]).toContain(`font-family:'Noto Naskh Arabic';font-style:normal;font-weight:400`);
    expect(faces[0]).toContain(`src:url(${woff2}) format('woff2')`);
    expect(html).not.toContain('tracker.test');
    // A Hebrew article is not set in the Arabic face: it carries none.
    expect(toStandaloneHtml({ ...seed, lang: 'he' }, view, { fonts })).not.toContain('@font-face');
  });

  it('is a complete document with lang, dir, charset, a strict CSP and the inlined CSS', () => {
    const html = toStandaloneHtml(seed, view, { css: CSS });
    expect(html.startsWith('<!doctype html>\n<html lang="ar" dir="rtl">')).toBe(true);
    expect(html).toContain('<meta charset="utf-8">');
    expect(html).toContain(`<meta http-equiv="Content-Security-Policy" content="${STANDALONE_CSP}">`);
    expect(STANDALONE_CSP).toBe("default-src 'none'; img-src data:; font-src data:; style-src 'unsafe-inline'");
    expect(html).toContain('body{max-width:40em}');
    const doc = new JSDOM(html).window.document;
    expect(doc.documentElement.getAttribute('dir')).toBe('rtl');
    expect(doc.querySelectorAll('style')).toHaveLength(1);
    expect(doc.querySelector('h1')?.textContent).toBe(expected.title);
    expect(doc.querySelector('time')?.getAttribute('datetime')).toBe('2018-01-09T14:32:10+03:00');
    const body = flat(doc.body.textContent ?? '');
    for (const snippet of expected.mustContain) expect(body).toContain(flat(snippet));
    expect(html).not.toMatch(/<script/i);
  });

  it('re-sanitises a hostile body and escapes every interpolated text', () => {
    const html = toStandaloneHtml(hostile(), view, { css: CSS });
    expect(html).not.toMatch(/<script/i);
    expect(html).not.toContain('javascript:');
    const doc = new JSDOM(html).window.document;
    expect(doc.querySelectorAll('script, [onerror], [onclick], [onmouseover]')).toHaveLength(0);
    expect(doc.querySelector('h1')?.textContent).toBe(hostile().title);
    expect(doc.querySelector('.byline')?.textContent).toBe(hostile().byline);
    expect(doc.querySelectorAll('article p[dir="rtl"]').length).toBeGreaterThan(10);
  });

  it('replaces image srcs with the data URIs given, lead image included', () => {
    const png = 'data:image/png;base64,iVBORw0KGgo=';
    const article = hostile();
    const html = toStandaloneHtml(article, view, {
      css: '',
      images: { 'https://img.test/a.png': png, [seed.leadImage?.src ?? '']: png, 'https://img.test/b.png': 'javascript:alert(1)' },
    });
    const doc = new JSDOM(html).window.document;
    const srcs = Array.from(doc.querySelectorAll('img')).map((img) => img.getAttribute('src'));
    expect(srcs).toEqual([png, png]);
    expect(doc.querySelector('figure figcaption')?.textContent).toBe(flat(seed.leadImage?.caption ?? ''));
  });
});

describe('the exporter on a small article (headings, lists, links, quotes, a lead outside the body)', () => {
  const article: Article = {
    url: 'https://news.example/2024/مقال',
    title: 'عنوان *المقال*',
    byline: 'كاتب',
    siteName: 'عنب بلدي',
    publishedTime: '2024-03-01T10:00:00Z',
    lang: 'ar',
    dir: 'rtl',
    leadImage: { src: 'https://news.example/lead.jpg', alt: 'صورة', caption: 'تعليق الصورة' },
    contentHtml:
      '<h2>عنوان فرعي</h2><p>فقرة <strong>أولى</strong> فيها <a href="https://a.example/x y">رابط</a>.<br>سطر ثان</p>' +
      '<ul><li>بند 1</li><li>بند <em>2</em><ol><li>فرعي</li></ol></li></ul>' +
      '<blockquote><p>اقتباس</p></blockquote><figure><img src="https://news.example/b.jpg" alt="ب"><figcaption>شرح</figcaption></figure>' +
      '<p>- ليس بندا</p>',
    textContent: 'عنوان فرعي\n\nفقرة أولى فيها رابط.\nسطر ثان\n\nبند 1\n\nبند 2\n\nفرعي\n\nاقتباس\n\nشرح\n\n- ليس بندا',
    wordCount: 10,
    readingMinutes: 1,
    removed: [],
  };

  it('markdown converts the body inside the direction wrapper, escaping what would be markup', () => {
    const md = exportArticle(article, 'md', { view });
    const body = md.slice(md.indexOf('<div dir="rtl" lang="ar">'));
    for (const part of [
      '# عنوان \\*المقال\\*',
      '![صورة](https://news.example/lead.jpg)',
      '*تعليق الصورة*',
      '## عنوان فرعي',
      'فقرة **أولى** فيها [رابط](https://a.example/x%20y).',
      '> اقتباس',
      '![ب](https://news.example/b.jpg)',
      '\\- ليس بندا',
    ]) {
      expect(body).toContain(part);
    }
    expect(body).toMatch(/-\s+بند \*2\*\n\s+1\.\s+فرعي/);
    expect(body.trimEnd().endsWith('</div>')).toBe(true);
  });

  it('text gives the title, the lead caption and the paragraphs, blank lines apart', () => {
    expect(exportArticle(article, 'txt', { view }).trimEnd().split('\n\n')).toEqual([
      'عنوان *المقال*',
      'تعليق الصورة',
      'عنوان فرعي',
      'فقرة أولى فيها رابط.\nسطر ثان',
      'بند 1',
      'بند 2',
      'فرعي',
      'اقتباس',
      'شرح',
      '- ليس بندا',
    ]);
  });

  it('html carries the metadata line, the date as given, and the lead caption (no remote image)', () => {
    const html = exportArticle(article, 'html', { view, dateText: '1 مارس 2024' });
    const doc = new JSDOM(html).window.document;
    expect(doc.querySelector('h1')?.textContent).toBe('عنوان *المقال*');
    expect(doc.querySelector('time')?.outerHTML).toBe('<time datetime="2024-03-01T10:00:00Z">1 مارس 2024</time>');
    expect(doc.querySelector('.reading-lead figcaption')?.textContent).toBe('تعليق الصورة');
    expect([...doc.querySelectorAll('img')].filter((i) => /^https?:/.test(i.getAttribute('src') ?? ''))).toEqual([]);
  });

  it('does not repeat a lead image or caption the body already shows', () => {
    const inBody = { ...article, leadImage: { src: 'https://news.example/b.jpg', caption: 'شرح' } };
    const md = exportArticle(inBody, 'md', { view });
    expect(md.match(/b\.jpg/g)).toHaveLength(1);
    expect(md.match(/شرح/g)).toHaveLength(1);
    expect(exportArticle(inBody, 'txt', { view }).match(/شرح/g)).toHaveLength(1);
  });
});
