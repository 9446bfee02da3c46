import { describe, expect, it } from 'vitest';
import { checkByline, findCreditLine } from '../../../utils/article/byline.ts';
import { readMetadata } from '../../../utils/article/metadata.ts';
import { readPageNames, type PageNames } from '../../../utils/article/page-names.ts';
import { parsePage } from '../helpers/fixtures.ts';

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

  const CASES: [string, string | undefined][] = [
    // Keeps a person or an agency, without the label before it.
    ['بقلم: سامر الخطيب', 'سامر الخطيب'],
    ['كتبت أسماء نصار', 'أسماء نصار'],
    ['By Jane Roe', 'Jane Roe'],
    ['מאת דנה לוי', 'דנה לוי'],
    ['(رويترز)', 'رويترز'],
    ['حسام أبو العلا - القاهرة', 'حسام أبو العلا - القاهرة'],
    // Keeps the names of a list that pass, as the page joined them.
    ['سارة العلي، https://facebook.com/x، علي حسن', 'سارة العلي، علي حسن'],
    // Refuses a URL, the site, a section, a desk, a date.
    ['https://www.facebook.com/maryam.reporter', undefined],
    ['www.alwasat-today.com', undefined],
    ['الوسط اليوم', undefined],
    ['alwasat-today', undefined],
    ['محليات', undefined],
    ['رياضة', undefined],
    ['admin', undefined],
    ['المحرر', undefined],
    ['Author,', undefined],
    ['jdadmin', undefined],
    ['Biography', undefined],
    ['الثلاثاء 16 يناير 2024', undefined],
    // Drops the outlet from a credit, and the credit when only a place is left.
    ['سامر الخطيب | الوسط اليوم', 'سامر الخطيب'],
    ['(تونس - الوسط اليوم)', undefined],
    // Keeps a name that is also a menu link: a columnist may be in the menu.
    ['أمل حداد', 'أمل حداد'],
    // Keeps initials and drops the outlet address beside the person.
    ['Troy L. Smith, Cleveland.com', 'Troy L. Smith'],
    ['Amy Kuperinsky | NJ Advance Media for NJ.com', 'Amy Kuperinsky'],
    ['Текст: Венера Ерофеева', 'Венера Ерофеева'],
    ['by Jeff FoustMonday, November 18, 2019', 'Jeff Foust'],
    ['By Irfan Rana on اپریل 8, 2022', 'Irfan Rana'],
    ['Analysis by Chris Cillizza', 'Chris Cillizza'],
  ];

  it('keeps people and agencies, without labels, and refuses the site, sections, URLs and dates', () => {
    for (const [byline, person] of CASES) expect(checkByline(byline, site), byline).toBe(person);
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
