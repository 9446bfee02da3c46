import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import {
  isVisible,
  launchExtension,
  openFixture,
  screenshot,
  serviceWorker,
  stopServiceWorker,
  visibleText,
  type ExtensionSession,
} from './harness/browser.ts';
import { openToolbarPopup } from './harness/toolbar-popup.ts';

// The harness itself: the build loads, fixtures are served, the popup renders in Arabic.
describe('smoke', () => {
  let session: ExtensionSession;
  beforeAll(async () => {
    session = await launchExtension();
  });
  afterAll(async () => {
    await session?.close();
  });

  it('loads the built extension with its service worker', () => {
    expect(session.extensionId).toMatch(/^[a-p]{32}$/);
    const workers = session.context.serviceWorkers().map((w) => w.url());
    expect(workers).toContain(`chrome-extension://${session.extensionId}/background.js`);
  });

  it('serves the seed fixture over 127.0.0.1 with its Arabic title visible', async () => {
    expect(inject('fixtureBaseUrl')).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/);
    const page = await openFixture(session.context, 'ar-enabbaladi-seed');
    const title = 'التحالف يؤكد استمرار عملياته العسكرية في سوريا';
    expect(await page.title()).toContain(title);
    expect(await page.evaluate(() => document.characterSet)).toBe('UTF-8');
    expect(await visibleText(page)).toContain(title);
    expect(await isVisible(page, { text: title })).toBe(true);
    expect(await isVisible(page, 'h1')).toBe(true);
    await screenshot(page, 'seed-raw');
    await page.close();
  });

  it('blocks every request that is not to 127.0.0.1', async () => {
    const page = await openFixture(session.context, 'ar-enabbaladi-seed');
    const failed = await page.evaluate(() =>
      fetch('https://www.enabbaladi.net/').then(
        () => 'reached',
        () => 'blocked',
      ),
    );
    expect(failed).toBe('blocked');
    await page.close();
  });

  it('opens the toolbar popup for a tab, as a click on the icon does, in Arabic and right to left', async () => {
    const page = await openFixture(session.context, 'ar-enabbaladi-seed');
    const popup = await openToolbarPopup(session, page);
    expect(await popup.evaluate((win) => [win.document.documentElement.dir, win.document.documentElement.lang])).toEqual(['rtl', 'ar']);
    expect((await popup.waitFor((win) => win.document.body.innerText.trim())).length).toBeGreaterThan(0);
    await popup.screenshot('popup');
    await popup.close();
    await page.close();
  });

  it('starts the service worker again after Chrome stopped it', async () => {
    const { context, extensionId } = session;
    const before = await serviceWorker(context, extensionId);
    await before.evaluate(() => Object.assign(globalThis, { naqiE2eMarker: true }));
    await stopServiceWorker(context, extensionId);
    const after = await serviceWorker(context, extensionId);
    // A fresh worker: globals from before the stop are gone.
    expect(await after.evaluate(() => 'naqiE2eMarker' in globalThis)).toBe(false);
  });
});
