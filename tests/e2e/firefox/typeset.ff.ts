import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SCREENSHOTS_DIR } from '../../../scripts/lib/paths.ts';
import { launchFirefox, openExtensionPage, openFixture, tabIdOf, type FirefoxSession } from '../harness/firefox.ts';
import { poll, type PopupFn } from '../harness/toolbar-popup.ts';
import { popupLayout, readingFacts, type ReadingFacts } from '../shared/popup-layout.ts';
import { blockSetting, faceInUse, headerBoxes, smallImageFit, titlePosition } from '../shared/typeset.ts';

/**
 * The reading view's setting in Firefox's full-tab reader (issue 14), with the window checks of
 * the Chromium suite (shared/typeset.ts): Gecko lays out bidi text, images and fonts itself.
 */

let ff: FirefoxSession;
beforeAll(async () => {
  ff = await launchFirefox({ lang: 'ar' });
});
afterAll(async () => ff?.close());

type Size = { width: number; height: number };
const DESKTOP: Size = { width: 1280, height: 900 };
const PHONE: Size = { width: 390, height: 844 };

/** Runs a window check in the reader tab. */
const check = <T, A = undefined>(reader: Page, fn: PopupFn<T, A>, arg?: A): Promise<T> =>
  reader.evaluate(`(${fn.toString()})(window, ${arg === undefined ? 'undefined' : JSON.stringify(arg)})`) as Promise<T>;

/** Opens the fixture, then the reader for its tab at `size`, runs `use` once fonts are in, closes both. */
async function inReader(slug: string, size: Size, use: (reader: Page) => Promise<void>): Promise<void> {
  const page = await openFixture(ff, slug);
  const tabId = await tabIdOf(ff, page);
  const reader = await ff.browser.newPage();
  try {
    await reader.setViewport(size);
    await openExtensionPage(ff, `reader.html?tabId=${tabId}`, reader);
    await reader.waitForFunction(() => document.querySelector('article.reading-view') !== null && document.fonts.status === 'loaded', {
      timeout: 15_000,
    });
    await use(reader);
  } finally {
    await reader.close();
    await page.close();
  }
}

async function shot(reader: Page, name: string): Promise<void> {
  await mkdir(SCREENSHOTS_DIR, { recursive: true });
  await reader.screenshot({ path: join(SCREENSHOTS_DIR, `typeset-firefox-${name}.png`) as `${string}.png` });
}

describe('the reader in Firefox', () => {
  it('keeps Latin-led Arabic paragraphs right to left, an English quote left to right, the byline at the title’s edge', async () => {
    await inReader('min-bidi-mixed', DESKTOP, async (reader) => {
      const settings = {
        'CNN وBloomberg': await check(reader, blockSetting, 'CNN وBloomberg'),
        'Solar Jordan،': await check(reader, blockSetting, 'Solar Jordan،'),
        '“Zarqa shows': await check(reader, blockSetting, '“Zarqa shows'),
      };
      expect(settings).toEqual({
        'CNN وBloomberg': { direction: 'rtl', textAlign: 'start', lastLineEdge: 'right' },
        'Solar Jordan،': { direction: 'rtl', textAlign: 'start', lastLineEdge: 'right' },
        '“Zarqa shows': { direction: 'ltr', textAlign: 'start', lastLineEdge: 'left' },
      });
      const boxes = await check(reader, headerBoxes);
      const edge = boxes?.title.right ?? NaN;
      expect(Math.abs((boxes?.title.textRight ?? 0) - edge)).toBeLessThan(2);
      expect(Math.abs((boxes?.byline?.right ?? 0) - edge)).toBeLessThan(2);
      expect(Math.abs((boxes?.site?.right ?? 0) - edge)).toBeLessThan(2);
      await shot(reader, 'min-bidi-mixed-desktop');
    });
  });

  it('shows a 150×100 chart at its own size, centred, on a desktop and on a phone', async () => {
    for (const size of [DESKTOP, PHONE]) {
      await inReader('min-bidi-mixed', size, async (reader) => {
        // The image is decoded after the text: wait for it.
        const fit = await poll(() => check(reader, smallImageFit, 400), 10_000, 'the chart did not load');
        expect({ natural: fit.natural, rendered: fit.rendered }, `${size.width}px`).toEqual({
          natural: { width: 150, height: 100 },
          rendered: { width: 150, height: 100 },
        });
        expect(Math.abs(fit.gapLeft - fit.gapRight)).toBeLessThanOrEqual(1);
      });
    }
  });

  it('sets 55–75 Arabic-script characters a line at 1280 px, and the title on a phone’s first screen', async () => {
    for (const slug of ['ar-enabbaladi-seed', 'fa-khabaronline-election-2020']) {
      await inReader(slug, DESKTOP, async (reader) => {
        const facts = (await check(reader, readingFacts)) as ReadingFacts | null;
        console.log(`[typeset] firefox chars per line, reader 1280: ${slug} ${facts?.charsPerLine}`);
        expect(facts?.charsPerLine, slug).toBeGreaterThanOrEqual(55);
        expect(facts?.charsPerLine, slug).toBeLessThanOrEqual(75);
      });
      await inReader(slug, PHONE, async (reader) => {
        const title = await check(reader, titlePosition);
        const layout = await check(reader, popupLayout);
        console.log(`[typeset] firefox title on 390×844: ${slug} y=${title?.top}–${title?.bottom}`);
        expect(title?.top, slug).toBeLessThanOrEqual(200);
        expect({ overflowX: layout.overflowX, outside: layout.outside }, slug).toEqual({ overflowX: 0, outside: [] });
        await shot(reader, `${slug}-phone`);
      });
    }
  });

  it('sets Hebrew in Noto Sans Hebrew and Urdu in Nastaliq', async () => {
    const faces = [
      ['he-walla-break-3362504', 'Noto Sans Hebrew', false],
      ['ur-naibaat-murree-2022', 'Noto Nastaliq Urdu', true],
    ] as const;
    for (const [slug, family, requested] of faces) {
      await inReader(slug, PHONE, async (reader) => {
        expect(await check(reader, faceInUse, family), slug).toEqual({ loaded: true, requested });
        await shot(reader, `${slug}-phone`);
      });
    }
  });
});
