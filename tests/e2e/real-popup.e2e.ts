import { afterAll, beforeAll } from 'vitest';
import { launchExtension, openFixture, type ExtensionSession } from './harness/browser.ts';
import { messagesIn } from './harness/messages.ts';
import { openToolbarPopup } from './harness/toolbar-popup.ts';
import { realPopupSuite, type PopupDriver } from './shared/real-popup.ts';

/** The toolbar popup as Chromium opens it from the icon, in every state. Firefox: tests/e2e/firefox/real-popup.ff.ts. */

let session: ExtensionSession;
beforeAll(async () => {
  session = await launchExtension({ lang: 'ar' });
});
afterAll(async () => session?.close());

realPopupSuite((): PopupDriver => ({
  browser: 'chromium',
  m: messagesIn('ar'),
  openFixture: async (slug, query = '', waitUntil = 'load') => {
    if (waitUntil === 'load') return openFixture(session.context, slug, query);
    const page = await session.context.newPage();
    await page.goto(`${new URL(`${encodeURIComponent(slug)}/${query}`, (await import('vitest')).inject('fixtureBaseUrl'))}`, {
      waitUntil: 'commit',
    });
    return page;
  },
  openRestricted: async () => {
    const page = await session.context.newPage();
    await page.goto('chrome://version/');
    return page;
  },
  openToolbarPopup: (tab) => openToolbarPopup(session, tab as Parameters<typeof openToolbarPopup>[1]),
}));
