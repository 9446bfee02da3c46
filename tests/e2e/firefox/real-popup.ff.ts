import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchFirefox, messages, openFixture, openToolbarPopup, popupPanelSize, type FirefoxSession } from '../harness/firefox.ts';
import { popupLayout, readingFacts } from '../shared/popup-layout.ts';
import { realPopupSuite, type PopupDriver } from '../shared/real-popup.ts';

/** The toolbar popup as Firefox opens it from the icon, in every state (the same suite as Chromium's). */

let ff: FirefoxSession;
let m: (key: string) => string;
beforeAll(async () => {
  ff = await launchFirefox({ lang: 'ar' });
  m = await messages('ar');
});
afterAll(async () => ff?.close());

realPopupSuite((): PopupDriver => ({
  browser: 'firefox',
  m: (key) => m(key),
  openFixture: (slug, query, waitUntil) => openFixture(ff, slug, query, waitUntil),
  openRestricted: async () => {
    // The browser's own page; puppeteer's goto never sees about: pages load, BiDi's navigate does.
    const page = await ff.browser.newPage();
    const frame = page.mainFrame() as unknown as { browsingContext: { navigate(url: string, wait: 'complete'): Promise<void> } };
    await frame.browsingContext.navigate('about:robots', 'complete');
    return page;
  },
  openToolbarPopup: (tab) => openToolbarPopup(ff, tab as Parameters<typeof openToolbarPopup>[1]),
}));

describe('the popup in Firefox’s toolbar panel', () => {
  it('is as wide in the panel as the page inside it measures', async () => {
    const page = await openFixture(ff, 'ar-enabbaladi-seed');
    const popup = await openToolbarPopup(ff, page);
    try {
      await popup.waitFor(readingFacts);
      const panel = await popupPanelSize(popup);
      const layout = await popup.evaluate(popupLayout);
      expect(panel.width).toBe(layout.width);
      expect(panel.width).toBeGreaterThanOrEqual(480);
    } finally {
      await popup.close();
      await page.close();
    }
  });
});
