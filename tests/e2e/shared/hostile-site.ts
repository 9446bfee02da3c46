import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { expect } from 'vitest';
import type { ToolbarPopup } from '../harness/toolbar-popup.ts';

/**
 * Two sites on one local server, told apart by the Host header, for issue 12's browser tests:
 * - the article's site, `http://127.0.0.1:PORT/`: hostile articles that name the other site;
 * - "the bank", `http://localhost:PORT/`: a site the reader is logged in to (SameSite=Lax and
 *   Strict cookies set by /login), whose every request is logged with its Cookie, Origin and
 *   Referer headers.
 * 127.0.0.1 and localhost are different sites, so a page of the first never sends the
 * second's Lax or Strict cookies; only a first-party context (an extension page) could.
 */

export interface Hit {
  site: 'article' | 'bank';
  path: string;
  cookie: string;
  origin: string;
  referer: string;
}

export interface HostileSite {
  /** `http://127.0.0.1:PORT/` */
  article: string;
  /** `http://localhost:PORT/` */
  bank: string;
  hits: Hit[];
  close(): Promise<void>;
}

/** A 1×1 PNG: browsers decode it, so an image shown from it is really shown. */
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==', 'base64');

const PARAGRAPHS = [
  'قال سكان في الحي الشرقي إن المياه انقطعت منذ ثلاثة أيام، وإن أصحاب الصهاريج الخاصة رفعوا أسعارهم إلى الضعف خلال يومين فقط.',
  'وأوضح مسؤول في البلدية أن الخط الرئيسي تعرض لعطل كبير بعد أعمال حفر قرب السوق، وأن الورشات تعمل ليلًا ونهارًا لإصلاحه قبل نهاية الأسبوع.',
  'وتجمع عشرات الأهالي أمام مبنى البلدية صباح اليوم مطالبين بخطة طوارئ لتوزيع المياه على المدارس والمستوصفات وبيوت كبار السن.',
  'وقالت معلمة في مدرسة الحي إن الدوام تقلص إلى ثلاث ساعات يوميًا بسبب انقطاع المياه عن دورات المياه، وإن الأهالي يخشون انتشار الأمراض.',
  'ووعدت البلدية بنشر جدول يومي لمرور الصهاريج المجانية في الأحياء المتضررة، على أن يبدأ العمل به من صباح الغد.',
];

export const ARTICLE_TITLE = 'انقطاع المياه عن الحي الشرقي لليوم الثالث';

function articlePage(bank: string, extra: string, head = ''): string {
  return `<!doctype html><html lang="ar" dir="rtl"><head><meta charset="utf-8"><title>${ARTICLE_TITLE}</title>
<meta property="og:type" content="article"><meta property="og:image" content="${bank}img/lead.png">
<script type="application/ld+json">{"@type":"NewsArticle","headline":"${ARTICLE_TITLE}","datePublished":"2026-05-07T10:30:00Z"}</script>${head}</head>
<body><header><a href="/">الرئيسية</a></header><main><article><h1>${ARTICLE_TITLE}</h1>
<p>${PARAGRAPHS[0]}</p><figure><img src="${bank}account/delete?everything=1" alt="صورة"><figcaption>الحي الشرقي صباح اليوم</figcaption></figure>
<p>${PARAGRAPHS[1]}</p>${extra}<p>${PARAGRAPHS[2]}</p><p>${PARAGRAPHS[3]}</p><p>${PARAGRAPHS[4]}</p></article></main></body></html>`;
}

/** Video, audio, sources, a track and a poster, all on the bank's site. */
function media(bank: string): string {
  return `<video src="${bank}media/clip.mp4" poster="${bank}img/poster.png" controls><source src="${bank}media/clip.webm" type="video/webm"><track src="${bank}media/subs.vtt" kind="subtitles"></video>
<audio controls><source src="${bank}media/interview.mp3" type="audio/mpeg"></audio>`;
}

/** The same article, laid out the ASP.NET way (one form around the page) with controls named after DOM properties. */
function clobberedPage(): string {
  const names = [
    'parentNode',
    'parentElement',
    'textContent',
    'childNodes',
    'children',
    'tagName',
    'nodeName',
    'getAttribute',
    'nextSibling',
    'firstChild',
    'id',
    'className',
    'attributes',
  ];
  return `<!doctype html><html lang="ar" dir="rtl"><head><meta charset="utf-8"><title>${ARTICLE_TITLE}</title></head>
<body><form id="aspnetForm" action="/post">${names.map((n) => `<input type="hidden" name="${n}" value="x">`).join('')}
<img name="textContent" src="/img/own.png" alt=""><main><article><h1>${ARTICLE_TITLE}</h1>${PARAGRAPHS.map((p) => `<p>${p}</p>`).join('')}</article></main>
<textarea name="reply"></textarea><button name="submit">أرسل</button></form><img name="body" src="/img/own.png" alt=""></body></html>`;
}

/** An article page whose own script writes down every message and every event named for the extension (`?id=`). */
function listeningPage(bank: string): string {
  const script = `<script>
window.__heard = [];
window.addEventListener('message', (e) => window.__heard.push('message ' + JSON.stringify(e.data)));
const id = new URLSearchParams(location.search).get('id');
for (const name of ['article', 'content']) for (const target of [window, document]) {
  target.addEventListener(id + ':' + name + ':wxt:content-script-started', (e) => window.__heard.push('event ' + e.type), true);
}
</script>`;
  return articlePage(bank, '', script);
}

export async function startHostileSite(): Promise<HostileSite> {
  const hits: Hit[] = [];
  let port = 0;
  const server = createServer((req: IncomingMessage, res) => {
    const url = new URL(req.url ?? '/', 'http://x');
    const site = (req.headers.host ?? '').startsWith('localhost:') ? 'bank' : 'article';
    hits.push({
      site,
      path: `${url.pathname}${url.search}`,
      cookie: req.headers.cookie ?? '',
      origin: String(req.headers.origin ?? ''),
      referer: String(req.headers.referer ?? ''),
    });
    const article = `http://127.0.0.1:${port}/`;
    const bank = `http://localhost:${port}/`;
    const html = (body: string, headers: Record<string, string | string[]> = {}): void => {
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store', ...headers });
      res.end(body);
    };
    if (url.pathname.startsWith('/img/') || url.pathname.startsWith('/account/')) {
      res.writeHead(200, { 'content-type': 'image/png', 'cache-control': 'no-store' });
      res.end(PNG);
    } else if (url.pathname.startsWith('/media/')) {
      res.writeHead(200, { 'content-type': 'application/octet-stream', 'cache-control': 'no-store' });
      res.end(Buffer.alloc(64));
    } else if (site === 'bank' && url.pathname === '/login') {
      html('<!doctype html><link rel="icon" href="data:,"><p>signed in</p>', {
        'set-cookie': ['lax=L1; Path=/; SameSite=Lax', 'strict=S1; Path=/; SameSite=Strict'],
      });
    } else if (site === 'bank') {
      html(
        `<!doctype html><html lang="en"><link rel="icon" href="data:,"><title>Bank</title><p>Your account.</p><img src="/img/logo.png" alt=""></html>`,
      );
    } else if (url.pathname === '/article/') {
      html(articlePage(bank, media(bank)));
    } else if (url.pathname === '/moved/') {
      // An article with images on its own site only, for the tab that moves on to the bank.
      html(
        articlePage(bank, `<p><img src="${article}img/own-1.png" alt=""></p><p><img src="${article}img/own-2.png" alt=""></p>`).replace(
          /http:\/\/localhost:\d+\/(?:account|img)\/[^"]*/g,
          `${article}img/own-0.png`,
        ),
      );
    } else if (url.pathname === '/clobbered/') {
      html(clobberedPage());
    } else if (url.pathname === '/listening/') {
      html(listeningPage(bank));
    } else {
      res.writeHead(404, { 'content-type': 'text/plain' });
      res.end('no such page');
    }
  });
  await new Promise<void>((ok, fail) => {
    server.once('error', fail);
    server.listen(0, '127.0.0.1', () => ok());
  });
  port = (server.address() as AddressInfo).port;
  return {
    article: `http://127.0.0.1:${port}/`,
    bank: `http://localhost:${port}/`,
    hits,
    close: () =>
      new Promise<void>((ok) => {
        server.closeAllConnections();
        server.close(() => ok());
      }),
  };
}

/**
 * Requests to the bank that carried the reader's Lax or Strict cookie, but for the bank's own
 * pages asking their own site (a favicon after the sign-in, a logo): those may.
 */
export const withBankCookies = (hits: readonly Hit[]): Hit[] =>
  hits.filter((h) => h.site === 'bank' && /\b(?:lax|strict)=/.test(h.cookie) && !/^http:\/\/localhost:\d+\//.test(h.referer));

/**
 * On the clobbered page: the popup reads the article, and the page itself still answers at
 * once (its main thread is free) with nothing of it hidden. `countParagraphs` asks the page.
 */
export async function expectClobberedPageRead(popup: ToolbarPopup, countParagraphs: () => Promise<number>): Promise<void> {
  const title = await popup.waitFor((win) => win.document.querySelector('h1.reading-title')?.textContent, undefined, 15_000);
  expect(title).toBe(ARTICLE_TITLE);
  expect(await popup.evaluate((win) => win.document.querySelectorAll('.article-body p').length)).toBeGreaterThanOrEqual(5);
  await popup.close();
  const answer = await Promise.race([countParagraphs(), new Promise((r) => setTimeout(() => r('frozen'), 5_000))]);
  expect(answer).toBe(5);
}
