import { JSDOM } from 'jsdom';
import { describe, expect, it } from 'vitest';
import { generateHugePage } from '../../../scripts/lib/huge-page.ts';
import { planDeclutter } from '../../../utils/article/declutter.ts';
import { detectArticle } from '../../../utils/article/detect.ts';
import { extractArticle } from '../../../utils/article/extract.ts';
import { MAX_ELEMENTS, PageTooLargeError } from '../../../utils/article/limits.ts';
import type { Article } from '../../../utils/article/types.ts';
import { flat, loadFixture, parsePage } from '../helpers/fixtures.ts';

const P = (n: number) =>
  `<p>الفقرة ${n}: وقالت مصادر محلية إن الاشتباكات تجددت صباح اليوم في ريف المدينة الشمالي بعد هدوء حذر استمر أيامًا، وسط نزوح عشرات العائلات نحو القرى المجاورة بحثًا عن الأمان.</p>`;

/** The article extracted from a fixture page (which must be one). */
function extracted(slug: string): Article {
  const { doc, expected } = loadFixture(slug);
  const article = extractArticle(doc, expected.url);
  if (!article) throw new Error(`${slug}: no article`);
  return article;
}

function page(body: string, head = ''): Document {
  return parsePage(
    `<html lang="ar"><head><title>خبر</title>${head}</head><body>${body}</body></html>`,
    'https://news.test/2024/05/story-123',
  );
}

describe('extractArticle', () => {
  it('does not repeat the title or the byline-and-date line at the top of the body (the header shows them)', () => {
    const { doc, expected } = loadFixture('ar-images-offline');
    const article = extractArticle(doc, expected.url);
    expect(article?.title).toBe(expected.title);
    const body = article?.textContent.replace(/\s+/g, ' ') ?? '';
    expect(body).not.toContain(expected.title);
    expect(body).not.toContain('ريم الأيوبي — 14 نيسان 2024');
    expect(body.startsWith(expected.mustContain[0]!.slice(0, 40))).toBe(true);
  });

  it('never mutates the page it reads', () => {
    const { doc, expected } = loadFixture('ar-enabbaladi-seed');
    const before = doc.documentElement.outerHTML;
    const article = extractArticle(doc, expected.url);
    expect(article?.removed.length).toBeGreaterThan(3);
    expect(doc.documentElement.outerHTML).toBe(before);
  });

  it('reads the seed page as the article and nothing else, saying what it removed and why', () => {
    const article = extracted('ar-enabbaladi-seed');
    expect(article).toMatchObject({
      title: loadFixture('ar-enabbaladi-seed').expected.title,
      lang: 'ar',
      dir: 'rtl',
      siteName: 'عنب بلدي',
    });
    expect(article.leadImage?.caption).toMatch(/^تمركز القوات الأمريكية/);
    expect(article.leadImage?.src).toMatch(/^https:\/\//);
    expect(new Set(article.removed.map((r) => r.kind))).toEqual(
      new Set(['ad', 'icon-label', 'font-switcher', 'share', 'related', 'overlay']),
    );
    expect(article.removed.find((r) => r.kind === 'overlay')?.text).toContain('الإعلام الموجّه يشوه الحقيقة');
    expect(article.readingMinutes).toBeGreaterThanOrEqual(2);
  });

  it('keeps a lead image and caption that the template puts outside the body, without showing it twice', () => {
    const doc = page(
      `<h1>عنوان الخبر</h1><figure class="featured"><img src="/img/lead-1024x683.jpg" width="1024"><figcaption>صورة من ريف المدينة (رويترز)</figcaption></figure>` +
        `<div class="entry"><img src="/img/lead.jpg">${P(1)}${P(2)}${P(3)}${P(4)}</div>`,
      '<meta property="og:image" content="https://news.test/img/lead.jpg">',
    );
    const article = extractArticle(doc, 'https://news.test/2024/05/story-123')!;
    expect(article.leadImage).toEqual({ src: 'https://news.test/img/lead-1024x683.jpg', caption: 'صورة من ريف المدينة (رويترز)' });
    expect(article.contentHtml).not.toContain('lead');
  });

  it('keeps formulas, tables, lists, code and quotes in the body the reader is shown', () => {
    const article = extracted('loss-formulas-tables-code');
    const body = JSDOM.fragment(article.contentHtml);
    // MathJax's hidden MathML copy and a bare <math> both read as HTML, left to right, the display formula as its own line.
    const formulas = [...body.querySelectorAll('bdi')];
    expect(formulas.map((m) => m.innerHTML)).toEqual(['a ≠ 0', 'x = (−b ± √(b<sup>2</sup> − 4ac))/(2a)', 'Δ = b<sup>2</sup> − 4ac']);
    expect(formulas[1]?.parentElement?.tagName).toBe('P');
    expect(formulas[1]?.parentElement?.childNodes).toHaveLength(1);
    expect(article.contentHtml).not.toContain('Delta');
    expect(body.querySelectorAll('table tr')).toHaveLength(4);
    expect(body.querySelectorAll('ol > li')).toHaveLength(3);
    expect(body.querySelector('pre code')?.textContent).toContain('d = b * b - 4 * a * c');
    expect(body.querySelector('blockquote')?.textContent).toContain('گالیله');
  });

  it('keeps table spans and list numbering, which are not addresses', () => {
    const doc = page(
      `<h1>عنوان الخبر</h1><div class="entry">${P(1)}${P(2)}<table><tr><th colspan="2">النتائج</th></tr><tr><td rowspan="2">أ</td><td>1</td></tr><tr><td>2</td></tr></table><ol start="4"><li>البند الرابع من الاتفاق</li><li>البند الخامس</li></ol>${P(3)}</div>`,
    );
    const article = extractArticle(doc, 'https://news.test/2024/05/story-123')!;
    expect(article.contentHtml).toContain('colspan="2"');
    expect(article.contentHtml).toContain('rowspan="2"');
    expect(article.contentHtml).toContain('<ol start="4">');
  });

  it('drops the lead image copy from the body only when it is the same picture, also on image CDNs whose paths name no file', () => {
    const cdn = (crop: string, name: string) =>
      `https://cdn.news.test/dims4/default/${crop}/resize/840x548!/quality/90/?url=https%3A%2F%2Fs3.test%2F${name}.jpg`;
    const doc = page(
      `<h1>عنوان الخبر</h1><figure class="featured"><img src="${cdn('a1', 'lead')}"><figcaption>الصورة الرئيسية للخبر</figcaption></figure>` +
        `<div class="entry">${P(1)}<figure><img src="${cdn('b2', 'minister')}"><figcaption>الوزير خلال المؤتمر الصحفي</figcaption></figure>${P(2)}${P(3)}` +
        `<figure><img src="${cdn('a1', 'lead')}"><figcaption>الصورة الرئيسية للخبر</figcaption></figure>${P(4)}</div>`,
      `<meta property="og:image" content="${cdn('c3', 'lead')}">`,
    );
    const article = extractArticle(doc, 'https://news.test/2024/05/story-123')!;
    expect(article.leadImage).toEqual({ src: cdn('a1', 'lead'), caption: 'الصورة الرئيسية للخبر' });
    expect(article.textContent).toContain('الوزير خلال المؤتمر الصحفي');
    expect(article.textContent).not.toContain('الصورة الرئيسية للخبر');
  });

  it('keeps the paragraphs an unclosed <p> in a <noscript> swallows when the page is read without scripts', () => {
    const doc = page(
      `<h1>عنوان الخبر</h1><div class="entry">${P(1)}${P(2)}<noscript><p>يرجى تفعيل جافاسكربت لمشاهدة الفيديو</noscript>${P(3)}${P(4)}</div><footer>حقوق النشر</footer>`,
    );
    expect(doc.querySelector('noscript')?.textContent).toContain('الفقرة 4');
    const article = extractArticle(doc, 'https://news.test/2024/05/story-123')!;
    for (const n of [1, 2, 3, 4]) expect(article.textContent).toContain(`الفقرة ${n}:`);
    expect(article.textContent).not.toContain('جافاسكربت');
  });

  it('does not repeat an article that a <noscript> holds as a fallback copy', () => {
    const doc = page(
      `<h1>عنوان الخبر</h1><div class="entry">${P(1)}${P(2)}${P(3)}<noscript><div>${P(1)}${P(2)}${P(3)}</div></noscript></div>`,
    );
    const article = extractArticle(doc, 'https://news.test/2024/05/story-123')!;
    expect(article.textContent.match(/الفقرة 2:/g)).toHaveLength(1);
  });

  it('sanitises the body: no script, handler, javascript: link or style survives; links open safely', () => {
    const doc = page(
      `<h1>عنوان</h1><div>${P(1)}${P(2)}<p>رابط <a href="javascript:alert(1)">خطير</a> و<a href="https://ok.test/">آمن</a>
       <img src="x.jpg" onerror="alert(1)"><script>alert(1)</script><span style="position:fixed">x</span></p>${P(3)}</div>`,
    );
    const html = extractArticle(doc, 'https://news.test/a')!.contentHtml;
    expect(html).not.toMatch(/<script|onerror|javascript:|style=/i);
    expect(html).toContain('href="https://ok.test/" target="_blank" rel="noopener noreferrer"');
    expect(html).toMatch(/<p dir="rtl">/);
  });

  it('returns null for a page with no text', () => {
    expect(extractArticle(page('<nav><a href="/">الرئيسية</a></nav>'), 'https://news.test/')).toBeNull();
  });

  it('takes direction from the text when the page says nothing', () => {
    const doc = parsePage(`<html><body><h1>عنوان الخبر</h1><div>${P(1)}${P(2)}${P(3)}</div></body></html>`, 'https://news.test/x');
    expect(extractArticle(doc, 'https://news.test/x')).toMatchObject({ lang: 'ar', dir: 'rtl' });
  });

  it('reads a long page just under the size guard and refuses one just over it', () => {
    const url = 'https://news.test/2024/05/floods-live-123';
    const under = parsePage(generateHugePage({ elements: MAX_ELEMENTS - 100, bytes: 3_000_000 }), url);
    expect(under.getElementsByTagName('*').length).toBeLessThan(MAX_ELEMENTS);
    expect(extractArticle(under, url)?.textContent).toContain('فرق الإنقاذ واصلت عملها طوال الليل');
    expect(planDeclutter(under).map((r) => r.rule)).toContain('share-bar');
    const over = parsePage(generateHugePage({ elements: MAX_ELEMENTS + 100, bytes: 3_000_000 }), url);
    expect(over.getElementsByTagName('*').length).toBeGreaterThan(MAX_ELEMENTS);
    expect(() => extractArticle(over, url)).toThrow(PageTooLargeError);
    expect(planDeclutter(over)).toEqual([]);
  });

  it('drops tracking pixels from the body, so a saved article read later pings no one', () => {
    const { doc, expected } = loadFixture('ar-images-offline');
    const p = doc.querySelector('article p');
    p?.insertAdjacentHTML(
      'beforeend',
      '<img src="https://stats.tracker.example/p.gif?u=1" width="1" height="1" alt=""><img src="https://ads.example/px.png" width="0" height="0">',
    );
    const article = extractArticle(doc, expected.url)!;
    expect(article.contentHtml).not.toContain('tracker.example');
    expect(article.contentHtml).not.toContain('ads.example');
    expect(article.contentHtml).toContain('market.png');
  });

  it('shown anyway, a listing keeps each teaser’s headline above its summary', () => {
    for (const slug of ['min-listing-cards-fa', 'ar-home-page']) {
      const { doc, expected } = loadFixture(slug);
      expect(expected.isArticle).toBe(false);
      const cards = [...doc.querySelectorAll('main article, .archive li')].filter(
        (card) => card.querySelector('h2 a, h3 a') && card.querySelector('p'),
      );
      const text = flat(extractArticle(doc, expected.url)?.textContent ?? '');
      const lost = cards.filter(
        (card) =>
          text.includes(flat(card.querySelector('p')!.textContent!)) && !text.includes(flat(card.querySelector('h2, h3')!.textContent!)),
      );
      expect(cards.length, slug).toBeGreaterThanOrEqual(5);
      expect(
        lost.map((card) => flat(card.querySelector('h2, h3')!.textContent!)),
        slug,
      ).toEqual([]);
    }
  });

  it('gives lazy images their real address, as lead image and in the body, with no placeholder left', () => {
    const article = extracted('odd-lazy-images');
    expect(article.leadImage).toMatchObject({
      src: 'https://cdn.madinati.net/uploads/2023/05/old-souk-restored-1200x800.jpg',
      caption: 'سوق المدينة القديم بعد انتهاء أعمال الترميم (تصوير: سامر حداد)',
    });
    const sources = [...article.contentHtml.matchAll(/<img[^>]*\bsrc="([^"]*)"/g)].map((m) => m[1]);
    expect(sources).toEqual([
      'https://cdn.madinati.net/uploads/2023/05/souk-arches-1024x683.jpg',
      'https://cdn.madinati.net/uploads/2023/05/spice-shop-960w.jpg',
    ]);
  });

  it('takes the lead image of a <picture> from its sources when its <img> has none', () => {
    expect(extracted('odd-picture').leadImage).toEqual({
      src: 'https://img.sawt-alreef.com/2023/11/olive-festival-1600.avif',
      alt: 'مهرجان الزيتون',
      caption: 'مزارعون يعرضون زيت الزيتون في ساحة البلدة (الصورة: ليلى منصور)',
    });
  });

  it('reads an AMP page: amp-img as the lead image with its caption, amp-ad and share buttons removed', () => {
    const article = extracted('odd-amp');
    expect(article.leadImage).toMatchObject({
      src: 'https://www.iqtisad-today.com/media/2024/02/dates-factory.jpg',
      caption: 'عمال يفرزون التمور في أحد مصانع التعبئة (أرشيف)',
    });
    expect(article.contentHtml).not.toMatch(/amp-|مساحة إعلانية/);
    expect(new Set(article.removed.map((r) => r.kind))).toEqual(new Set(['ad', 'share', 'related']));
  });

  it('reads an article that is only in a <noscript> holding markup as text, as a browser with scripts parses it', () => {
    const doc = page('<div id="app"></div><noscript></noscript>');
    doc.querySelector('noscript')!.textContent = `<article><h1>عنوان الخبر</h1>${P(1)}${P(2)}${P(3)}<script>alert(1)</script></article>`;
    const article = extractArticle(doc, 'https://news.test/2024/05/story-123')!;
    expect(article.textContent).toContain('الفقرة 3: وقالت مصادر محلية');
    expect(article.contentHtml).not.toContain('script');
    expect(doc.querySelector('noscript')?.textContent).toMatch(/^<article>/);
  });

  it('reads a Persian page that declares lang="en" dir="ltr" on every block as Persian, right to left, with no ltr left in the body', () => {
    const article = extracted('odd-rtl-dir-ltr');
    expect(article).toMatchObject({ dir: 'rtl', lang: 'fa' });
    expect(article.contentHtml).not.toContain('dir="ltr"');
    expect(article.contentHtml).toContain('<p dir="rtl">شرکت هواپیمایی ملی');
  });

  it('says a frameset page is not an article, naming the frames that hold the text', () => {
    const { doc, expected } = loadFixture('odd-frameset');
    const verdict = detectArticle(doc, expected.url);
    expect(verdict.isArticle).toBe(false);
    expect(verdict.signals).toEqual([
      { name: 'frameset', weight: -100, detail: 'the text is in its frames: /top.html, /articles/2022/12/28/budget.html' },
    ]);
    expect(extractArticle(doc, expected.url)).toBeNull();
  });

  it('reads nothing, and throws nothing, from documents without a body (a feed, an SVG, bare XHTML)', () => {
    for (const [contentType, source] of [
      [
        'application/xml',
        '<rss version="2.0"><channel><title>أخبار</title><item><description>نص الخبر</description></item></channel></rss>',
      ],
      ['image/svg+xml', '<svg xmlns="http://www.w3.org/2000/svg"><text>مرحبا</text></svg>'],
      ['application/xhtml+xml', '<html xmlns="http://www.w3.org/1999/xhtml"><head><title>t</title></head></html>'],
    ] as const) {
      const doc = new JSDOM(source, { contentType, url: 'https://news.test/feed' }).window.document;
      expect(doc.body).toBeNull();
      expect(detectArticle(doc, 'https://news.test/feed').isArticle).toBe(false);
      expect(extractArticle(doc, 'https://news.test/feed')).toBeNull();
    }
  });
});
