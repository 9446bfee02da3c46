import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchExtension, openFixture, openPopup, screenshot, tabIdOf, type ExtensionSession } from './harness/browser.ts';
import { messagesOf } from './harness/messages.ts';
import { FIXTURES_DIR } from './harness/paths.ts';

/** The toolbar popup as a reader meets it: the article, right to left, in an Arabic face, nothing else. */

interface Expected {
  title: string;
  mustContain: string[];
  mustNotContain: string[];
}
const expected = (slug: string): Expected => JSON.parse(readFileSync(join(FIXTURES_DIR, slug, 'expected.json'), 'utf8')) as Expected;
const flat = (s: string): string => s.replace(/\s+/g, ' ').trim();

let session: ExtensionSession;
beforeAll(async () => {
  session = await launchExtension({ lang: 'ar' });
});
afterAll(async () => session?.close());

async function popupFor(slug: string, s = session): Promise<{ page: Page; popup: Page }> {
  const page = await openFixture(s.context, slug);
  const tabId = await tabIdOf(s.context, s.extensionId, page);
  const popup = await openPopup(s.context, s.extensionId, tabId);
  await popup.locator('article.reading-view').waitFor();
  return { page, popup };
}

const articleText = (popup: Page): Promise<string> => popup.locator('article.reading-view').innerText().then(flat);
const background = (popup: Page): Promise<string> =>
  popup.evaluate(() => getComputedStyle(document.querySelector('.reader-page') as Element).backgroundColor);

describe('reading view in the popup', () => {
  it('shows the seed article — every paragraph and the caption, none of the clutter — right to left', async () => {
    const { page, popup } = await popupFor('ar-enabbaladi-seed');
    const seed = expected('ar-enabbaladi-seed');
    const text = await articleText(popup);
    expect(text).toContain(seed.title);
    expect(seed.mustContain.filter((s) => !text.includes(flat(s)))).toEqual([]);
    expect(seed.mustNotContain.filter((s) => text.includes(flat(s)))).toEqual([]);
    expect(await popup.locator('article.reading-view').getAttribute('dir')).toBe('rtl');
    expect(await popup.evaluate(() => document.documentElement.dir)).toBe('rtl');
    const face = await popup.evaluate(async () => {
      await document.fonts.ready;
      const p = document.querySelector('.article-body p') as Element;
      return { family: getComputedStyle(p).fontFamily, loaded: document.fonts.check('20px "Noto Naskh Arabic"', 'أكد') };
    });
    expect(face.family).toContain('Noto Naskh Arabic');
    expect(face.loaded).toBe(true);
    await screenshot(popup, 'popup-seed-ar-light');
    await page.close();
    await popup.close();
  });

  it('switches theme, and keeps the reader settings when the popup opens again', async () => {
    const { page, popup } = await popupFor('ar-enabbaladi-seed');
    const m = await messagesOf(popup);
    await popup.locator('.reader-settings > summary').click();
    await popup.getByRole('radio', { name: m('theme_light') }).check();
    const light = await background(popup);
    await popup.getByRole('radio', { name: m('theme_dark') }).check();
    await expect.poll(() => background(popup)).not.toBe(light);
    const size = () => popup.evaluate(() => getComputedStyle(document.querySelector('.article-body p') as Element).fontSize);
    const before = await size();
    await popup.getByRole('button', { name: m('readerSizeIncrease') }).click();
    await expect.poll(size).not.toBe(before);
    const after = await size();
    await screenshot(popup, 'popup-seed-ar-dark');
    await popup.close();

    const { popup: again } = await popupFor('ar-enabbaladi-seed');
    await again.locator('.reader-settings > summary').click();
    expect(await again.getByRole('radio', { name: m('theme_dark') }).isChecked()).toBe(true);
    expect(await again.evaluate(() => getComputedStyle(document.querySelector('.article-body p') as Element).fontSize)).toBe(after);
    // Back to the defaults for the other tests.
    await again.getByRole('radio', { name: m('theme_light') }).check();
    await again.getByRole('button', { name: m('readerSizeDecrease') }).click();
    await again.close();
    await page.close();
  });

  it('says a home page is not an article, and shows it anyway on request', async () => {
    const page = await openFixture(session.context, 'ar-home-page');
    const popup = await openPopup(session.context, session.extensionId, await tabIdOf(session.context, session.extensionId, page));
    const m = await messagesOf(popup);
    await popup.getByText(m('popupNotArticle')).waitFor();
    await popup.getByRole('button', { name: m('showAnyway') }).click();
    await popup.locator('article.reading-view').waitFor();
    await popup.close();
    await page.close();
  });

  it('reads every RTL corpus page in its direction, and an English article left to right', async () => {
    for (const slug of ['fa-khabaronline-election-2020', 'he-ynet-L-5735229-2020', 'ur-naibaat-murree-2022', 'en-guardian-style-appeal']) {
      const { page, popup } = await popupFor(slug);
      const e = expected(slug) as Expected & { dir: string };
      expect(await popup.locator('article.reading-view').getAttribute('dir'), slug).toBe(e.dir);
      const text = await articleText(popup);
      expect(e.mustContain.filter((s) => !text.includes(flat(s))), slug).toEqual([]);
      await popup.close();
      await page.close();
    }
  });
});

describe('printing from the full-tab reader', () => {
  it('prints the article alone, black on white, even in the dark theme', async () => {
    const page = await openFixture(session.context, 'ar-enabbaladi-seed');
    const tabId = await tabIdOf(session.context, session.extensionId, page);
    const reader = await session.context.newPage();
    await reader.goto(`chrome-extension://${session.extensionId}/reader.html?tabId=${tabId}`);
    await reader.locator('article.reading-view').waitFor();
    const m = await messagesOf(reader);
    expect(await reader.getByRole('button', { name: m('printArticle') }).isVisible()).toBe(true);
    await reader.getByRole('radio', { name: m('theme_dark') }).check();
    const colours = (): Promise<{ fg: string; bg: string }> =>
      reader.evaluate(() => {
        const p = document.querySelector('.article-body p') as Element;
        return { fg: getComputedStyle(p).color, bg: getComputedStyle(document.querySelector('.reader-page') as Element).backgroundColor };
      });
    const screen = await colours();
    expect(screen.bg).not.toBe('rgb(255, 255, 255)');
    await reader.emulateMedia({ media: 'print' });
    expect(await colours()).toEqual({ fg: 'rgb(0, 0, 0)', bg: 'rgb(255, 255, 255)' });
    expect(await reader.locator('.reader-toolbar').isVisible()).toBe(false);
    expect(await reader.locator('.reading-actions').isVisible()).toBe(false);
    expect(flat(await reader.locator('article.reading-view').innerText())).toContain(flat(expected('ar-enabbaladi-seed').mustContain[0] ?? ''));
    // Save as PDF: Chromium's own print path, in the print stylesheet.
    const pdf = await reader.pdf({ format: 'A4' });
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    await reader.emulateMedia({ media: 'screen' });
    await reader.getByRole('radio', { name: m('theme_light') }).check();
    await reader.close();
    await page.close();
  });
});

describe('English interface', () => {
  it('mirrors the interface, not the article: an English UI shows the Arabic article right to left', async () => {
    const en = await launchExtension({ lang: 'en' });
    try {
      const { popup } = await popupFor('ar-enabbaladi-seed', en);
      expect(await popup.evaluate(() => document.documentElement.dir)).toBe('ltr');
      expect(await popup.locator('article.reading-view').getAttribute('dir')).toBe('rtl');
      await screenshot(popup, 'popup-seed-en-light');
    } finally {
      await en.close();
    }
  });
});
