import { describe, expect, it } from 'vitest';
import { checkByline, findCreditLine } from '../../utils/article/byline.ts';
import { readMetadata } from '../../utils/article/metadata.ts';
import { readPageNames, type PageNames } from '../../utils/article/page-names.ts';
import { parsePage } from './helpers/fixtures.ts';

const URL = 'https://www.alwasat-today.com/local/2024/01/16/story-92011';

function names(head = '', body = ''): PageNames {
  const doc = parsePage(`<html><head><meta property="og:site_name" content="الوسط اليوم">${head}</head><body>${body}</body></html>`, URL);
  return readPageNames(doc, readMetadata(doc), URL);
}

describe('checkByline', () => {
  const site = names(
    '<meta property="article:section" content="محليات">',
    '<ul class="breadcrumb"><li><a href="/">الرئيسية</a></li><li><a href="/sport">رياضة</a></li></ul>' +
      '<nav><a href="/opinion/amal">أمل حداد</a></nav>',
  );

  it('keeps a person or an agency, without the label before it', () => {
    expect(checkByline('بقلم: سامر الخطيب', site)).toBe('سامر الخطيب');
    expect(checkByline('كتبت أسماء نصار', site)).toBe('أسماء نصار');
    expect(checkByline('By Jane Roe', site)).toBe('Jane Roe');
    expect(checkByline('מאת דנה לוי', site)).toBe('דנה לוי');
    expect(checkByline('(رويترز)', site)).toBe('رويترز');
    expect(checkByline('حسام أبو العلا - القاهرة', site)).toBe('حسام أبو العلا - القاهرة');
  });

  it('keeps the names of a list that pass, as the page joined them', () => {
    expect(checkByline('سارة العلي، https://facebook.com/x، علي حسن', site)).toBe('سارة العلي، علي حسن');
  });

  it('refuses a URL, the site, a section, a desk, a date', () => {
    expect(checkByline('https://www.facebook.com/maryam.reporter', site)).toBeUndefined();
    expect(checkByline('www.alwasat-today.com', site)).toBeUndefined();
    expect(checkByline('الوسط اليوم', site)).toBeUndefined();
    expect(checkByline('alwasat-today', site)).toBeUndefined();
    expect(checkByline('محليات', site)).toBeUndefined();
    expect(checkByline('رياضة', site)).toBeUndefined();
    expect(checkByline('admin', site)).toBeUndefined();
    expect(checkByline('المحرر', site)).toBeUndefined();
    expect(checkByline('Author,', site)).toBeUndefined();
    expect(checkByline('jdadmin', site)).toBeUndefined();
    expect(checkByline('Biography', site)).toBeUndefined();
    expect(checkByline('الثلاثاء 16 يناير 2024', site)).toBeUndefined();
  });

  it('drops the outlet from a credit, and the credit when only a place is left', () => {
    expect(checkByline('سامر الخطيب | الوسط اليوم', site)).toBe('سامر الخطيب');
    expect(checkByline('(تونس - الوسط اليوم)', site)).toBeUndefined();
  });

  it('keeps a name that is also a menu link: a columnist may be in the menu', () => {
    expect(checkByline('أمل حداد', site)).toBe('أمل حداد');
  });

  it('keeps initials and drops the outlet address beside the person', () => {
    expect(checkByline('Troy L. Smith, Cleveland.com', site)).toBe('Troy L. Smith');
    expect(checkByline('Amy Kuperinsky | NJ Advance Media for NJ.com', site)).toBe('Amy Kuperinsky');
    expect(checkByline('Текст: Венера Ерофеева', site)).toBe('Венера Ерофеева');
    expect(checkByline('by Jeff FoustMonday, November 18, 2019', site)).toBe('Jeff Foust');
    expect(checkByline('By Irfan Rana on اپریل 8, 2022', site)).toBe('Irfan Rana');
    expect(checkByline('Analysis by Chris Cillizza', site)).toBe('Chris Cillizza');
  });
});

describe('findCreditLine', () => {
  const credit = (body: string): string | undefined => {
    const doc = parsePage(
      `<html><head><meta property="og:site_name" content="ynet"></head><body><div id="c">${body}</div></body></html>`,
      'https://www.ynet.co.il/a/1',
    );
    const meta = readMetadata(doc);
    return findCreditLine(doc.getElementById('c')!, readPageNames(doc, meta, 'https://www.ynet.co.il/a/1'))?.byline;
  };
  const TEXT = '<p>שריפת קוצים פרצה סמוך לרחובות צה"ל וקרן היסוד בצפת (שישי), והמשטרה מבקשת מהתושבים להגיף חלונות.</p>';

  it('reads a name in parentheses after the text, past a link line', () => {
    expect(credit(`${TEXT}<p>(אחיה ראב"ד)</p><div><a href="/mistake">מצאתם טעות בכתבה? כתבו לנו</a></div>`)).toBe('אחיה ראב"ד');
    expect(credit(`${TEXT}<p>&nbsp;</p>(גלעד כרמלי)`)).toBe('גלעד כרמלי');
  });

  it('is not the outlet crediting itself, a note that the story changed, or a parenthesis inside the text', () => {
    expect(credit(`${TEXT}<p>(ynet)</p>`)).toBeUndefined();
    expect(credit(`${TEXT}<p>(עודכן)</p>`)).toBeUndefined();
    expect(credit(TEXT)).toBeUndefined();
  });
});
