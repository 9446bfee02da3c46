import { describe, expect, it } from 'vitest';
import { planDeclutter } from '../../../utils/article/declutter.ts';
import { parsePage } from '../helpers/fixtures.ts';

const PARAGRAPH =
  'وقالت مصادر محلية إن الاشتباكات تجددت صباح اليوم في ريف المدينة الشمالي بعد هدوء حذر استمر أيامًا، وسط نزوح عشرات العائلات نحو القرى المجاورة بحثًا عن الأمان.';

function page(body: string): Document {
  return parsePage(`<html lang="ar" dir="rtl"><body>${body}</body></html>`, 'https://news.test/2024/05/story-123');
}

const article = (extra = ''): string =>
  `<article><h1>عنوان الخبر</h1><div class="entry">${`<p>${PARAGRAPH}</p>`.repeat(5)}${extra}</div></article>`;

const planned = (doc: Document) => planDeclutter(doc).map((r) => `${r.rule}:${r.text}`);

describe('planDeclutter', () => {
  it('changes nothing in the page it reads', () => {
    const doc = page(`${article('<p>اقرأ أيضًا: <a href="/x">خبر آخر عن المدينة</a></p>')}<div class="pum">ادعم عنب بلدي</div>`);
    const before = doc.documentElement.outerHTML;
    expect(planDeclutter(doc).length).toBeGreaterThan(0);
    expect(doc.documentElement.outerHTML).toBe(before);
  });

  it('matches «read also» in any spelling, inline in the body', () => {
    for (const cue of ['اقرأ أيضًا:', 'إقرأ أيضاً:', 'اقرا ايضا', 'اقـرأ أيضـاً']) {
      const doc = page(article(`<p>${cue} <a href="/x">عودة الهدوء إلى ريف حلب الشمالي</a></p>`));
      expect(planned(doc), cue).toEqual([`related-heading:${cue.trim()} عودة الهدوء إلى ريف حلب الشمالي`]);
    }
  });

  it('takes a bare related heading together with the link list after it, not the paragraphs', () => {
    const doc = page(
      article(
        '<h3>مقالات ذات صلة</h3><ul><li><a href="/1">خبر أول طويل بما يكفي</a></li><li><a href="/2">خبر ثان طويل بما يكفي</a></li></ul>',
      ),
    );
    const plan = planDeclutter(doc);
    expect(plan.map((r) => r.element.tagName)).toEqual(['H3', 'UL']);
  });

  it('never removes the block holding the article text, whatever its classes say', () => {
    const doc = page(`<div class="popup-wrapper share-buttons"><h1>عنوان</h1>${`<p>${PARAGRAPH}</p>`.repeat(6)}</div>`);
    expect(planDeclutter(doc)).toEqual([]);
  });

  it('leaves body paragraphs that merely mention giving or support', () => {
    const text = `${PARAGRAPH} وأعلن رجل أعمال أنه تبرع بمليون دولار لدعم المستشفى، وقال إن على الجميع أن يساهم في دعم القطاع الصحي ويتبرع الآن قبل فوات الأوان، مؤكدًا أن الوضع الإنساني في المدينة لا يحتمل مزيدًا من الانتظار.`;
    const doc = page(article(`<p>${text}</p>`));
    expect(planned(doc)).toEqual([]);
  });

  it('finds the «ع ع ع» switcher and icon labels by their text', () => {
    const doc = page(
      `<figure><img src="a.jpg"><figcaption><span class="i"><span class="sr">camera icon</span></span>صورة من المدينة</figcaption></figure>` +
        `<div class="tools"><button>ع</button><button>ع</button><button>ع</button></div>${article()}`,
    );
    expect(planned(doc)).toEqual(['icon-label:camera icon', 'font-switcher-text:ععع']);
  });

  it('asks the live page for overlays only a stylesheet pins, and only large ones', () => {
    const doc = page(`${article()}<div id="m">نافذة</div><div id="bar">شريط</div>`);
    const view = {
      innerWidth: 1000,
      innerHeight: 800,
      getComputedStyle: (el: Element) =>
        ({ position: el.id ? 'fixed' : 'static', display: 'block', visibility: 'visible' }) as CSSStyleDeclaration,
    };
    const rects: Record<string, number[]> = { m: [0, 0, 1000, 800], bar: [0, 760, 1000, 40] };
    for (const [id, [x, y, w, h]] of Object.entries(rects)) {
      doc.getElementById(id)!.getBoundingClientRect = () => ({ x, y, width: w, height: h }) as DOMRect;
    }
    expect(planDeclutter(doc, { view }).map((r) => r.rule + '#' + r.element.id)).toEqual(['fixed-overlay#m']);
  });
});
