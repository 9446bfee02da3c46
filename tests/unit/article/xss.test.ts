// @vitest-environment node
import { JSDOM, VirtualConsole } from 'jsdom';
import MarkdownIt from 'markdown-it';
import { describe, expect, it } from 'vitest';
import { extractArticle } from '../../../utils/article/extract.ts';
import { sanitizeHtml } from '../../../utils/article/sanitize.ts';
import type { Article } from '../../../utils/article/types.ts';
import { STANDALONE_CSP, toMarkdown, toStandaloneHtml } from '../../../utils/article/export/index.ts';
import { embed, loadPayloads, METADATA_PLACEMENTS, payloadPage, seedPage, type Payload } from '../../fixtures/xss/build.ts';
import { flat, parsePage, readExpected } from '../helpers/fixtures.ts';

/**
 * Issue #6, script injection: every payload of tests/fixtures/xss, embedded in the real seed
 * article, goes through extraction and the exports. Nothing executable may come out, and the
 * article must still be there (losing it to a payload is a failure too).
 */

const BASE = 'http://127.0.0.1:9';
const expected = readExpected('ar-enabbaladi-seed');
const payloads = loadPayloads();
const view = new JSDOM('').window as unknown as Parameters<typeof toStandaloneHtml>[1];
const CSS = '.reading-view{max-width:40em}';

/** Elements that run, load, navigate, style or submit: none may come out of a page. */
const FORBIDDEN = new Set(
  'script iframe frame frameset object embed applet portal svg math base meta link style form input button textarea select isindex keygen template noscript noembed noframes xmp plaintext listing bgsound title param'.split(
    ' ',
  ),
);
const SAFE_URL = /^(?:https?:|mailto:|tel:|#)/i;
const DATA_IMAGE = /^data:image\/(?:png|jpeg|gif|webp|avif|bmp|svg\+xml);base64,/i;

/** What makes a DOM subtree unsafe to show in an extension page, as "tag[attr]: why" lines. */
function hazards(root: Element, options: { dataImages?: boolean } = {}): string[] {
  const found: string[] = [];
  for (const el of [root, ...root.querySelectorAll('*')]) {
    const tag = el.localName.toLowerCase();
    if (el !== root && FORBIDDEN.has(tag)) found.push(`<${tag}>`);
    if (el.namespaceURI !== 'http://www.w3.org/1999/xhtml') found.push(`<${tag}> in ${el.namespaceURI}`);
    for (const attr of el.attributes) {
      const name = attr.name.toLowerCase();
      // What a URL parser sees: no C0 controls or spaces, entities already decoded by the DOM.
      const value = attr.value.replace(/[\u0000-\u0020]/g, '');
      if (name.startsWith('on')) found.push(`${tag}[${name}]`);
      else if (name === 'style' || name === 'id' || name === 'name' || name === 'srcdoc' || name === 'formaction' || name === 'action')
        found.push(`${tag}[${name}]`);
      else if (
        /^(?:javascript|vbscript|livescript|data):/i.test(value) &&
        !(options.dataImages && tag === 'img' && name === 'src' && DATA_IMAGE.test(value))
      ) {
        found.push(`${tag}[${name}=${value.slice(0, 24)}…]`);
      }
    }
  }
  return found;
}

function bodyOf(html: string): HTMLElement {
  return new JSDOM(`<!doctype html><body>${html}`).window.document.body;
}

/**
 * What a Markdown renderer would turn into markup: raw HTML (anything but escaped "\\<",
 * code, and our RTL wrapper) and inline links or images to non-web URLs. The front matter is
 * checked as Markdown too: renderers without front-matter support show it as a paragraph.
 */
function markdownHazards(md: string): string[] {
  const found: string[] = [];
  let prose = md
    .replace(/^<div dir="rtl" lang="[a-z-]+">$|^<\/div>$/gm, '')
    .replace(/```[\s\S]*?```/g, '')
    .replace(/(?<!\\)(`+)[\s\S]*?(?<!\\)\1/g, '');
  // [text](dest "title"): the destination as CommonMark decodes it (escapes, entities); titles are text.
  const link = /(?<!\\)\]\(\s*(<[^>\n]*>|(?:\\.|[^\s)\\])*)(?:\s+(?:"(?:\\.|[^"\\])*"|'(?:\\.|[^'\\])*'|\((?:\\.|[^)\\])*\)))?\s*\)/g;
  prose = prose.replace(link, (_whole, raw: string) => {
    const escaped = raw.replace(/^<|>$/g, '').replace(/\\(.)/g, '$1').replace(/"/g, '&quot;');
    const dest = new JSDOM(`<a href="${escaped}">`).window.document.querySelector('a')?.getAttribute('href') ?? '';
    if (!SAFE_URL.test(dest.replace(/[\u0000-\u0020]/g, ''))) found.push(`link to ${dest.slice(0, 30)}`);
    return '](link)';
  });
  for (const m of prose.matchAll(/(?<!\\)<[a-z!/?]/gi)) found.push(`raw HTML: ${prose.slice(m.index, m.index + 30)}`);
  return found;
}

/**
 * What an HTML-enabled Markdown renderer (markdown-it with `html: true`, as many static-site
 * pipelines run it) makes of an export: the rendered HTML must hold no hazard either. Our own
 * RTL wrapper is the one element the export writes as HTML.
 */
const markdownIt = new MarkdownIt({ html: true, linkify: true });
function renderedMarkdownHazards(md: string): string[] {
  const html = markdownIt.render(md);
  const body = bodyOf(html);
  const found = hazards(body);
  for (const el of body.querySelectorAll('*')) {
    const allowed =
      el.localName === 'div' ? ['dir', 'lang'] : el.localName === 'a' ? ['href'] : el.localName === 'img' ? ['src', 'alt'] : [];
    for (const attr of el.attributes) if (!allowed.includes(attr.name)) found.push(`rendered <${el.localName} ${attr.name}>`);
  }
  return found;
}

/** The seed's body paragraphs and caption that a page shows but `text` lacks. */
function lostSnippets(text: string, shown: string[] = expected.mustContain): string[] {
  const have = flat(text);
  return shown.filter((s) => !have.includes(flat(s)));
}

/**
 * The snippets a browser shows of a payload page: a payload that swallows the rest of the
 * page into a <style> or <textarea> hides it from readers too; that is the page's doing.
 */
function shownSnippets(html: string): string[] {
  const body = parsePage(html, expected.url).body;
  for (const el of body.querySelectorAll('script, style, template, textarea, title, xmp, noscript, noembed, noframes, iframe, select'))
    el.remove();
  const text = flat(body.textContent ?? '');
  return expected.mustContain.filter((s) => text.includes(flat(s)));
}

function extract(payload: Payload): { article: Article; shown: string[] } {
  const html = payloadPage(payload, BASE);
  const article = extractArticle(parsePage(html, expected.url), expected.url);
  if (!article) throw new Error(`payload ${payload.id}: the seed is no longer an article`);
  return { article, shown: shownSnippets(html) };
}

/** Loads a document with scripts on, as a careless viewer would, and says whether a sentinel fired. */
function runs(html: string): boolean {
  const dom = new JSDOM(html, { runScripts: 'dangerously', virtualConsole: new VirtualConsole() });
  const fired = (dom.window as unknown as { __pwned?: unknown }).__pwned !== undefined;
  dom.window.close();
  return fired;
}

describe('the XSS corpus', () => {
  it('has at least 150 payloads with unique ids, each with a sentinel', () => {
    expect(payloads.length).toBeGreaterThanOrEqual(150);
    expect(new Set(payloads.map((p) => p.id)).size).toBe(payloads.length);
    // A script or a request, or a clobbered name the browser test watches.
    const sentinel = /\{\{(?:JS\w*|URL|HTML_B64|SVG_B64)\}\}|__pwned|name="(?:getElementById|cookie|querySelector|createElement)"/;
    const withoutSentinel = payloads.filter((p) => !sentinel.test(p.template)).map((p) => p.id);
    expect(withoutSentinel).toEqual([]);
  });

  it('covers the classes of the issue', () => {
    const categories = new Set(payloads.map((p) => p.category));
    for (const c of [
      'script',
      'event-handler',
      'js-url',
      'data-url',
      'vbscript',
      'svg',
      'mathml',
      'mxss',
      'template',
      'srcdoc',
      'meta-refresh',
      'base',
      'form',
      'css',
      'clobbering',
      'metadata',
    ]) {
      expect(categories, c).toContain(c);
    }
  });

  it('is hostile as written: unsanitised, every markup payload adds something the checks catch', () => {
    // Proves the checks below can fail: the same checker, on the raw payload page, finds more than on the seed.
    const seedHazards = hazards(parsePage(seedPage(), expected.url).documentElement);
    const missed = payloads
      .filter((p) => !p.inert && !METADATA_PLACEMENTS.has(p.where))
      .filter((p) => {
        const left = [...seedHazards];
        const added = hazards(parsePage(payloadPage(p, BASE), expected.url).documentElement).filter((h) => {
          const at = left.indexOf(h);
          return at < 0 || (left.splice(at, 1), false);
        });
        return added.length === 0;
      })
      .map((p) => p.id);
    expect(missed).toEqual([]);
  });

  it('runs its script sentinels when a page is rendered carelessly', () => {
    // A script payload in the raw page fires in a script-running DOM; that is what "executed" means below.
    const script = payloads.find((p) => p.category === 'script' && p.where === 'block');
    if (!script) throw new Error('no script payload');
    expect(runs(payloadPage(script, BASE))).toBe(true);
  });
});

describe('extraction of every payload page', () => {
  const results = payloads.map((p) => ({ p, ...extract(p) }));

  it('leaves nothing executable in the article body', () => {
    const bad = results.flatMap(({ p, article }) =>
      hazards(bodyOf(article.contentHtml), { dataImages: true }).map((h) => `${p.id} ${p.category}: ${h}`),
    );
    expect(bad).toEqual([]);
  });

  it('opens every link of the body in a new tab without opener or referrer, image-map areas too', () => {
    const bad = results.flatMap(({ p, article }) =>
      [...bodyOf(article.contentHtml).querySelectorAll('a[href], area[href]')]
        .filter((a) => a.getAttribute('target') !== '_blank' || a.getAttribute('rel') !== 'noopener noreferrer')
        .map((a) => `${p.id}: ${a.outerHTML.slice(0, 80)}`),
    );
    expect(bad).toEqual([]);
    expect(results.some(({ article }) => article.contentHtml.includes('<area'))).toBe(true);
  });

  it('gives a lead image only as an http(s) URL, and a plain language tag', () => {
    const bad = results.flatMap(({ p, article }) => {
      const src = article.leadImage?.src;
      const issues: string[] = [];
      if (src !== undefined && (!/^https?:\/\//i.test(src) || /["'<>\s]/.test(src))) issues.push(`${p.id}: lead image ${src.slice(0, 40)}`);
      if (!/^[a-z]{2,3}(?:-[a-z0-9]{1,8})*$/i.test(article.lang)) issues.push(`${p.id}: lang ${article.lang.slice(0, 40)}`);
      return issues;
    });
    expect(bad).toEqual([]);
  });

  it('keeps the whole article: every body paragraph and the caption the page shows, in the text and in the reading view', () => {
    const lost = results.flatMap(({ p, article, shown }) => {
      // What the reading view renders: ArticleBody sanitises the stored body once more.
      const rendered = bodyOf(sanitizeHtml(article.contentHtml, view)).textContent ?? '';
      const caption = article.leadImage?.caption ?? '';
      const missing = [...lostSnippets(`${article.textContent} ${caption}`, shown), ...lostSnippets(`${rendered} ${caption}`, shown)];
      return missing.length > 0 ? [`${p.id} ${p.category} lost ${missing.length}: ${missing[0]?.slice(0, 40)}…`] : [];
    });
    expect(lost).toEqual([]);
  });

  it('keeps the title', () => {
    const bad = results
      .filter(({ article }) => !article.title.includes(expected.title))
      .map(({ p, article }) => `${p.id}: ${article.title.slice(0, 60)}`);
    expect(bad).toEqual([]);
  });

  it('exports a standalone HTML file with no script, no handler, no page style, and the article', () => {
    let executed = 0;
    const bad = results.flatMap(({ p, article, shown }) => {
      const html = toStandaloneHtml(article, view, { css: CSS });
      if (runs(html)) executed++;
      const doc = new JSDOM(html).window.document;
      const issues: string[] = [];
      // The head is ours alone: charset, the CSP first of all policies, referrer, viewport, title, our CSS.
      const head = [...doc.head.children].map((el) => el.outerHTML.slice(0, 60));
      const csp = doc.head.querySelector('meta[http-equiv="Content-Security-Policy"]');
      if (doc.head.children.length !== 6 || csp?.getAttribute('content') !== STANDALONE_CSP || doc.querySelectorAll('style').length !== 1) {
        issues.push(`head ${head.join(' ')}`);
      }
      if (doc.querySelector('style')?.textContent !== CSS) issues.push('page CSS in the file');
      const reading = doc.querySelector('article.reading-view');
      // The file's look is its own stylesheet's: no inline style anywhere, ours or the page's.
      if (!reading) issues.push('no reading view');
      issues.push(...hazards(doc.body, { dataImages: true }));
      issues.push(...lostSnippets(doc.body.textContent ?? '', shown).map((s) => `lost ${s.slice(0, 30)}…`));
      return issues.map((i) => `${p.id} ${p.category}: ${i}`);
    });
    expect(bad).toEqual([]);
    expect(executed).toBe(0);
    console.info(`XSS (unit): ${results.length} payloads through extraction and exports, executed ${executed}`);
  });

  it('exports Markdown with no raw HTML and no script links, and the article', () => {
    const bad = results.flatMap(({ p, article, shown }) => {
      const md = toMarkdown(article);
      const text = md.replace(/\\([\\`*_[\]<>|~().!#+-])/g, '$1');
      return [
        ...markdownHazards(md),
        ...renderedMarkdownHazards(md),
        ...lostSnippets(text, shown).map((s) => `lost ${s.slice(0, 30)}…`),
      ].map((i) => `${p.id} ${p.category}: ${i}`);
    });
    expect(bad).toEqual([]);
  });
});

describe('the checks themselves', () => {
  it('catch a body that kept a handler, a script URL, a clobbering id or a page style', () => {
    expect(hazards(bodyOf('<p onclick="x()">a</p>'))).toEqual(['p[onclick]']);
    expect(hazards(bodyOf('<a href="&#106;avascript:x()">a</a>'))).toHaveLength(1);
    expect(hazards(bodyOf('<a href="java\tscript:x()">a</a>'))).toHaveLength(1);
    expect(hazards(bodyOf('<img id="__pwned">'))).toEqual(['img[id]']);
    expect(hazards(bodyOf('<svg><a>x</a></svg>')).length).toBeGreaterThan(0);
    expect(hazards(bodyOf('<img src="data:image/png;base64,AAAA">'), { dataImages: true })).toEqual([]);
    expect(hazards(bodyOf('<img src="data:text/html;base64,AAAA">'), { dataImages: true })).toHaveLength(1);
  });

  it('catch Markdown that would render HTML or a script link', () => {
    expect(markdownHazards('a <img src=x onerror=y> b')).toHaveLength(1);
    expect(markdownHazards('[a](javascript:x)')).toHaveLength(1);
    expect(markdownHazards('[a](&#106;avascript:x)')).toHaveLength(1);
    expect(markdownHazards('\\[a\\](javascript:x) \\<img> `<b>`')).toEqual([]);
    expect(markdownHazards('<div dir="rtl" lang="ar">\n\n[a](https://x)\n\n</div>')).toEqual([]);
    expect(markdownHazards('[a](https://x "</a><img src=x onerror=y> [b](javascript:y)")')).toEqual([]);
    expect(markdownHazards('[a](https://x/\\)[b](javascript:y))')).toEqual([]);
    expect(markdownHazards('title: "x [a](javascript:y)"')).toHaveLength(1);
  });

  it('render Markdown as an HTML-enabled renderer does, and find what it would run', () => {
    expect(renderedMarkdownHazards('a <img src=x onerror=y> b')).toContain('img[onerror]');
    expect(renderedMarkdownHazards('[a](https://x "b") <div dir="rtl" lang="ar">x</div>')).toEqual(['rendered <a title>']);
    expect(renderedMarkdownHazards('\\<img src=x onerror=y> [a](https://x)')).toEqual([]);
  });

  it('notice a lost paragraph', () => {
    const page = embed(seedPage(), 'block', '');
    const article = extractArticle(parsePage(page.replace(/<p>وتنتشر[^<]*<\/p>/, ''), expected.url), expected.url);
    expect(lostSnippets(`${article?.textContent} ${article?.leadImage?.caption}`)).toHaveLength(1);
  });
});
