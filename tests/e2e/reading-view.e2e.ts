import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchExtension, openFixture, openPopup, tabIdOf, type ExtensionSession } from './harness/browser.ts';
import { messagesOf } from './harness/messages.ts';
import { FIXTURES_DIR } from '../../scripts/lib/paths.ts';
import { openToolbarPopup } from './harness/toolbar-popup.ts';
import { popupLayout, readingFacts } from './shared/popup-layout.ts';

/**
 * The reading view's content and settings. What the toolbar popup shows is checked on the real
 * popup (openToolbarPopup); popup.html in a tab (openPopup) drives its controls.
 */

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
    const page = await openFixture(session.context, 'ar-enabbaladi-seed');
    const popup = await openToolbarPopup(session, page);
    const seed = expected('ar-enabbaladi-seed');
    const facts = await popup.waitFor(readingFacts);
    const text = flat(await popup.evaluate((win) => (win.document.querySelector('article.reading-view') as HTMLElement).innerText));
    expect(text).toContain(seed.title);
    expect(seed.mustContain.filter((s) => !text.includes(flat(s)))).toEqual([]);
    expect(seed.mustNotContain.filter((s) => text.includes(flat(s)))).toEqual([]);
    expect(facts.dir).toBe('rtl');
    expect(await popup.evaluate((win) => win.document.documentElement.dir)).toBe('rtl');
    expect(facts.fontFamily).toContain('Noto Naskh Arabic');
    expect(facts.naskhLoaded).toBe(true);
    await popup.screenshot('popup-seed-ar-light');
    await popup.close();
    await page.close();
  });

  it('switches theme, and keeps the reader settings when the popup opens again', async () => {
    const { page, popup } = await popupFor('ar-enabbaladi-seed');
    const m = await messagesOf(popup);
    await popup.locator('.reader-settings > summary').click();
    await popup.getByRole('radio', { name: m('theme_light') }).check();
    const light = await background(popup);
    await popup.getByRole('radio', { name: m('theme_dark') }).check();
    await expect.poll(() => background(popup)).not.toBe(light);
    const dark = await background(popup);
    const size = () => popup.evaluate(() => getComputedStyle(document.querySelector('.article-body p') as Element).fontSize);
    const before = await size();
    await popup.getByRole('button', { name: m('readerSizeIncrease') }).click();
    await expect.poll(size).not.toBe(before);
    const after = await size();
    await popup.close();

    // The toolbar popup opens with them: dark to its edges, the larger text.
    const real = await openToolbarPopup(session, page);
    const shown = await real.waitFor((win) => {
      const p = win.document.querySelector('.article-body p');
      return p && { size: win.getComputedStyle(p).fontSize };
    });
    expect(shown.size).toBe(after);
    const layout = await real.evaluate(popupLayout);
    expect(layout.appBackground).toBe(dark);
    expect(layout.canvas).toBe(dark);
    await real.screenshot('popup-seed-ar-dark');
    await real.close();

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
      expect(
        e.mustContain.filter((s) => !text.includes(flat(s))),
        slug,
      ).toEqual([]);
      await popup.close();
      await page.close();
    }
  });

  it('requests nothing from the site but the pictures it shows: no counter, no placeholder', async () => {
    const pages: [string, RegExp | null][] = [
      ['min-lead-counter', /green-line-new-stations\.jpg$/],
      ['he-walla-break-3443829', null], // its og:image is a placeholder: no picture at all
    ];
    for (const [slug, picture] of pages) {
      const page = await openFixture(session.context, slug);
      const tabId = await tabIdOf(session.context, session.extensionId, page);
      const popup = await session.context.newPage();
      const requested: string[] = [];
      popup.on('request', (r) => {
        if (/^https?:/.test(r.url())) requested.push(r.url());
      });
      await popup.setViewportSize({ width: 720, height: 600 });
      await popup.goto(`chrome-extension://${session.extensionId}/popup.html?tabId=${tabId}`);
      await popup.locator('article.reading-view').waitFor();
      if (picture) await expect.poll(() => requested.some((u) => picture.test(u)), { timeout: 10_000 }).toBe(true);
      else expect(await popup.locator('.reading-lead').count()).toBe(0);
      expect(
        requested.filter((u) => /hits\.php|null-46|logo|default/i.test(u)),
        slug,
      ).toEqual([]);
      // The picture the view shows and nothing else: each image is fetched without credentials
      // and shown from its local copy (blob:), never by its web address.
      expect(
        requested.filter((u) => !picture?.test(u)),
        slug,
      ).toEqual([]);
      expect(
        await popup.evaluate(
          () => [...document.querySelectorAll('img')].filter((img) => /^https?:/.test(img.getAttribute('src') ?? '')).length,
        ),
        slug,
      ).toBe(0);
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
    // Print is in the reader's file menu, the theme in its folded settings (issue 14: reading first).
    await reader.locator('.reader-menu > summary').click();
    expect(await reader.getByRole('button', { name: m('printArticle') }).isVisible()).toBe(true);
    await reader.locator('.reader-settings > summary').click();
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
    expect(flat(await reader.locator('article.reading-view').innerText())).toContain(
      flat(expected('ar-enabbaladi-seed').mustContain[0] ?? ''),
    );
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
      const page = await openFixture(en.context, 'ar-enabbaladi-seed');
      const popup = await openToolbarPopup(en, page);
      const facts = await popup.waitFor(readingFacts);
      expect(await popup.evaluate((win) => win.document.documentElement.dir)).toBe('ltr');
      expect(facts.dir).toBe('rtl');
      const layout = await popup.evaluate(popupLayout);
      expect(layout.overflowX).toBe(0);
      expect(layout.outside).toEqual([]);
      await popup.screenshot('popup-seed-en-light');
      await popup.close();
    } finally {
      await en.close();
    }
  });
});
