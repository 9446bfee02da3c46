import { describe, expect, it } from 'vitest';
import { chooseHeadline, stripTitleNames } from '../../../utils/article/headline.ts';
import { readMetadata } from '../../../utils/article/metadata.ts';
import { readPageNames } from '../../../utils/article/page-names.ts';
import { parsePage } from '../helpers/fixtures.ts';

const URL = 'https://news.walla.co.il/break/3648139';

function setUp(head: string, body: string) {
  const doc = parsePage(`<html><head>${head}</head><body>${body}</body></html>`, URL);
  const meta = readMetadata(doc);
  return { doc, meta, names: readPageNames(doc, meta, URL) };
}

describe('stripTitleNames', () => {
  const { names } = setUp(
    '<meta property="og:site_name" content="וואלה!"><meta property="article:section" content="מבזקים">',
    '<nav><a href="/news">חדשות</a></nav>',
  );

  it('takes off site and section names at either end', () => {
    expect(stripTitleNames('ההתרעה על חדירת כלי טיס עוין - מבזקים - וואלה!', names)).toBe('ההתרעה על חדירת כלי טיס עוין');
    expect(stripTitleNames('וואלה! | ההתרעה על חדירת כלי טיס עוין', names)).toBe('ההתרעה על חדירת כלי טיס עוין');
    expect(stripTitleNames('ההתרעה על חדירת כלי טיס עוין | חדשות', names)).toBe('ההתרעה על חדירת כלי טיס עוין');
  });

  it('keeps a dash that belongs to the headline', () => {
    expect(stripTitleNames('ההתרעה על חדירת כלי טיס עוין - התרעת שווא', names)).toBe('ההתרעה על חדירת כלי טיס עוין - התרעת שווא');
    expect(stripTitleNames('ההתרעה על חדירת כלי טיס עוין - התרעת שווא - וואלה!', names)).toBe('ההתרעה על חדירת כלי טיס עוין - התרעת שווא');
  });
});

describe('chooseHeadline', () => {
  it('does not take a section label inside a long title for the headline', () => {
    const { doc, meta, names } = setUp(
      '<title>ההתרעה על חדירת כלי טיס עוין - התרעת שווא - מבזקי חדשות</title>',
      '<h1>מבזקי חדשות</h1><div><p>ההתרעה שהתקבלה לפני זמן קצר בישובי הגליל העליון על חדירת כלי טיס עוין הינה התרעת שווא.</p></div>',
    );
    expect(chooseHeadline(doc, [meta.title], names, doc.querySelector('div') ?? undefined).text).toBe(
      'ההתרעה על חדירת כלי טיס עוין - התרעת שווא - מבזקי חדשות',
    );
  });
});
