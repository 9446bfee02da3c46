// @vitest-environment jsdom
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { render } from 'preact';
import { act } from 'preact/test-utils';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ReaderControls } from '../../../components/ReaderControls.tsx';
import { SaveButton } from '../../../components/SaveButton.tsx';
import { ReadingView } from '../../../components/ReadingView.tsx';
import { readingTimeKey, type Translate, type UiLocale } from '../../../utils/reader/locale.ts';
import { sanitizeHtml } from '../../../utils/article/sanitize.ts';
import type { Article } from '../../../utils/article/types.ts';
import { minimalArticle } from '../helpers/article.ts';
import { clampPrefs, DEFAULT_PREFS, type ReaderPrefs } from '../../../utils/reader/prefs.ts';

// Count sanitiser calls: ArticleBody must sanitise once per body, not once per render.
vi.mock('../../../utils/article/sanitize.ts', async (importOriginal) => {
  const real = await importOriginal<typeof import('../../../utils/article/sanitize.ts')>();
  return { ...real, sanitizeHtml: vi.fn(real.sanitizeHtml) };
});

const t: Translate = (key, subs) => (subs === undefined ? key : `${key}(${[subs].flat().join(',')})`);
const AR_UI: UiLocale = { lang: 'ar', dir: 'rtl' };
const EN_UI: UiLocale = { lang: 'en', dir: 'ltr' };

const AR_P1 = 'قالت مصادر محلية إن الاشتباكات تجددت صباح اليوم في ريف المدينة الشمالي بعد هدوء حذر.';
const AR_P2 = 'ونزحت عشرات العائلات نحو القرى المجاورة بحثًا عن الأمان، وفق ما أفاد به مراسل عنب بلدي.';

function arabicArticle(overrides: Partial<Article> = {}): Article {
  return minimalArticle({
    url: 'https://www.enabbaladi.net/123456/story/',
    title: 'اشتباكات في ريف دير الزور الشرقي',
    byline: 'عنب بلدي – دير الزور',
    siteName: 'عنب بلدي',
    publishedTime: '2024-05-07T10:30:00Z',
    lang: 'ar',
    dir: 'rtl',
    leadImage: { src: 'https://www.enabbaladi.net/photo.jpg', alt: 'قوات في الريف', caption: 'تمركز القوات الأمريكية في ريف دير الزور' },
    contentHtml:
      `<p>${AR_P1}</p><p>${AR_P2}</p>` +
      '<script>window.__pwned = true</script>' +
      '<img src="x" onerror="window.__pwned = true">' +
      '<a href="javascript:alert(1)">رابط</a>',
    textContent: `${AR_P1}\n${AR_P2}`,
    wordCount: 700,
    readingMinutes: 5,
    ...overrides,
  });
}

/** The body of an article of these paragraphs. */
const body = (...paragraphs: string[]): Pick<Article, 'contentHtml' | 'textContent'> => ({
  contentHtml: paragraphs.map((p) => `<p>${p}</p>`).join(''),
  textContent: paragraphs.join('\n'),
});

/** A story in English, left to right, on the Arabic article's date, without its photo. */
function englishArticle(overrides: Partial<Article> = {}): Article {
  return {
    ...arabicArticle({ leadImage: undefined, byline: undefined, siteName: undefined }),
    ...body('Negotiators met again on Tuesday.', 'No agreement was reached.'),
    url: 'https://news.example/2024/05/07/story',
    title: 'Talks resume in Geneva',
    lang: 'en',
    dir: 'ltr',
    wordCount: 230,
    readingMinutes: 1,
    ...overrides,
  };
}

let container: HTMLElement;
beforeEach(() => {
  container = document.createElement('div');
  document.body.append(container);
  vi.mocked(sanitizeHtml).mockClear();
});
afterEach(() => {
  render(null, container);
  container.remove();
});

const mount = (vnode: preact.ComponentChild): void => {
  act(() => render(vnode, container));
};
/** The Arabic article in the Arabic interface, with these stored copies of its images. */
const mountArabic = (images: Record<string, string>, article = arabicArticle()): void =>
  mount(<ReadingView article={article} prefs={DEFAULT_PREFS} ui={AR_UI} t={t} images={images} />);
const q = <E extends Element = HTMLElement>(selector: string): E | null => container.querySelector<E>(selector);

describe('ReadingView', () => {
  it('shows an Arabic article right to left with its title, caption and body', () => {
    const lead = 'blob:chrome-extension://abc/0f1e2d3c';
    mountArabic({ 'https://www.enabbaladi.net/photo.jpg': lead });
    const article = q('article.reading-view')!;
    expect(article.getAttribute('dir')).toBe('rtl');
    expect(article.getAttribute('lang')).toBe('ar');
    expect(article.className).toContain('theme-system');
    expect(article.className).toContain('font-naskh');
    expect(article.style.getPropertyValue('--reader-size')).toBe('20px');
    expect(article.style.getPropertyValue('--reader-measure')).toBe('25em');

    expect(q('h1')?.textContent).toBe('اشتباكات في ريف دير الزور الشرقي');
    expect(q('.reading-site')?.textContent).toBe('عنب بلدي');
    expect(q('.reading-byline')?.textContent).toBe('عنب بلدي – دير الزور');
    expect(q('time')?.getAttribute('datetime')).toBe('2024-05-07T10:30:00Z');
    expect(q('time')?.textContent).toBe('7 مايو 2024');
    expect(q('.reading-time')?.textContent).toBe('readingTime_few(5)');

    const img = q<HTMLImageElement>('figure img')!;
    expect(img.getAttribute('src')).toBe(lead);
    expect(img.getAttribute('alt')).toBe('قوات في الريف');
    expect(q('figcaption')?.textContent).toBe('تمركز القوات الأمريكية في ريف دير الزور');
    // Each block's direction is its letters' (issue 14), not its first letter's (dir="auto").
    expect(q('figcaption')?.getAttribute('dir')).toBe('rtl');

    const body = q('.article-body')!;
    expect(body.getAttribute('dir')).toBe('rtl');
    expect(body.getAttribute('lang')).toBe('ar');
    expect([...body.querySelectorAll('p')].map((p) => p.textContent)).toEqual([AR_P1, AR_P2]);
  });

  it('never lets script, inline handlers or javascript: links from the body reach the DOM', () => {
    mount(<ReadingView article={arabicArticle()} prefs={DEFAULT_PREFS} ui={AR_UI} t={t} />);
    expect(container.querySelectorAll('script')).toHaveLength(0);
    expect(container.querySelectorAll('[onerror]')).toHaveLength(0);
    const links = [...container.querySelectorAll('.article-body a')];
    expect(links.every((a) => !/^javascript:/i.test(a.getAttribute('href') ?? ''))).toBe(true);
    expect(container.innerHTML).not.toContain('__pwned');
    expect((window as unknown as { __pwned?: boolean }).__pwned).toBeUndefined();
  });

  it('never gives an image a web address: only local copies are shown, the rest wait with none (issue 12)', () => {
    const body = '<p>نص</p><img src="https://bank.test/account/delete?all=1" alt="a"><img src="https://cdn.test/b.jpg" alt="b">';
    mount(<ReadingView article={arabicArticle({ contentHtml: body })} prefs={DEFAULT_PREFS} ui={AR_UI} t={t} />);
    expect(container.querySelectorAll('img[src]')).toHaveLength(0);
    expect(container.querySelector('figure.reading-lead img')).toBeNull();
    expect(q('figcaption')?.textContent).toBe('تمركز القوات الأمريكية في ريف دير الزور');
    const copy = 'blob:moz-extension://uuid/1234';
    mount(
      <ReadingView
        article={arabicArticle({ contentHtml: body })}
        prefs={DEFAULT_PREFS}
        ui={AR_UI}
        t={t}
        images={{ 'https://cdn.test/b.jpg': copy, 'https://bank.test/account/delete?all=1': 'https://bank.test/x' }}
      />,
    );
    expect([...container.querySelectorAll('img')].map((img) => [img.getAttribute('src'), img.hasAttribute('hidden')])).toEqual([
      [null, true],
      [copy, false],
    ]);
    expect(container.innerHTML).not.toContain('src="http');
  });

  it('sanitises the body once, not on every re-render', () => {
    const article = arabicArticle();
    mount(<ReadingView article={article} prefs={DEFAULT_PREFS} ui={AR_UI} t={t} />);
    mount(<ReadingView article={article} prefs={{ ...DEFAULT_PREFS, size: 24, theme: 'dark' }} ui={AR_UI} t={t} />);
    expect(sanitizeHtml).toHaveBeenCalledTimes(1);
    expect(q('article')?.className).toContain('theme-dark');
    expect(q('article')?.style.getPropertyValue('--reader-size')).toBe('24px');
  });

  it('shows an English article left to right', () => {
    mount(<ReadingView article={englishArticle()} prefs={DEFAULT_PREFS} ui={EN_UI} t={t} />);
    const article = q('article')!;
    expect(article.getAttribute('dir')).toBe('ltr');
    expect(article.getAttribute('lang')).toBe('en');
    expect(q('.article-body')?.getAttribute('dir')).toBe('ltr');
    expect(q('h1')?.textContent).toBe('Talks resume in Geneva');
    expect(q('time')?.textContent).toBe('May 7, 2024');
    expect(q('.reading-time')?.textContent).toBe('readingTime_one(1)');
    expect(q('.article-body')?.textContent).toContain('No agreement was reached.');
  });

  it('isolates each item of metadata, with the separator between them, and writes a Persian article’s digits throughout', () => {
    const persian = arabicArticle({ lang: 'fa', siteName: 'Beirut Observer', byline: 'Ziad Sankary', title: 'انتخابات مجلس در تهران' });
    mount(<ReadingView article={persian} prefs={DEFAULT_PREFS} ui={EN_UI} t={t} />);
    // A Latin name keeps the article's direction on its line, isolated, so it sits under the title.
    for (const cls of ['.reading-site', '.reading-byline']) {
      expect(q(cls)?.hasAttribute('dir'), cls).toBe(false);
      expect(q(cls)?.firstElementChild?.tagName, cls).toBe('BDI');
    }
    const meta = q('.reading-meta')!;
    expect([...meta.children].map((c) => c.tagName + (c.getAttribute('aria-hidden') ? '·' : ''))).toEqual(['BDI', 'SPAN·', 'BDI']);
    expect(q('time')?.textContent).toMatch(/^[۰-۹]+ [^\d]+ [۰-۹]+$/);
    expect(q('.reading-time')?.textContent).toBe('readingTime_other(۵)');
    expect(q('.reading-time')?.getAttribute('dir')).toBe('ltr');
  });

  it('keeps the article right to left and the interface left to right for a mixed article in an English UI', () => {
    const openInTab = vi.fn();
    const mixed = arabicArticle({
      title: 'قمة G20 في New Delhi',
      contentHtml: `<p>${AR_P1}</p><p>The summit ended without a joint statement.</p><blockquote>قال الوزير: “We are not there yet”.</blockquote>`,
    });
    mount(
      <ReadingView article={mixed} prefs={DEFAULT_PREFS} ui={EN_UI} t={t} actions={{ openInTab }}>
        <button type="button" class="save">
          save
        </button>
      </ReadingView>,
    );
    expect(q('article')?.getAttribute('dir')).toBe('rtl');
    const chrome = q('.reading-actions')!;
    expect(chrome.getAttribute('dir')).toBe('ltr');
    expect(chrome.getAttribute('lang')).toBe('en');
    expect(q('.reading-time')?.getAttribute('dir')).toBe('ltr');
    // The English paragraph reads left to right; the Arabic sentence quoting English stays with
    // the article (issue 14: not dir="auto", where a first Latin letter turned a block).
    const blocks = [...container.querySelectorAll('.article-body p, .article-body blockquote')];
    expect(blocks.map((b) => b.getAttribute('dir'))).toEqual(['rtl', 'ltr', null]);
    expect(q('h1')?.getAttribute('dir')).toBeNull(); // «قمة G20 في New Delhi»: mixed, so the article's

    expect(chrome.querySelector('.save')).not.toBeNull();
    const open = [...chrome.querySelectorAll('button')].find((b) => b.textContent === 'readerOpenInTab')!;
    act(() => open.click());
    expect(openInTab).toHaveBeenCalledOnce();
    const original = chrome.querySelector('a.reading-original')!;
    expect(original.getAttribute('href')).toBe('https://www.enabbaladi.net/123456/story/');
    expect(original.getAttribute('rel')).toBe('noopener noreferrer');
  });

  it('has no figure without a lead image, nor for a non-web image address', () => {
    mount(<ReadingView article={arabicArticle({ leadImage: undefined })} prefs={DEFAULT_PREFS} ui={AR_UI} t={t} />);
    expect(q('figure')).toBeNull();
    mount(<ReadingView article={arabicArticle({ leadImage: { src: 'javascript:alert(1)' } })} prefs={DEFAULT_PREFS} ui={AR_UI} t={t} />);
    expect(q('figure')).toBeNull();
    expect(q('.article-body p')?.textContent).toBe(AR_P1);
  });

  it('never puts a counter, a placeholder or a logo in an <img> (a copy saved before they were refused)', () => {
    for (const src of [
      'https://news.test/counter.php?id=4411&type=view',
      'https://news.test/images/big_defualt_image.jpg',
      'https://img.test/0/n/u/l/null-46.jpg',
      'https://www.ynet.co.il/images/default_ynetLogo200_200.jpg',
    ]) {
      // Even with a local copy, saved by an older version.
      mount(
        <ReadingView
          article={arabicArticle({ leadImage: { src, caption: 'تعليق' } })}
          prefs={DEFAULT_PREFS}
          ui={AR_UI}
          t={t}
          images={{ [src]: 'blob:chrome-extension://abc/junk' }}
        />,
      );
      expect(q('figure'), src).toBeNull();
      expect(document.querySelectorAll('img[src*="junk"]')).toHaveLength(0);
    }
    mountArabic({ 'https://www.enabbaladi.net/photo.jpg': 'blob:chrome-extension://abc/photo' });
    expect(q('figure img')?.getAttribute('src')).toBe('blob:chrome-extension://abc/photo');
  });

  it('renders a very long title whole, in a heading that wraps anywhere', () => {
    const title = 'عاجل: '.concat('تطورات متسارعة في الملف السوري '.repeat(40), 'https://example.com/'.concat('x'.repeat(300)));
    mount(<ReadingView article={arabicArticle({ title })} prefs={DEFAULT_PREFS} ui={AR_UI} t={t} />);
    expect(q('h1.reading-title')?.textContent).toBe(title);
    const css = readFileSync(join(import.meta.dirname, '../../../components/reading-view.css'), 'utf8');
    const rule = /\.reading-title\s*\{([^}]*)\}/.exec(css)?.[1] ?? '';
    expect(rule).toMatch(/overflow-wrap:\s*anywhere/);
  });

  it('leaves out the date, byline and site name when the article has none', () => {
    const bare = englishArticle({ publishedTime: 'yesterday', byline: undefined, siteName: undefined, url: 'https://www.news.example/a' });
    mount(<ReadingView article={bare} prefs={DEFAULT_PREFS} ui={EN_UI} t={t} />);
    expect(q('time')).toBeNull();
    expect(q('.reading-byline')).toBeNull();
    expect(q('.reading-site')?.textContent).toBe('news.example');
    // A byline that only repeats the site's name is said once.
    mount(<ReadingView article={arabicArticle({ byline: 'عنب بلدي' })} prefs={DEFAULT_PREFS} ui={AR_UI} t={t} />);
    expect(q('.reading-byline')).toBeNull();
    expect(q('.reading-site')?.textContent).toBe('عنب بلدي');
  });
});

describe('SaveButton', () => {
  it('names the hosts "keep the images offline" would ask for, beside the article\'s own host (issue 12)', async () => {
    const onSaveImages = vi.fn(async () => ({ message: 'saved', imageHosts: [] }));
    mount(
      <SaveButton
        t={t}
        articleHost="news.example"
        onSave={async () => ({ message: 'saved, 2 remote', imageHosts: ['https://cdn.example/*', 'http://img.example/*'] })}
        onSaveImages={onSaveImages}
      />,
    );
    await act(async () => q<HTMLButtonElement>('.save-button')?.click());
    expect(q('.save-hosts')?.textContent).toBe('saveImagesHosts(cdn.example, img.example,news.example)');
    await act(async () => q<HTMLButtonElement>('.save-images')?.click());
    expect(onSaveImages).toHaveBeenCalledWith(['https://cdn.example/*', 'http://img.example/*']);
  });
});

describe('readingTimeKey', () => {
  it('picks the Arabic plural form: 1, 2, 3–10, 11–99, 100+', () => {
    expect([0, 1, 2, 3, 10, 11, 99, 100].map((n) => readingTimeKey(n, 'ar'))).toEqual([
      'readingTime_zero',
      'readingTime_one',
      'readingTime_two',
      'readingTime_few',
      'readingTime_few',
      'readingTime_many',
      'readingTime_many',
      'readingTime_other',
    ]);
  });

  it('picks the English forms', () => {
    expect([0, 1, 2, 12].map((n) => readingTimeKey(n, 'en'))).toEqual([
      'readingTime_zero',
      'readingTime_one',
      'readingTime_other',
      'readingTime_other',
    ]);
  });

  it('has every key in both locales', () => {
    for (const lang of ['ar', 'en']) {
      const messages = JSON.parse(
        readFileSync(join(import.meta.dirname, `../../../public/_locales/${lang}/messages.json`), 'utf8'),
      ) as Record<string, unknown>;
      for (const form of ['zero', 'one', 'two', 'few', 'many', 'other']) expect(messages).toHaveProperty(`readingTime_${form}`);
    }
  });
});

describe('ReaderControls', () => {
  const setup = (prefs: ReaderPrefs) => {
    const onChange = vi.fn<(p: ReaderPrefs) => void>();
    mount(<ReaderControls prefs={prefs} onChange={onChange} t={t} />);
    const button = (label: string) => q<HTMLButtonElement>(`button[aria-label="${label}"]`)!;
    return { onChange, bigger: button('readerSizeIncrease'), smaller: button('readerSizeDecrease') };
  };

  it('steps the size and clamps it to 14–28px', () => {
    let c = setup({ ...DEFAULT_PREFS, size: 27 });
    act(() => c.bigger.click());
    expect(c.onChange).toHaveBeenLastCalledWith({ ...DEFAULT_PREFS, size: 28 });

    c = setup({ ...DEFAULT_PREFS, size: 15 });
    act(() => c.smaller.click());
    expect(c.onChange).toHaveBeenLastCalledWith({ ...DEFAULT_PREFS, size: 14 });

    c = setup({ ...DEFAULT_PREFS, size: 28 });
    expect(c.bigger.getAttribute('aria-disabled')).toBe('true');
    act(() => c.bigger.click());
    expect(c.onChange).not.toHaveBeenCalled();
    act(() => c.smaller.click());
    expect(c.onChange).toHaveBeenLastCalledWith({ ...DEFAULT_PREFS, size: 26 });
  });

  it('changes the theme from the radio group', () => {
    const { onChange } = setup(DEFAULT_PREFS);
    const radios = [...container.querySelectorAll<HTMLInputElement>('input[type="radio"]')];
    expect(radios.map((r) => r.value)).toEqual(['light', 'sepia', 'dark', 'system']);
    expect(new Set(radios.map((r) => r.name)).size).toBe(1);
    expect(radios.find((r) => r.checked)?.value).toBe('system');
    const dark = radios.find((r) => r.value === 'dark')!;
    act(() => dark.click());
    expect(onChange).toHaveBeenLastCalledWith({ ...DEFAULT_PREFS, theme: 'dark' });
    expect(q('fieldset legend')?.textContent).toBe('readerTheme');
  });

  it('changes font, line height and width from labelled selects', () => {
    const { onChange } = setup(DEFAULT_PREFS);
    const selects = [...container.querySelectorAll('select')];
    expect(selects.map((s) => s.closest('label')?.querySelector('span')?.textContent)).toEqual([
      'readerFont',
      'readerLineHeight',
      'readerWidth',
    ]);
    const [font, lineHeight, width] = selects as [HTMLSelectElement, HTMLSelectElement, HTMLSelectElement];
    expect(lineHeight.value).toBe('1.9');
    expect([...lineHeight.options].map((o) => o.value)).toEqual(['1.5', '1.6', '1.7', '1.8', '1.9', '2.0', '2.1', '2.2', '2.3', '2.4']);

    const choose = (select: HTMLSelectElement, value: string) =>
      act(() => {
        select.value = value;
        select.dispatchEvent(new Event('change', { bubbles: true }));
      });
    choose(font, 'vazirmatn');
    expect(onChange).toHaveBeenLastCalledWith({ ...DEFAULT_PREFS, font: 'vazirmatn' });
    // Nastaliq is a choice for any article, not only Urdu's default (issue 14).
    expect([...font.options].map((o) => o.textContent)).toContain('font_nastaliq');
    choose(font, 'nastaliq');
    expect(onChange).toHaveBeenLastCalledWith({ ...DEFAULT_PREFS, font: 'nastaliq' });
    choose(lineHeight, '2.3');
    expect(onChange).toHaveBeenLastCalledWith({ ...DEFAULT_PREFS, lineHeight: 2.3 });
    choose(width, 'wide');
    expect(onChange).toHaveBeenLastCalledWith({ ...DEFAULT_PREFS, width: 'wide' });
  });

  it('gives every control an accessible name and keeps them in the tab order', () => {
    setup(DEFAULT_PREFS);
    expect(q('.reader-controls')?.getAttribute('aria-label')).toBe('readerSettings');
    for (const el of container.querySelectorAll('button, select, input')) {
      expect(el.hasAttribute('disabled')).toBe(false);
      expect(el.getAttribute('tabindex')).not.toBe('-1');
      const named = el.getAttribute('aria-label') ?? el.closest('label')?.textContent;
      expect(named, el.outerHTML).toBeTruthy();
    }
  });
});

describe('clampPrefs', () => {
  it('brings stored or edited values back into range', () => {
    expect(clampPrefs({ size: 40, lineHeight: 1.2 })).toEqual({ ...DEFAULT_PREFS, size: 28, lineHeight: 1.5 });
    expect(clampPrefs({ size: 9, lineHeight: 3 })).toMatchObject({ size: 14, lineHeight: 2.4 });
    expect(clampPrefs({ lineHeight: 1.9000000000000001, size: 19.6 })).toMatchObject({ lineHeight: 1.9, size: 20 });
    expect(clampPrefs({ size: Number.NaN })).toMatchObject({ size: 20 });
  });

  it('replaces unknown choices with the defaults', () => {
    const junk = { font: 'comic', width: 'huge', theme: 'neon' } as unknown as Partial<ReaderPrefs>;
    expect(clampPrefs(junk)).toEqual(DEFAULT_PREFS);
    expect(clampPrefs(null)).toEqual(DEFAULT_PREFS);
  });
});
