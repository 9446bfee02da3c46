import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { JSDOM, VirtualConsole } from 'jsdom';
import { describe, expect, it } from 'vitest';
import { domGet, isClobbered, readableCopy } from '../../../utils/article/clobbering.ts';
import { detectArticle } from '../../../utils/article/detect.ts';
import { extractArticle } from '../../../utils/article/extract.ts';
import { LiveCleanup } from '../../../utils/live/cleanup.ts';
import { emulateClobbering } from '../helpers/clobber.ts';

/**
 * Issue 12, DOM clobbering: a page with no script names form controls and images after DOM
 * properties. In a browser `<form><input name=parentNode>` sent Readability's ancestor walk
 * round a loop forever (the content script's idle extraction froze the tab) and
 * `<img name=textContent>` broke the reading view. jsdom has no named properties, so the
 * pages are read in a jsdom window given the browsers' behaviour (helpers/clobber.ts).
 */

const ROOT = join(import.meta.dirname, '..', '..', '..');
const URL = 'https://forum.test/2024/05/thread-98765';
const PARAGRAPHS = [1, 2, 3, 4, 5, 6].map(
  (n) =>
    `الفقرة ${n}: قال سكان الحي إن المياه انقطعت منذ ثلاثة أيام، وإن الصهاريج الخاصة رفعت أسعارها إلى الضعف، فيما وعدت البلدية بإصلاح الخط الرئيسي قبل نهاية الأسبوع.`,
);

/**
 * Every property name that Readability, DOMPurify and Naqi's core read on a node or a document: taken
 * from their sources (`.name` after an identifier), kept when an element (a form read as any
 * element) or a document has it. A form's own `name` and `length` appear in those sources only
 * on attributes, rules and lists, never on a form.
 */
function namesRead(): string[] {
  const sources = [
    readFileSync(join(ROOT, 'node_modules/@mozilla/readability/Readability.js'), 'utf8'),
    readFileSync(join(ROOT, 'node_modules/@mozilla/readability/Readability-readerable.js'), 'utf8'),
    readFileSync(join(ROOT, 'node_modules/dompurify/dist/purify.es.mjs'), 'utf8'),
    ...['utils/article', 'utils/live'].flatMap((dir) =>
      readdirSync(join(ROOT, dir), { recursive: true, encoding: 'utf8' })
        .filter((f) => f.endsWith('.ts'))
        .map((f) => readFileSync(join(ROOT, dir, f), 'utf8')),
    ),
  ];
  const { window } = new JSDOM('<form></form>');
  const form = window.HTMLElement.prototype as object;
  const doc = Object.getPrototypeOf(window.document) as object;
  const names = new Set<string>(['readability', '_readabilityDataTable']);
  for (const source of sources) for (const m of source.matchAll(/[\w)\]]\.([A-Za-z_$][\w$]*)\b/g)) names.add(m[1] ?? '');
  return [...names].filter((n) => n in form || n in doc || n === 'readability' || n === '_readabilityDataTable').sort();
}

/** A forum thread laid out the ASP.NET way (the whole page in one form), with a control and images named `name`. */
function clobberedPage(name: string): Document {
  const html = `<!doctype html><html lang="ar"><head><title>انقطاع المياه في الحي</title></head><body>
    <form id="aspnetForm" action="/post"><input type="hidden" name="${name}" value="x">
    <header><a href="/">المنتدى</a></header>
    <article><h1>انقطاع المياه في الحي</h1>${PARAGRAPHS.map((p) => `<p>${p}</p>`).join('')}
    <p><img name="${name}" src="/photo.jpg" alt=""></p><p onclick="window.__pwned = 1">ردود<script>window.__pwned = 1</script></p></article>
    <textarea name="reply"></textarea><button name="submit">أرسل</button></form>
    <img id="${name}" name="${name}" src="/logo.png"></body></html>`;
  const { window } = new JSDOM(html, { url: URL, virtualConsole: new VirtualConsole() });
  emulateClobbering(window as unknown as Window & typeof globalThis);
  return window.document;
}

const NAMES = namesRead();

describe('DOM clobbering', () => {
  it('the emulation clobbers as a browser does, copies included', () => {
    const doc = clobberedPage('parentNode');
    const form = doc.getElementById('aspnetForm') as HTMLFormElement;
    expect((form.parentNode as Element).localName).toBe('input');
    expect(clobberedPage('body').body.localName).toBe('img');
    expect(clobberedPage('textContent').querySelector('form')?.textContent).not.toBeTypeOf('string');
    const copy = doc.cloneNode(true) as Document;
    expect((copy.querySelector('form')?.parentNode as Element).localName).toBe('input');
  });

  it('covers every name Readability and Naqi read that a form or a document has', () => {
    expect(NAMES.length).toBeGreaterThan(40);
    for (const name of [
      'parentNode',
      'textContent',
      'childNodes',
      'children',
      'attributes',
      'nodeName',
      'tagName',
      'getAttribute',
      'id',
      'className',
      'nextSibling',
      'firstChild',
      'body',
      'querySelectorAll',
      'cloneNode',
      'readability',
      'implementation',
      'createElement',
    ]) {
      expect(NAMES).toContain(name);
    }
  });

  it.each(NAMES)('a page naming a form control and images "%s" is read whole, detected, never changed, and not cleaned', (name) => {
    const doc = clobberedPage(name);
    const html = domGet<Element>(doc, 'documentElement').outerHTML;
    expect(isClobbered(doc)).toBe(true);
    const article = extractArticle(doc, URL);
    expect(article?.title).toBe('انقطاع المياه في الحي');
    for (const p of PARAGRAPHS) expect(article?.textContent).toContain(p);
    // Sanitised as ever: a page naming an image "implementation" must not switch DOMPurify off.
    expect(article?.contentHtml).not.toMatch(/\sname=|<input|<form|onclick|<script/);
    expect(detectArticle(doc, URL).isArticle).toBe(true);
    expect(new LiveCleanup(doc).apply()).toEqual([]);
    expect(domGet<Element>(doc, 'documentElement').outerHTML).toBe(html);
  });

  it('the copy Naqi reads is not clobbered, and a page without such names is not either', () => {
    for (const name of ['parentNode', 'body', 'textContent']) expect(isClobbered(readableCopy(clobberedPage(name)))).toBe(false);
    // Names that shadow nothing, and an image id outside any form (it names no property of anything).
    const plain = new JSDOM('<form><input name="q"><img id="logo"></form><img name="hero"><img id="title"><img id="body">').window.document;
    expect(isClobbered(plain)).toBe(false);
  });

  it('a comment form names its fields after its own properties: the page is still cleaned', () => {
    // WordPress and Drupal comment forms: name, email, url, submit, a hidden form id. Their names
    // shadow the form's own properties, which nothing reads; the page is a page like any other.
    const { window } = new JSDOM(
      `<body><article><h1>عنوان</h1>${PARAGRAPHS.map((p) => `<p>${p}</p>`).join('')}</article>` +
        '<div class="share-buttons">شارك على فيسبوك</div>' +
        '<form id="commentform" action="/comment"><input id="edit-name" name="name"><input name="email"><input name="url">' +
        '<textarea name="comment"></textarea><textarea name="body"></textarea><input type="hidden" name="action" value="post"><input type="submit" id="submit" name="submit" value="أرسل"></form></body>',
      { url: URL },
    );
    expect(isClobbered(window.document)).toBe(false);
    const hidden = new LiveCleanup(window.document).apply().map((r) => r.element.className);
    expect(hidden).toContain('share-buttons');
  });
});

describe('the live cleanup and clobbering that arrives late', () => {
  it('stops for good once a batch of added nodes names a control after a DOM property', () => {
    const { window } = new JSDOM(
      `<body><article><h1>عنوان</h1>${PARAGRAPHS.map((p) => `<p>${p}</p>`).join('')}</article><div class="share-buttons">شارك</div></body>`,
      { url: URL },
    );
    const doc = window.document;
    const cleanup = new LiveCleanup(doc);
    expect(isClobbered(doc)).toBe(false);
    cleanup.apply();
    const form = doc.createElement('form');
    form.innerHTML = '<input name="parentNode"><div class="newsletter-signup">اشترك في النشرة</div>';
    doc.body.append(form);
    expect(isClobbered(doc, [form])).toBe(true);
    expect(cleanup.apply([form])).toEqual([]);
    // And later batches that look harmless are not planned on that page either.
    const late = doc.createElement('div');
    late.className = 'related-posts';
    doc.body.append(late);
    expect(cleanup.apply([late])).toEqual([]);
  });
});
