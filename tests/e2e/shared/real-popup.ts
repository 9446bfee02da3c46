import { describe, expect, it } from 'vitest';
import type { ToolbarPopup } from '../harness/toolbar-popup.ts';
import { popupLayout, popupText, readingFacts, shownInside, type PopupLayout } from './popup-layout.ts';
import { SEED_TEXT, SEED_TITLE } from './seed.ts';

/**
 * The toolbar popup as the browser opens it (the browser's own `action.openPopup()`), in
 * every state, in Chromium and in Firefox: the same assertions for both, on what the reader
 * sees at the size the browser gives the popup.
 */
export interface PopupDriver {
  browser: 'chromium' | 'firefox';
  /** Opens a fixture in a new tab; `commit` returns before the page has finished loading. */
  openFixture(slug: string, query?: string, waitUntil?: 'load' | 'commit'): Promise<Tab>;
  /** A page no extension may read (the browser's own). */
  openRestricted(): Promise<Tab>;
  openToolbarPopup(tab: Tab): Promise<ToolbarPopup>;
  /** The interface string `key` in the browser's interface language. */
  m(key: string): string;
}
export interface Tab {
  close(): Promise<void>;
}

/** A popup a reader can use: the width the browser gave it reads well, and nothing sticks out of it. */
function expectUsable(layout: PopupLayout, what: string): void {
  expect(layout.frame, what).toBe('popup');
  expect(layout.width, `${what}: popup width`).toBeGreaterThanOrEqual(480);
  expect(layout.width, `${what}: popup width`).toBeLessThanOrEqual(800);
  expect(layout.height, `${what}: popup height`).toBeLessThanOrEqual(600);
  expect(layout.overflowX, `${what}: sideways scroll`).toBe(0);
  expect(layout.outside, `${what}: elements past the popup's edge`).toEqual([]);
  // Whatever the browser adds around the content wears the theme: no white band.
  expect(layout.canvas, `${what}: canvas colour`).toBe(layout.appBackground);
}

export function realPopupSuite(driver: () => PopupDriver): void {
  const d = (): PopupDriver => driver();
  const shot = (popup: ToolbarPopup, state: string): Promise<string> => popup.screenshot(`real-popup-${d().browser}-${state}`);
  /** Opens the toolbar popup on the tab `opening` gives, runs `use`, and closes both whatever happens. */
  const onPopup = async (opening: Promise<Tab>, use: (popup: ToolbarPopup) => Promise<void>): Promise<void> => {
    const tab = await opening;
    const popup = await d().openToolbarPopup(tab);
    try {
      await use(popup);
    } finally {
      await popup.close();
      await tab.close();
    }
  };

  describe('the real toolbar popup', () => {
    it('opens at a readable width with the article right to left in the Arabic face, nothing sticking out', async () => {
      await onPopup(d().openFixture('ar-enabbaladi-seed'), async (popup) => {
        const facts = await popup.waitFor(readingFacts);
        const layout = await popup.evaluate(popupLayout);
        expectUsable(layout, 'article');
        expect(facts.dir).toBe('rtl');
        expect(facts.direction).toBe('rtl');
        expect(facts.firstParagraph).toBe(SEED_TEXT);
        // The paragraph is set in the column, not squeezed: whole lines of a comfortable measure.
        expect(facts.box.left).toBeGreaterThanOrEqual(0);
        expect(facts.box.right).toBeLessThanOrEqual(layout.width);
        expect(facts.box.right - facts.box.left).toBeGreaterThanOrEqual(400);
        expect(facts.charsPerLine).toBeGreaterThanOrEqual(45);
        expect(facts.charsPerLine).toBeLessThanOrEqual(80);
        expect(facts.fontFamily).toContain('Noto Naskh Arabic');
        expect(facts.naskhLoaded).toBe(true);
        // The headline is on the first screen, and the text follows it.
        const title = await popup.evaluate((win) => win.document.querySelector('.reading-title')?.getBoundingClientRect().top ?? Infinity);
        expect(title).toBeLessThan(layout.height / 2);
        expect(await popup.evaluate(popupText)).toContain(SEED_TITLE);
        await shot(popup, 'article');
      });
    });

    it('keeps its size with the text settings and the cleanup panel open, and after saving', async () => {
      await onPopup(d().openFixture('ar-enabbaladi-seed'), async (popup) => {
        await popup.waitFor(readingFacts);
        await popup.click('.reader-settings > summary');
        await popup.waitFor(shownInside, '.reader-controls');
        expectUsable(await popup.evaluate(popupLayout), 'text settings open');
        await popup.evaluate((win) => win.scrollTo(0, 0));
        await shot(popup, 'settings');

        await popup.click('.cleanup-details > summary');
        await popup.waitFor(shownInside, '.cleanup-list');
        await popup.evaluate((win) => win.document.querySelector('.cleanup-details')?.scrollIntoView({ block: 'end' }));
        expectUsable(await popup.evaluate(popupLayout), 'cleanup panel open');
        await shot(popup, 'cleanup');

        await popup.click({ text: d().m('save') });
        const status = await popup.waitFor((win) => win.document.querySelector('.save-status')?.textContent?.trim());
        expect(status).toContain(d().m('saved'));
        expect(await popup.evaluate(shownInside, '.save-status')).toBe(true);
        expectUsable(await popup.evaluate(popupLayout), 'after saving');
        await shot(popup, 'saved');
      });
    });

    it('says so while the page is still loading, then shows the article', async () => {
      await onPopup(d().openFixture('ar-enabbaladi-seed', '?trickle=4000', 'commit'), async (popup) => {
        const loading = d().m('readerLoading');
        await popup.waitFor((win, text) => win.document.body.innerText.includes(text), loading);
        expectUsable(await popup.evaluate(popupLayout), 'loading');
        await shot(popup, 'loading');
        const facts = await popup.waitFor(readingFacts, undefined, 15_000);
        expect(facts.firstParagraph).toBe(SEED_TEXT);
        expectUsable(await popup.evaluate(popupLayout), 'article after loading');
      });
    });

    it('says a home page is not an article, and shows it anyway at the same size', async () => {
      await onPopup(d().openFixture('ar-home-page'), async (popup) => {
        await popup.waitFor((win, text) => win.document.body.innerText.includes(text), d().m('popupNotArticle'));
        expectUsable(await popup.evaluate(popupLayout), 'not an article');
        await shot(popup, 'not-article');
        await popup.click({ text: d().m('showAnyway') });
        await popup.waitFor(shownInside, 'article.reading-view');
        expectUsable(await popup.evaluate(popupLayout), 'shown anyway');
      });
    });

    it('says why it cannot read a page with no text, with a way to retry', async () => {
      await onPopup(d().openFixture('odd-frameset'), async (popup) => {
        await popup.click({ text: d().m('showAnyway') });
        await popup.waitFor((win) => win.document.querySelector('.reader-status[role=alert]') !== null);
        const text = await popup.evaluate(popupText);
        expect(text).toContain(d().m('readerErrorNoText'));
        expect(await popup.evaluate(shownInside, '.reader-status[role=alert] button')).toBe(true);
        expectUsable(await popup.evaluate(popupLayout), 'error');
        await shot(popup, 'error');
      });
    });

    it('says it cannot read the browser’s own pages', async () => {
      await onPopup(d().openRestricted(), async (popup) => {
        await popup.waitFor((win, text) => win.document.body.innerText.includes(text), d().m('popupRestricted'));
        expectUsable(await popup.evaluate(popupLayout), 'restricted');
        await shot(popup, 'restricted');
      });
    });
  });
}
