import { describe, expect, it } from 'vitest';
import { generateHugePage } from '../../scripts/lib/huge-page.ts';
import { extractArticle } from '../../utils/article/extract.ts';
import { MAX_ELEMENTS, PageTooLargeError } from '../../utils/article/limits.ts';
import { loadFixture, parsePage } from './helpers/fixtures.ts';

const P = (n: number) =>
  `<p>الفقرة ${n}: وقالت مصادر محلية إن الاشتباكات تجددت صباح اليوم في ريف المدينة الشمالي بعد هدوء حذر استمر أيامًا، وسط نزوح عشرات العائلات نحو القرى المجاورة بحثًا عن الأمان.</p>`;

function page(body: string, head = ''): Document {
  return parsePage(`<html lang="ar"><head><title>خبر</title>${head}</head><body>${body}</body></html>`, 'https://news.test/2024/05/story-123');
}

describe('extractArticle', () => {
  it('never mutates the page it reads', () => {
    const { doc, expected } = loadFixture('ar-enabbaladi-seed');
    const before = doc.documentElement.outerHTML;
    const article = extractArticle(doc, expected.url);
    expect(article?.removed.length).toBeGreaterThan(3);
    expect(doc.documentElement.outerHTML).toBe(before);
  });

  it('reads the seed page as the article and nothing else, saying what it removed and why', () => {
    const { doc, expected } = loadFixture('ar-enabbaladi-seed');
    const article = extractArticle(doc, expected.url)!;
    expect(article).toMatchObject({ title: expected.title, lang: 'ar', dir: 'rtl', siteName: 'عنب بلدي' });
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

  it('sanitises the body: no script, handler, javascript: link or style survives; links open safely', () => {
    const doc = page(
      `<h1>عنوان</h1><div>${P(1)}${P(2)}<p>رابط <a href="javascript:alert(1)">خطير</a> و<a href="https://ok.test/">آمن</a>
       <img src="x.jpg" onerror="alert(1)"><script>alert(1)</script><span style="position:fixed">x</span></p>${P(3)}</div>`,
    );
    const html = extractArticle(doc, 'https://news.test/a')!.contentHtml;
    expect(html).not.toMatch(/<script|onerror|javascript:|style=/i);
    expect(html).toContain('href="https://ok.test/" target="_blank" rel="noopener noreferrer"');
    expect(html).toMatch(/<p dir="auto">/);
  });

  it('returns null for a page with no text', () => {
    expect(extractArticle(page('<nav><a href="/">الرئيسية</a></nav>'), 'https://news.test/')).toBeNull();
  });

  it('takes direction from the text when the page says nothing', () => {
    const doc = parsePage(`<html><body><h1>عنوان الخبر</h1><div>${P(1)}${P(2)}${P(3)}</div></body></html>`, 'https://news.test/x');
    expect(extractArticle(doc, 'https://news.test/x')).toMatchObject({ lang: 'ar', dir: 'rtl' });
  });

  it('reads a long page just under the size guard and refuses one just over it', { timeout: 120_000 }, () => {
    const url = 'https://news.test/2024/05/floods-live-123';
    const under = parsePage(generateHugePage({ elements: MAX_ELEMENTS - 100, bytes: 3_000_000 }), url);
    expect(under.getElementsByTagName('*').length).toBeLessThan(MAX_ELEMENTS);
    expect(extractArticle(under, url)?.textContent).toContain('فرق الإنقاذ واصلت عملها طوال الليل');
    const over = parsePage(generateHugePage({ elements: MAX_ELEMENTS + 100, bytes: 3_000_000 }), url);
    expect(over.getElementsByTagName('*').length).toBeGreaterThan(MAX_ELEMENTS);
    expect(() => extractArticle(over, url)).toThrow(PageTooLargeError);
  });
});
