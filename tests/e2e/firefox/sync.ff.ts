import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'puppeteer-core';
import type { browser as WebExtensionApi } from 'wxt/browser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  launchFirefox,
  messages,
  openExtensionPage,
  openFixture,
  openToolbarPopup,
  storedImageWidths,
  type FirefoxSession,
} from '../harness/firefox.ts';
import { poll } from '../harness/toolbar-popup.ts';
import { readingFacts } from '../shared/popup-layout.ts';
import { startDavServer, type DavServer } from '../../../scripts/lib/dav-servers.ts';

/**
 * Two devices (two Firefox ESR profiles) sync through one real WebDAV server (rclone serve
 * webdav, then Apache mod_dav, on 127.0.0.1 with a password), set up in the library page,
 * end-to-end encrypted.
 *
 * The server's origin is an optional host permission, asked for when the settings are saved.
 * A temporary add-on holds all its optional hosts from the install: the test removes them
 * before sync is set up. Firefox asks through a doorhanger that a headless test cannot click;
 * with the pref `extensions.webextOptionalPermissionPrompts` off, Firefox grants a
 * `permissions.request` that comes from a real user gesture without a prompt. The gesture is
 * real: "Save and sync" is clicked through WebDriver BiDi input (trusted events), so the
 * add-on's own code path asks.
 */

declare const browser: typeof WebExtensionApi;

const PASSPHRASE = 'عبارة مرور للاختبار';
let server: DavServer;
let a: FirefoxSession;
let b: FirefoxSession;
let m: (key: string) => string;

const rows = (library: Page): Promise<number> => library.evaluate(() => document.querySelectorAll('.library-item').length);
const titles = (library: Page): Promise<string[]> =>
  library.evaluate(() => [...document.querySelectorAll('.library-item .library-title')].map((e) => (e.textContent ?? '').trim()));
const status = (library: Page): Promise<string> => library.evaluate(() => document.querySelector('.sync-status')?.textContent ?? '');
const mayReachServer = (ff: FirefoxSession): Promise<boolean> =>
  ff.control.evaluate((origin) => browser.permissions.contains({ origins: [origin] }), `http://${new URL(server.url).hostname}/*`);

/** Clicks the button that says `text` with a real (trusted) click: a user gesture. */
async function press(page: Page, text: string): Promise<void> {
  const handle = await page.evaluateHandle((t) => {
    const button = [...document.querySelectorAll('button')].find((e) => (e.textContent ?? '').replace(/\s+/g, ' ').trim() === t);
    if (!button) throw new Error(`no button says "${t}"`);
    return button;
  }, text);
  await page.bringToFront();
  await (handle as unknown as { click(): Promise<void> }).click();
}

/** Waits until the sync line says "Last synced", and is not saying "Syncing…". */
async function synced(library: Page): Promise<void> {
  const last = m('syncLast').split('$')[0] as string;
  await poll(async () => (await status(library)).includes(last), 30_000, `not synced (${await status(library)})`);
}

/** Fills the sync settings as a reader types them and saves them with a real click. */
async function setUpSync(library: Page): Promise<void> {
  const inputs = await library.$$('.sync-field input');
  const values = [server.url, server.user, server.password, PASSPHRASE];
  expect(inputs.length).toBe(values.length);
  await library.bringToFront();
  for (const [i, input] of inputs.entries()) await input.type(values[i] as string);
  expect(await library.$$eval('.sync-field input', (all) => all.map((e) => (e as HTMLInputElement).value))).toEqual(values);
  await press(library, m('syncSave'));
  await synced(library);
}

const files = (dir: string): string[] =>
  readdirSync(dir).flatMap((n) => (statSync(join(dir, n)).isDirectory() ? files(join(dir, n)) : [join(dir, n)]));

describe.each(['rclone', 'apache'] as const)('Firefox: sync between two profiles through %s', (kind) => {
  beforeAll(async () => {
    server = await startDavServer(kind);
    m = await messages('ar');
    const prefs = { 'extensions.webextOptionalPermissionPrompts': false };
    [a, b] = await Promise.all([launchFirefox({ lang: 'ar', prefs }), launchFirefox({ lang: 'ar', prefs })]);
  });
  afterAll(async () => {
    await a?.close();
    await b?.close();
    await server?.stop();
  });

  it('an article saved on A reads offline on B with its images; a delete on B is gone on A', async () => {
    // A saves an article with images from the real toolbar popup.
    const page = await openFixture(a, 'ar-images-offline');
    const popup = await openToolbarPopup(a, page);
    await popup.waitFor(readingFacts);
    await popup.click({ text: m('save') });
    await popup.waitFor((win) => win.document.querySelector('.save-status')?.textContent?.trim());
    await popup.close();
    await page.close();

    // A temporary add-on holds its optional hosts from the install (the popup above used them):
    // take them back, so that sync goes through the grant a reader's profile goes through.
    for (const ff of [a, b]) {
      await ff.control.evaluate(() => browser.permissions.remove({ origins: ['http://*/*', 'https://*/*'] }));
      expect(await mayReachServer(ff)).toBe(false);
    }

    const libA = await openExtensionPage(a, 'library.html');
    await poll(async () => (await rows(libA)) === 1, 10_000, 'the saved article is not listed on A');
    const [title] = await titles(libA);
    await setUpSync(libA);
    expect(await mayReachServer(a)).toBe(true);
    // Encrypted: the manifest, the change mark and one record, none holding the article's title.
    const stored = files(join(server.data, 'Naqi'));
    expect(stored.map((f) => f.slice(join(server.data, 'Naqi').length + 1)).sort()).toEqual([
      'naqi-changes',
      'naqi-sync.json',
      expect.stringMatching(/^records\/[0-9a-f]{32}$/),
    ]);
    for (const file of stored) expect(readFileSync(file).includes(Buffer.from(title as string))).toBe(false);

    // B: the same server and passphrase; the article arrives and opens from B's own copy.
    const libB = await openExtensionPage(b, 'library.html');
    await setUpSync(libB);
    await poll(async () => (await titles(libB)).includes(title as string), 30_000, 'the article did not arrive on B');
    const before = new Set(await b.browser.pages());
    await libB.evaluate((t) => {
      const link = [...document.querySelectorAll<HTMLElement>('.library-title')].find((e) => (e.textContent ?? '').trim() === t);
      link?.click();
    }, title as string);
    const reader = await poll(
      async () => {
        for (const p of await b.browser.pages()) {
          if (before.has(p)) continue;
          if ((await p.evaluate(() => location.href).catch(() => '')).startsWith(`${b.base}reader.html?id=`)) return p;
        }
        return undefined;
      },
      10_000,
      'the reader did not open on B',
    );
    // The images are B's stored bytes (data: URLs), not fetched from the page's site.
    const widths = await storedImageWidths(reader, 'the synced images are not shown on B');
    expect(widths.slice(0, 2)).toEqual([160, 120]);
    await reader.close();

    // B deletes it (the delete syncs by itself): its file on the server becomes a small tombstone.
    // Delete is in the row's menu ("⋯"): opened first, as a reader does.
    const mark = join(server.data, 'Naqi', 'naqi-changes');
    const markBefore = readFileSync(mark);
    const menu = await libB.$('.library-item .library-actions > summary');
    if (!menu) throw new Error('no row menu');
    await menu.click();
    await press(libB, m('libraryDelete'));
    await poll(async () => (await rows(libB)) === 0, 10_000, 'the delete did not empty B');
    const record = stored.find((f) => /records/.test(f)) as string;
    await poll(async () => statSync(record).size < 400, 30_000, 'the tombstone did not reach the server');
    // B writes the change mark after the tombstone: a sync on A between the two would not see it.
    await poll(async () => !readFileSync(mark).equals(markBefore), 30_000, 'B did not announce the delete');
    // A's "Sync now" removes it there too.
    await press(libA, m('syncNow'));
    await poll(async () => (await rows(libA)) === 0, 30_000, 'the delete did not reach A');
    await synced(libA);
    await libA.close();
    await libB.close();
  });
});
