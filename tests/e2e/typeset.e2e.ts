import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchExtension, openFixture, screenshot, tabIdOf, type ExtensionSession } from './harness/browser.ts';
import { messagesOf } from './harness/messages.ts';
import { openToolbarPopup, type PopupFn } from './harness/toolbar-popup.ts';
import { popupLayout, readingFacts, type ReadingFacts } from './shared/popup-layout.ts';
import { blockSetting, faceInUse, headerBoxes, smallImageFit, titlePosition } from './shared/typeset.ts';

/**
 * The reading view as a typographer would set it (issue 14): each block in the article's
 * direction unless its letters are predominantly of the other script, metadata isolated, small
 * images at their own size, a measure of 55–75 Arabic characters, the title on a phone's first
 * screen. Measured in the full-tab reader at the sizes readers use, and in the real popup.
 */

let session: ExtensionSession;
beforeAll(async () => {
  session = await launchExtension({ lang: 'ar' });
});
afterAll(async () => session?.close());

const DESKTOP = { width: 1280, height: 900 };
const PHONE = { width: 390, height: 844 };

/** The full-tab reader for a fixture page, at `size`, with its fonts and images loaded. */
async function readerFor(slug: string, size: { width: number; height: number }): Promise<{ page: Page; reader: Page }> {
  const page = await openFixture(session.context, slug);
  const tabId = await tabIdOf(session.context, session.extensionId, page);
  const reader = await session.context.newPage();
  await reader.setViewportSize(size);
  await reader.goto(`chrome-extension://${session.extensionId}/reader.html?tabId=${tabId}`);
  await reader.locator('article.reading-view').waitFor();
  await reader.waitForFunction(() => document.fonts.status === 'loaded');
  return { page, reader };
}

/** Runs a window check (shared/) in an extension tab, typed as the check is. */
const measure = <T, A = undefined>(page: Page, fn: PopupFn<T, A>, arg?: A): Promise<T> =>
  page.evaluate(arg === undefined ? `(${fn.toString()})(window)` : `(${fn.toString()})(window, ${JSON.stringify(arg)})`) as Promise<T>;

const facts = async (reader: Page): Promise<ReadingFacts> => {
  const f = (await measure(reader, readingFacts)) as ReadingFacts | null;
  if (!f) throw new Error('no article paragraph');
  return f;
};

/** Picks a theme in the reader's settings, opening them first where they are folded away. */
async function setTheme(reader: Page, theme: 'light' | 'sepia' | 'dark'): Promise<void> {
  const m = await messagesOf(reader);
  const radio = reader.getByRole('radio', { name: m(`theme_${theme}`) });
  const folded = !(await radio.isVisible());
  if (folded) await reader.locator('.reader-settings > summary').click();
  await radio.check();
  await reader.waitForFunction((t) => document.querySelector(`.reading-view.theme-${t}`) !== null, theme);
  // Folded again, as a reader leaves them: the screenshot shows the article.
  if (folded) await reader.locator('.reader-settings > summary').click();
  await reader.mouse.move(0, 0);
}

describe('bidi: the article is the base direction', () => {
  it('keeps a Latin-led Arabic paragraph right to left and sets a whole English quote left to right', async () => {
    const { page, reader } = await readerFor('min-bidi-mixed', DESKTOP);
    for (const start of ['CNN وBloomberg', 'Solar Jordan،']) {
      expect(await measure(reader, blockSetting, start), start).toEqual({
        direction: 'rtl',
        textAlign: 'start',
        lastLineEdge: 'right',
      });
    }
    expect(await measure(reader, blockSetting, '“Zarqa shows')).toEqual({
      direction: 'ltr',
      textAlign: 'start',
      lastLineEdge: 'left',
    });
    await reader.close();
    await page.close();
  });

  it('sets a Latin byline and site name at the title’s edge, not the opposite one', async () => {
    const { page, reader } = await readerFor('min-bidi-mixed', DESKTOP);
    const boxes = await measure(reader, headerBoxes);
    expect(boxes).not.toBeNull();
    const { title, byline, site } = boxes!;
    // Right to left: the title's text starts at the column's right edge, and so do the others.
    expect(Math.abs(title.textRight - title.right)).toBeLessThan(2);
    expect(byline && Math.abs(byline.right - title.right)).toBeLessThan(2);
    expect(site && Math.abs(site.right - title.right)).toBeLessThan(2);
    await reader.close();
    await page.close();
  });
});

describe('images', () => {
  it('shows a 150×100 chart at its own size, centred, not stretched to the column', async () => {
    for (const size of [DESKTOP, PHONE]) {
      const { page, reader } = await readerFor('min-bidi-mixed', size);
      await expect.poll(() => measure(reader, smallImageFit, 400), { timeout: 10_000 }).not.toBeNull();
      const fit = await measure(reader, smallImageFit, 400);
      console.log(
        `[typeset] image ${size.width}px: natural ${fit?.natural.width}×${fit?.natural.height}, rendered ${fit?.rendered.width}×${fit?.rendered.height}, column ${fit?.column}`,
      );
      expect(fit?.natural).toEqual({ width: 150, height: 100 });
      expect(fit?.rendered).toEqual({ width: 150, height: 100 });
      expect(Math.abs(fit!.gapLeft - fit!.gapRight)).toBeLessThanOrEqual(1);
      await reader.close();
      await page.close();
    }
  });
});

describe('measure', () => {
  it('sets 55–75 Arabic-script characters a line in the reader at 1280 px', async () => {
    for (const slug of ['ar-enabbaladi-seed', 'fa-khabaronline-election-2020', 'min-bidi-mixed']) {
      const { page, reader } = await readerFor(slug, DESKTOP);
      const { charsPerLine } = await facts(reader);
      console.log(`[typeset] chars per line, reader 1280: ${slug} ${charsPerLine}`);
      expect(charsPerLine, slug).toBeGreaterThanOrEqual(55);
      expect(charsPerLine, slug).toBeLessThanOrEqual(75);
      await reader.close();
      await page.close();
    }
  });

  it('keeps 45–80 characters a line in the real popup', async () => {
    const page = await openFixture(session.context, 'ar-enabbaladi-seed');
    const popup = await openToolbarPopup(session, page);
    const { charsPerLine } = await popup.waitFor(readingFacts);
    console.log(`[typeset] chars per line, popup: ${charsPerLine}`);
    expect(charsPerLine).toBeGreaterThanOrEqual(45);
    expect(charsPerLine).toBeLessThanOrEqual(80);
    await popup.close();
    await page.close();
  });
});

describe('reading first', () => {
  it('puts the title near the top of a phone’s first screen, with nothing scrolling sideways', async () => {
    for (const slug of ['ar-enabbaladi-seed', 'min-bidi-mixed']) {
      const { page, reader } = await readerFor(slug, PHONE);
      const title = await measure(reader, titlePosition);
      console.log(`[typeset] title on a 390×844 screen: ${slug} y=${title?.top}–${title?.bottom}`);
      expect(title!.top, slug).toBeLessThanOrEqual(200);
      expect(title!.bottom, slug).toBeLessThanOrEqual(PHONE.height);
      const layout = await measure(reader, popupLayout);
      expect(layout.overflowX, slug).toBe(0);
      expect(layout.outside, slug).toEqual([]);
      await reader.close();
      await page.close();
    }
  });
});

describe('screenshots', () => {
  it('shows the reader at 1280×900 and 390×844, light, sepia and dark', async () => {
    for (const slug of ['min-bidi-mixed', 'ar-enabbaladi-seed']) {
      for (const [name, size] of [
        ['desktop', DESKTOP],
        ['phone', PHONE],
      ] as const) {
        const { page, reader } = await readerFor(slug, size);
        for (const theme of ['light', 'sepia', 'dark'] as const) {
          await setTheme(reader, theme);
          await screenshot(reader, `typeset-${slug}-${name}-${theme}`);
          if (theme === 'light') await screenshot(reader, `typeset-${slug}-${name}-${theme}-full`, { fullPage: true });
        }
        // The file menu drops over the text, its items inside the window.
        await reader.locator('.reader-menu > summary').click();
        await screenshot(reader, `typeset-${slug}-${name}-menu`);
        expect((await measure(reader, popupLayout)).outside, `${slug} ${name} menu`).toEqual([]);
        await reader.locator('.reader-menu > summary').click();
        // The dark theme reaches every edge: no white band above or beside the article.
        expect((await measure(reader, popupLayout)).canvas).not.toBe('rgb(255, 255, 255)');
        await setTheme(reader, 'light');
        await reader.close();
        await page.close();
      }
    }
  });
});

describe('states in the dark theme', () => {
  it('shows the not-an-article panel dark to its edges: no white band above it', async () => {
    const { page: seed, reader } = await readerFor('ar-enabbaladi-seed', DESKTOP);
    await setTheme(reader, 'dark');
    const page = await openFixture(session.context, 'ar-home-page');
    const popup = await openToolbarPopup(session, page);
    await popup.waitFor((win) => win.document.querySelector('.reader-status'));
    const layout = await popup.evaluate(popupLayout);
    // The first thing the popup paints, at its top edge, is the theme's background.
    const top = await popup.evaluate((win) => {
      const el = win.document.elementFromPoint(win.innerWidth / 2, 4);
      return el ? win.getComputedStyle(el).backgroundColor : '';
    });
    await popup.screenshot('typeset-popup-not-article-dark');
    expect(layout.appBackground).not.toBe('rgb(255, 255, 255)');
    expect(layout.canvas).toBe(layout.appBackground);
    expect([layout.appBackground, 'rgba(0, 0, 0, 0)']).toContain(top);
    await popup.close();
    await setTheme(reader, 'light');
    await reader.close();
    await seed.close();
    await page.close();
  });
});

/** The reader's "Download HTML", saved to disk and opened from there in a new tab. */
async function exportedFile(reader: Page, name: string): Promise<{ html: string; file: Page }> {
  const m = await messagesOf(reader);
  await reader.locator('.reader-menu > summary').click();
  const [download] = await Promise.all([reader.waitForEvent('download'), reader.getByRole('button', { name: m('exportHtml') }).click()]);
  const path = join(mkdtempSync(join(tmpdir(), `naqi-${name}-`)), download.suggestedFilename());
  await download.saveAs(path);
  const file = await session.context.newPage();
  await file.setViewportSize(DESKTOP);
  await file.goto(pathToFileURL(path).href);
  return { html: readFileSync(path, 'utf8'), file };
}

describe('exports', () => {
  it('writes the file of a live page with its images and the date as the reader shows it', async () => {
    const { page, reader } = await readerFor('min-date-levantine', DESKTOP);
    // The page prints «9 كانون الثاني 2018»: the reader says the same, not «9 يناير».
    const date = reader.locator('.reading-date');
    expect(await date.innerText()).toBe('9 كانون الثاني 2018');
    const { html, file } = await exportedFile(reader, 'levantine');
    // The images came with it (the file's own CSP allows nothing but data: images) and render.
    expect(html).toMatch(/<img src="data:image\/png;base64,/);
    await file.waitForFunction(() => [...document.images].every((img) => img.complete));
    const images = await file.evaluate(() => [...document.images].map((img) => img.naturalWidth));
    expect(images).toEqual([150]);
    expect(await file.locator('time').innerText()).toBe('9 كانون الثاني 2018');
    // The Arabic face travels with the file: set from its own copy, on any computer.
    await file.waitForFunction(() => document.fonts.status === 'loaded');
    expect(await measure(file, faceInUse, 'Noto Naskh Arabic')).toEqual({ loaded: true, requested: true });
    // Metadata isolated: the address reads left to right inside the right-to-left line.
    const source = await file.evaluate(() => {
      const link = document.querySelector('.meta a') as HTMLElement;
      return { direction: getComputedStyle(link).direction, text: link.innerText };
    });
    expect(source.direction).toBe('ltr');
    expect(source.text).toMatch(/^https?:\/\/\S+min-date-levantine/);
    await screenshot(file, 'typeset-export-levantine-file');
    await file.close();
    await reader.close();
    await page.close();
  });

  it('writes a Persian article’s date in the Solar Hijri calendar, as the reader shows it', async () => {
    const { page, reader } = await readerFor('fa-khabaronline-election-2020', DESKTOP);
    const shown = await reader.locator('.reading-date').innerText();
    expect(shown).toMatch(/بهمن ۱۳۹۸/);
    const { file } = await exportedFile(reader, 'persian');
    expect(await file.locator('time').innerText()).toBe(shown);
    await screenshot(file, 'typeset-export-persian-file');
    await file.close();
    await reader.close();
    await page.close();
  });
});

describe('embeds', () => {
  it('shows a tweet, an Instagram post and a YouTube video as quoted cards, loading nothing from them', async () => {
    // What the reader asks for (the page itself loads its embeds; the reader must not).
    const asked: string[] = [];
    const listen = (request: { url(): string; frame(): { url(): string } }): void => {
      if (request.frame().url().startsWith('chrome-extension://')) asked.push(request.url());
    };
    session.context.on('request', listen);
    for (const [name, size] of [
      ['desktop', DESKTOP],
      ['phone', PHONE],
    ] as const) {
      const { page, reader } = await readerFor('min-embed-cards', size);
      const cards = await reader.evaluate(() =>
        [...document.querySelectorAll('.article-body figure')].map((figure) => {
          const caption = figure.querySelector('figcaption') as HTMLElement;
          const handle = [...caption.querySelectorAll('bdi')].find((b) => b.textContent?.startsWith('@'));
          return {
            quoted: figure.querySelector(':scope > blockquote') !== null,
            caption: caption.innerText,
            direction: getComputedStyle(caption).direction,
            handle: handle ? getComputedStyle(handle).direction : null,
            boxed: getComputedStyle(figure).borderStyle,
          };
        }),
      );
      expect(cards).toEqual([
        {
          quoted: true,
          caption: 'Karim Nasr @karim_nasr · November 2, 2024 · X (Twitter)',
          direction: 'rtl',
          handle: 'ltr',
          boxed: 'solid',
        },
        { quoted: false, caption: '@layla.haddad.films · Instagram', direction: 'rtl', handle: 'ltr', boxed: 'solid' },
        { quoted: false, caption: 'الطريق إلى البحر - المقطع الدعائي · ▶ YouTube', direction: 'rtl', handle: null, boxed: 'solid' },
      ]);
      expect(await reader.locator('iframe').count()).toBe(0);
      await setTheme(reader, 'dark');
      await screenshot(reader, `typeset-embeds-${name}-dark`);
      await setTheme(reader, 'light');
      await screenshot(reader, `typeset-embeds-${name}-light-full`, { fullPage: true });
      await reader.close();
      await page.close();
    }
    session.context.off('request', listen);
    expect(asked.length).toBeGreaterThan(0); // the reader's own files: the listener hears the reader
    expect(asked.filter((url) => /twitter|x\.com|instagram|youtube|ytimg|t\.co\//.test(url))).toEqual([]);
  });
});

describe('faces for Hebrew and Urdu', () => {
  it('sets Hebrew in Noto Sans Hebrew and Urdu in Nastaliq by default', async () => {
    for (const [slug, family, requested] of [
      // Hebrew letters fall through the Arabic face to the Hebrew one (the stack's second).
      ['he-ynet-L-5735229-2020', 'Noto Sans Hebrew', false],
      ['ur-naibaat-murree-2022', 'Noto Nastaliq Urdu', true],
    ] as const) {
      const { page, reader } = await readerFor(slug, PHONE);
      await reader.waitForFunction(() => document.fonts.status === 'loaded');
      expect(await measure(reader, faceInUse, family), slug).toEqual({ loaded: true, requested });
      await screenshot(reader, `typeset-${slug}-phone-light`);
      expect((await measure(reader, popupLayout)).overflowX, slug).toBe(0);
      await reader.close();
      await page.close();
    }
  });
});
