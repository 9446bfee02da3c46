import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { JSDOM } from 'jsdom';
import { generateHugePage } from '../../../scripts/lib/huge-page.ts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { extractArticle } from '../../../utils/article/extract.ts';
import { exportArticle, type ExportOptions } from '../../../utils/article/export/index.ts';
import type { Article, ExportFormat } from '../../../utils/article/types.ts';
import { articleDate } from '../../../utils/reader/dates.ts';
import { arabicFace, formatJson } from '../../../scripts/lib/format.ts';
import { decodeHtml, loadPage, parseDocument, parsePage } from '../../../scripts/lib/load-page.ts';

const ROOT = fileURLToPath(new URL('../../..', import.meta.url));
const TSX = join(ROOT, 'node_modules/.bin/tsx');
const PAGES = join(ROOT, 'tests/fixtures/pages');
const CNN = join(PAGES, 'ar-cnnarabic-syria-2013/source.html');
const SEED = join(PAGES, 'ar-enabbaladi-seed/source.html');
const SECOND = join(PAGES, 'ar-akhbarelyom-naima-akef-2020/source.html');

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

function extract(...args: string[]): Promise<Run> {
  return new Promise((done, fail) => {
    const child = spawn(TSX, ['scripts/extract.ts', ...args], { cwd: ROOT });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
    child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    child.on('error', fail);
    child.on('close', (code) => done({ code, stdout, stderr }));
  });
}

function lines(text: string): string[] {
  return text.split('\n').filter((l) => l !== '');
}

interface JsonLine {
  isArticle: boolean;
  article: Article | null;
}

function parseLine(line: string | undefined): JsonLine {
  return JSON.parse(line ?? 'null') as JsonLine;
}

function expectedOf(sourcePath: string): { mustContain: string[]; title: string } {
  return JSON.parse(readFileSync(join(sourcePath, '../expected.json'), 'utf8')) as { mustContain: string[]; title: string };
}

const ARTICLE_BODY = Array.from(
  { length: 6 },
  (_, i) =>
    `<p>الفقرة ${i + 1}: قالت مصادر محلية إن الأمطار الغزيرة التي هطلت على المدينة خلال الأيام الماضية ` +
    `تسببت في أضرار واسعة بالطرق والمنازل، وإن فرق الدفاع المدني عملت طوال الليل على فتح الطرق وإجلاء السكان.</p>`,
).join('\n');

let tmp = '';
let styleBomb = '';
let notArticle = '';
let binary = '';
let shortNote = '';
let huge = '';

beforeAll(async () => {
  tmp = await mkdtemp(join(tmpdir(), 'naqi-cli-'));
  // jsdom 29 (css-tree) throws while building the tree on an unclosed calc( in a <style> block.
  styleBomb = join(tmp, 'style-bomb.html');
  await writeFile(
    styleBomb,
    `<!doctype html><html lang="ar" dir="rtl"><head><meta charset="utf-8"><title>أمطار غزيرة</title>` +
      `<style>.a{width:calc(100% - 10px}</style></head><body><article><h1>أمطار غزيرة تضرب المدينة</h1>` +
      `${ARTICLE_BODY}</article></body></html>`,
  );
  notArticle = join(tmp, 'not-article.html');
  await writeFile(
    notArticle,
    '<!doctype html><html><head><meta charset="utf-8"><title>Login</title></head><body>' +
      '<form><input name="user"><input type="password"><button>Sign in</button></form></body></html>',
  );
  // A page of headlines, each with its summary: detection says "not an article".
  shortNote = join(tmp, 'news-list.html');
  const items = [
    [
      'El nuevo puente peatonal abre al público',
      'El ayuntamiento abrió este lunes el nuevo puente peatonal sobre el río, después de dos años de obras y varios retrasos.',
    ],
    [
      'Del barrio norte al mercado en diez minutos',
      'Los vecinos del barrio norte podrán cruzar a pie hasta el mercado central en menos de diez minutos, según el municipio.',
    ],
    [
      'La biblioteca amplía su horario durante los exámenes',
      'La biblioteca municipal abrirá hasta medianoche durante las semanas de exámenes, con más puestos de lectura y wifi.',
    ],
    [
      'Nuevas líneas de autobús para los barrios del sur',
      'Tres líneas nuevas conectarán desde el mes próximo los barrios del sur con el centro, con salidas cada quince minutos.',
    ],
  ];
  await writeFile(
    shortNote,
    '<!doctype html><html lang="es"><head><meta charset="utf-8"><title>Noticias de la ciudad</title></head><body><div class="wrap">' +
      items.map(([h, t], i) => `<div class="item"><h2><a href="/noticias/${i + 1}">${h}</a></h2><p>${t}</p></div>`).join('') +
      '</div></body></html>',
  );
  huge = join(tmp, 'huge.html');
  await writeFile(huge, generateHugePage({ elements: 200_000, bytes: 20_000_000 }));
  binary = join(tmp, 'garbage.html');
  await writeFile(binary, Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 7919) % 256)));
});

afterAll(async () => {
  if (tmp) await rm(tmp, { recursive: true, force: true });
});

// One run of the CNN page, shared by the tests that need it (each spawn costs 1–2 s).
let cnnRun: Promise<Run> | undefined;
const extractCnn = (): Promise<Run> => (cnnRun ??= extract(CNN));

describe('extract CLI', () => {
  it('prints {isArticle, article} as one JSON line', async () => {
    const run = await extractCnn();
    expect(run.code).toBe(0);
    expect(run.stderr).toBe('');
    const out = lines(run.stdout);
    expect(out).toHaveLength(1);
    const result = parseLine(out[0]);
    expect(result.isArticle).toBe(true);
    expect(typeof result.article?.title).toBe('string');
    expect(result.article?.title.length).toBeGreaterThan(0);
  });

  it.skipIf(!existsSync(SEED))('extracts the seed page', async () => {
    const run = await extract('--format', 'json', SEED);
    expect(run.code).toBe(0);
    const result = parseLine(lines(run.stdout)[0]);
    expect(result.isArticle).toBe(true);
    expect(result.article?.title).toBeTruthy();
  });

  it('prints one line per file, in order', async () => {
    const [single, multi] = await Promise.all([extractCnn(), extract(CNN, notArticle, SECOND)]);
    expect(multi.code).toBe(0);
    const out = lines(multi.stdout);
    expect(out).toHaveLength(3);
    expect(out[0]).toBe(lines(single.stdout)[0]);
    expect(parseLine(out[1])).toEqual({ isArticle: false, article: null });
    const third = parseLine(out[2]);
    expect(third.isArticle).toBe(true);
    expect(third.article?.title).toBeTruthy();
    expect(third.article?.title).not.toBe(parseLine(out[0]).article?.title);
  });

  it('reports unreadable inputs on one line each, exits 1, and still prints the others', async () => {
    const missing = join(tmp, 'no-such-page.html');
    const run = await extract(missing, CNN, tmp, binary);
    expect(run.code).toBe(1);
    const errors = lines(run.stderr);
    expect(errors).toEqual([
      `naqi: cannot read ${missing}: no such file`,
      `naqi: cannot read ${tmp}: is a directory`,
      `naqi: cannot read ${binary}: binary data, not an HTML page`,
    ]);
    const out = lines(run.stdout);
    expect(out).toHaveLength(1);
    expect(parseLine(out[0]).isArticle).toBe(true);
  });

  it('--format text prints the title and body paragraphs', async () => {
    const run = await extract(CNN, '--format', 'text');
    expect(run.code).toBe(0);
    const text = run.stdout.replace(/\s+/g, ' ');
    const { mustContain } = expectedOf(CNN);
    expect(mustContain.length).toBeGreaterThan(0);
    expect(text).toContain((mustContain[0] ?? '').replace(/\s+/g, ' '));
    expect(run.stdout).toMatch(/\n\n/);
  });

  it('--format md and html keep the direction', async () => {
    const [md, html] = await Promise.all([extract(CNN, '--format=md'), extract(CNN, '--format', 'html')]);
    expect(md.code).toBe(0);
    // Front matter, then the whole article (its title too) inside the direction wrapper.
    expect(md.stdout).toMatch(/^---\ntitle: "[^"\n]+"\n[\s\S]*?\n---\n\n<div dir="rtl" lang="ar">\n\n# /);
    expect(html.code).toBe(0);
    expect(html.stdout).toMatch(/^<!doctype html>\n<html lang="ar" dir="rtl">/);
    expect(html.stdout).toContain('<meta charset="utf-8">');
  });

  it('says on stderr, with exit 0, that a page is not an article (non-json formats)', async () => {
    const run = await extract('--format', 'text', notArticle);
    expect(run.code).toBe(0);
    expect(run.stdout).toBe('');
    expect(run.stderr).toBe(`naqi: ${notArticle} is not an article\n`);
  });

  it('--force extracts a page judged not an article, and still reports the verdict', async () => {
    const [plain, forced, forcedText, login] = await Promise.all([
      extract(shortNote),
      extract('--force', shortNote),
      extract(shortNote, '--format', 'text', '--force'),
      extract('--force', '--format', 'text', notArticle),
    ]);
    expect(parseLine(lines(plain.stdout)[0])).toEqual({ isArticle: false, article: null });
    expect(forced.code).toBe(0);
    const result = parseLine(lines(forced.stdout)[0]);
    expect(result.isArticle).toBe(false);
    expect(result.article?.lang).toBe('es');
    expect(result.article?.textContent).toContain('el nuevo puente peatonal sobre el río');
    expect(result.article?.textContent).toContain('hasta el mercado central');
    expect(forcedText.stdout).toContain('Los vecinos del barrio norte');
    // A login form has no text to read, forced or not.
    expect(login.code).toBe(0);
    expect(login.stdout).toBe('');
    expect(login.stderr).toBe(`naqi: ${notArticle} has no readable article text\n`);
    expect((await extract('--force=yes', shortNote)).code).toBe(2);
  });

  it('refuses a page over the size guard with one clean line, forced or not, and still prints the others', async () => {
    const [plain, forced] = await Promise.all([extract(huge, SECOND), extract('--force', '--format', 'text', huge)]);
    const line = `naqi: cannot read ${huge}: page too large to read: over 30,000 elements\n`;
    expect(plain.code).toBe(1);
    expect(plain.stderr).toBe(line);
    expect(parseLine(lines(plain.stdout)[0]).isArticle).toBe(true);
    expect(forced.code).toBe(1);
    expect(forced.stderr).toBe(line);
    expect(forced.stdout).toBe('');
  });

  it('rejects an unknown option with a usage line and exit 2', async () => {
    const run = await extract('--frobnicate', CNN);
    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toMatch(/unknown option --frobnicate/);
    expect(run.stderr).toMatch(/^usage: /m);
    const bad = await extract('--format', 'pdf', CNN);
    expect(bad.code).toBe(2);
  });

  it('survives a <style> block that makes jsdom throw', async () => {
    const run = await extract(styleBomb);
    expect(run.code).toBe(0);
    expect(run.stderr).toBe('');
    expect(parseLine(lines(run.stdout)[0]).article?.textContent).toContain('الأمطار الغزيرة');
  });
});

describe('load-page', () => {
  it('turns a jsdom failure into one clean line, and retries without <style>', async () => {
    const html = readFileSync(styleBomb, 'utf8');
    expect(() => parseDocument(html, 'https://example.com/a', { retryWithoutStyles: false, name: 'bomb.html' })).toThrow(
      /^cannot parse bomb\.html: [^\n]+$/,
    );
    const doc = parseDocument(html, 'https://example.com/a');
    expect(doc.querySelectorAll('p')).toHaveLength(6);
    expect(doc.querySelector('style')).toBeNull();
  });

  it('decodes by BOM, then meta charset, else UTF-8', () => {
    const arabic = 'سوريا';
    const cp1256 = Uint8Array.from([0xd3, 0xe6, 0xd1, 0xed, 0xc7]); // سوريا in windows-1256
    const httpEquiv = Buffer.concat([
      Buffer.from('<html><head><meta http-equiv="Content-Type" content="text/html; charset=windows-1256"></head><body>'),
      cp1256,
    ]);
    expect(decodeHtml(httpEquiv)).toMatchObject({ encoding: 'windows-1256' });
    expect(decodeHtml(httpEquiv).html).toContain(arabic);
    const metaCharset = Buffer.concat([Buffer.from("<meta charset='cp1256'><p>"), cp1256]);
    expect(decodeHtml(metaCharset).html).toContain(arabic);
    const bom = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(`<meta charset="windows-1256">${arabic}`)]);
    expect(decodeHtml(bom)).toMatchObject({ encoding: 'utf-8' });
    expect(decodeHtml(bom).html).toContain(arabic);
    expect(decodeHtml(Buffer.from(`<p>${arabic}</p>`))).toMatchObject({ encoding: 'utf-8', html: `<p>${arabic}</p>` });
    expect(decodeHtml(Buffer.from('<meta charset="utf-16"><p>x</p>')).encoding).toBe('utf-8');
  });

  it('reads windows-1252 quotes and dashes as the characters they are', () => {
    // “Quoted” – a dash, ‘single’ — an em dash, … and € ™ in an old page that declares its charset.
    const cp1252 = Buffer.concat([
      Buffer.from('<html><head><meta http-equiv="content-type" content="text/html; charset=windows-1252"></head><body><p>'),
      Buffer.from([
        0x93, 0x51, 0x75, 0x6f, 0x74, 0x65, 0x64, 0x94, 0x20, 0x96, 0x20, 0x91, 0x73, 0x92, 0x20, 0x97, 0x20, 0x85, 0x20, 0x80, 0x99,
      ]),
      Buffer.from('</p></body></html>'),
    ]);
    const { html, encoding } = decodeHtml(cp1252);
    expect(encoding).toBe('windows-1252');
    expect(html).toContain('<p>\u201cQuoted\u201d \u2013 \u2018s\u2019 \u2014 \u2026 \u20ac\u2122</p>');
    expect(html).not.toMatch(/[\u0080-\u009f]/);
    // The same bytes with no declaration are not UTF-8: read as windows-1252 too; and the latin1 label means windows-1252.
    expect(decodeHtml(cp1252.subarray(cp1252.indexOf('<p>'))).html).toContain('\u201cQuoted\u201d \u2013');
    const latin1 = Buffer.concat([Buffer.from('<meta charset="iso-8859-1"><p>'), Buffer.from([0x93, 0x61, 0x94, 0xe9])]);
    expect(decodeHtml(latin1).html).toBe('<meta charset="iso-8859-1"><p>\u201ca\u201d\u00e9');
  });

  it('gunzips .gz pages', async () => {
    const path = join(tmp, 'page.html.gz');
    await writeFile(path, gzipSync(Buffer.from('<p>مرحبا</p>')));
    expect((await loadPage(path)).html).toBe('<p>مرحبا</p>');
  });

  it('takes the canonical URL when none is given', () => {
    const html = '<link rel="canonical" href="https://news.example/a/1"><meta property="og:url" content="https://x.example/">';
    const page = parsePage(html, { fallbackUrl: 'file:///tmp/a.html' });
    expect(page.url).toBe('https://news.example/a/1');
    expect(page.doc.URL).toBe('https://news.example/a/1');
    page.close();
    expect(parsePage('<p>x</p>', { fallbackUrl: 'file:///tmp/a.html' }).url).toBe('file:///tmp/a.html');
    expect(parsePage(html, { url: 'https://given.example/' }).url).toBe('https://given.example/');
  });
});

describe('formats', () => {
  it('json is one line', () => {
    const article = { title: 'عنوان', textContent: 'a\nb\u2028c' } as Article;
    const json = formatJson({ isArticle: true, article });
    expect(json.split('\n')).toHaveLength(1);
    expect(JSON.parse(json)).toMatchObject({ isArticle: true, article: { title: article.title } });
  });

  it('html, md and text are the one exporter’s files: the CLI prints what the extension downloads', async () => {
    const url = 'https://www.enabbaladi.net/archives/201234';
    const page = parsePage(readFileSync(SEED, 'utf8'), { url });
    const article = extractArticle(page.doc, page.url);
    if (!article) throw new Error('no article in the seed page');
    const view = new JSDOM('').window as unknown as ExportOptions['view'];
    const dateText = articleDate(article);
    const runs = await Promise.all((['html', 'md', 'text'] as const).map((f) => extract(SEED, '--url', url, '--format', f)));
    const [html, md, text] = runs.map((r) => r.stdout);
    // The file, byte for byte, ending in one newline.
    const file = (format: ExportFormat): string =>
      exportArticle(article, format, { view, fonts: arabicFace(), ...(dateText ? { dateText } : {}) }).replace(/\n*$/, '\n');
    expect(html).toBe(file('html'));
    expect(md).toBe(file('md'));
    expect(text).toBe(file('txt'));
    expect(html).toMatch(/^<!doctype html>\n<html lang="ar" dir="rtl">/);
    expect(md).toMatch(/^---\ntitle: /);
    page.close();
  });
});
