import { describe, expect, it } from 'vitest';
import { extractArticle } from '../../../utils/article/extract.ts';
import { imageKey, isCounterUrl, isJunkImageUrl, isLogoUrl } from '../../../utils/article/lead-image.ts';
import { parsePage } from '../helpers/fixtures.ts';

const BASE = 'https://news.test/2024/05/story-123';
const P = (n: number) =>
  `<p>الفقرة ${n}: وقالت مصادر محلية إن الاشتباكات تجددت صباح اليوم في ريف المدينة الشمالي بعد هدوء حذر استمر أيامًا، وسط نزوح عشرات العائلات نحو القرى المجاورة بحثًا عن الأمان.</p>`;
const page = (body: string, head = ''): Document =>
  parsePage(`<html lang="ar"><head><title>خبر</title>${head}</head><body>${body}</body></html>`, BASE);

describe('isJunkImageUrl', () => {
  // Placeholders, counters, trackers and non-images are refused; real photos and charts kept.
  it.each<[string, boolean]>([
    ['https://www.ynet.co.il/images/default_ynetLogo200_200.jpg', true],
    ['https://www.ynet.co.il/images/ynet_defualt.png', true],
    ['https://site.test/themes/x/images/big_defualt_image.jpg', true],
    ['https://img.wcdn.co.il/f_auto,q_auto,w_1200,t_54/0/n/u/l/null-46.jpg', true],
    ['https://site.test/img/placeholder.png', true],
    ['https://site.test/images/yad2_51x30.png', true],
    ['https://site.test/counter.php?id=4411&type=view', true],
    ['https://site.test/ajax/hits.php?id=4411', true],
    ['https://site.test/news/views/98765', true],
    ['https://www.facebook.com/tr?id=1&ev=PageView', true],
    ['data:image/gif;base64,R0lGODlhAQABAAAAACw=', true],
    ['javascript:alert(1)', true],
    ['https://www.albayan.ae/polopoly_fs/1.3874336.1591133409!/image/image.jpg', false],
    ['https://images.wcdn.co.il/f_auto,q_auto,w_1200,t_54/3/3/3/0/3330736-46.jpg', false],
    ['https://www.example.org/sites/default/files/2020/05/flood-1024x683.jpg', false],
    ['https://site.test/uploads/2023/05/stats-chart.png', false],
    ['https://site.test/photos/missing-girl-found.jpg', false],
    ['https://site.test/image.php?src=/uploads/a.jpg&w=800', false],
  ])('%s refused: %s', (src, refused) => {
    expect(isJunkImageUrl(src)).toBe(refused);
  });

  it('knows logos and icons by name, but does not refuse them for a request: a story may show one', () => {
    for (const src of [
      'https://site.test/assets/brand/courier-logo-1200x630.png',
      'https://site.test/res/img/google-news-icon.png',
      'https://site.test/logos/x.png',
    ]) {
      expect(isLogoUrl(src), src).toBe(true);
      expect(isJunkImageUrl(src), src).toBe(false);
    }
    expect(isLogoUrl('https://site.test/uploads/2019/11/harbour.jpg')).toBe(false);
  });

  it('tells a counter endpoint from a picture of statistics', () => {
    expect(isCounterUrl('https://site.test/stats/hit?id=5')).toBe(true);
    expect(isCounterUrl('https://site.test/stats/chart-2020.png')).toBe(false);
  });
});

describe('imageKey', () => {
  it('makes size variants of one original the same image', () => {
    const keys = ['flood.jpg', 'flood-1024x683.jpg', 'flood-scaled.jpg', 'flood@2x.jpg', 'flood-1000x563.jpg?ver=2', 'flood.jpg.webp'].map(
      (s) => imageKey(`https://site.test/uploads/${s}`, BASE),
    );
    expect(new Set(keys)).toEqual(new Set(['flood.jpg']));
  });
});

describe('lead image in extraction', () => {
  it('takes the page variant of the named original, with its caption, even inside the text', () => {
    const doc = page(
      `<h1>عنوان الخبر</h1><div class="entry">${P(1)}<figure><img src="/up/flood-1000x563.jpg" width="1000" height="563"><figcaption>السيول في ريف المدينة (رويترز)</figcaption></figure>${P(2)}${P(3)}</div>`,
      '<meta property="og:image" content="https://news.test/up/flood-scaled.jpg">',
    );
    const article = extractArticle(doc, BASE)!;
    expect(article.leadImage).toEqual({ src: 'https://news.test/up/flood-1000x563.jpg', caption: 'السيول في ريف المدينة (رويترز)' });
  });

  it('leaves tracking pixels, counters and spacers out of the body, and keeps its photos', () => {
    const doc = page(
      `<h1>عنوان الخبر</h1><div class="entry">${P(1)}` +
        '<img src="https://stats.news.test/p.gif?a=1" width="1" height="1">' +
        '<img src="/ajax/views.php?id=77&amp;inc=1">' +
        '<img src="/img/spacer.gif">' +
        `${P(2)}<figure><img src="/up/market.jpg" width="800" height="450"><figcaption>سوق المدينة</figcaption></figure>${P(3)}${P(4)}</div>`,
      '<meta property="og:image" content="https://news.test/up/lead.jpg">',
    );
    const html = extractArticle(doc, BASE)!.contentHtml;
    expect(html).not.toMatch(/p\.gif|views\.php|spacer/);
    expect(html).toContain('https://news.test/up/market.jpg');
  });

  it('takes a named picture of a logo that the article shows (a story about a company)', () => {
    const doc = page(
      `<header><img src="/assets/site-logo.png" width="300" height="80"></header><h1>عنوان الخبر</h1>` +
        `<figure><img src="/up/2015/08/alibaba-logo-getty-1024-683.jpg"><figcaption>شعار الشركة في مقرها</figcaption></figure><div class="entry">${P(1)}${P(2)}</div>`,
      '<meta property="og:image" content="https://news.test/up/2015/08/alibaba-logo-getty-1024-683.jpg">',
    );
    expect(extractArticle(doc, BASE)!.leadImage).toEqual({
      src: 'https://news.test/up/2015/08/alibaba-logo-getty-1024-683.jpg',
      caption: 'شعار الشركة في مقرها',
    });
  });

  it('prefers the named original to a small thumbnail of it, with the page caption', () => {
    const doc = page(
      `<h1>عنوان الخبر</h1><figure><img src="/up/flood.jpg?w=150"><figcaption>السيول</figcaption></figure><div class="entry">${P(1)}${P(2)}</div>`,
      '<meta property="og:image" content="https://news.test/up/flood.jpg?w=1200">',
    );
    expect(extractArticle(doc, BASE)!.leadImage).toEqual({ src: 'https://news.test/up/flood.jpg?w=1200', caption: 'السيول' });
  });

  it('has no lead image when the page names only a logo and shows no photo', () => {
    const doc = page(
      `<h1>عنوان الخبر</h1><div class="entry">${P(1)}${P(2)}${P(3)}</div>`,
      '<meta property="og:image" content="/assets/logo.png">',
    );
    expect(extractArticle(doc, BASE)!.leadImage).toBeUndefined();
  });
});

describe('natural sizes from the live page', () => {
  it('refuses an image the browser loaded as an icon or a pixel, though the markup declares no size', () => {
    const doc = page(
      `<h1>عنوان الخبر</h1><div class="meta"><img src="/img/views-badge.png" alt=""></div>` +
        `<figure><img src="/up/harbour.jpg" alt=""><figcaption>الميناء القديم</figcaption></figure>` +
        `<div class="entry">${P(1)}<img src="/t/open.gif">${P(2)}${P(3)}</div>`,
    );
    const loaded = (src: string, width: number, height: number): void => {
      const img = doc.querySelector(`img[src="${src}"]`)!;
      Object.defineProperties(img, { complete: { value: true }, naturalWidth: { value: width }, naturalHeight: { value: height } });
    };
    loaded('/img/views-badge.png', 88, 31);
    loaded('/up/harbour.jpg', 1200, 800);
    loaded('/t/open.gif', 1, 1);
    const article = extractArticle(doc, BASE)!;
    expect(article.leadImage).toEqual({ src: 'https://news.test/up/harbour.jpg', caption: 'الميناء القديم' });
    expect(article.contentHtml).not.toContain('open.gif');
    expect(doc.querySelector('[data-naqi-natural]')).toBeNull();
  });

  it('keeps images sized in percent', () => {
    const doc = page(
      `<h1>عنوان الخبر</h1><figure><img src="/up/harbour.jpg" width="100%"><figcaption>الميناء</figcaption></figure><div class="entry">${P(1)}${P(2)}</div>`,
    );
    expect(extractArticle(doc, BASE)!.leadImage?.src).toBe('https://news.test/up/harbour.jpg');
  });
});
