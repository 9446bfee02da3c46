import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchExtension, openFixture, openPopup, screenshot, tabIdOf, type ExtensionSession } from './harness/browser.ts';
import { messagesOf } from './harness/messages.ts';

/** Saving from the reading view into the real IndexedDB, then finding it in the library, in Arabic. */

let session: ExtensionSession;
beforeAll(async () => {
  session = await launchExtension({ lang: 'ar' });
});
afterAll(async () => session?.close());

describe('the library', () => {
  it('saves the seed article once, finds it by a variant spelling, opens it offline, deletes and undoes', async () => {
    const page = await openFixture(session.context, 'ar-enabbaladi-seed');
    const popup = await openPopup(session.context, session.extensionId, await tabIdOf(session.context, session.extensionId, page));
    const m = await messagesOf(popup);
    await popup.locator('article.reading-view').waitFor();
    await popup.getByRole('button', { name: m('save'), exact: true }).click();
    await popup.getByText(m('saved')).waitFor();
    // Saving the same URL again updates, not duplicates.
    await popup.getByRole('button', { name: m('save'), exact: true }).click();
    await popup.getByText(m('savedAgain')).waitFor();
    await page.close();
    await popup.close();

    const library = await session.context.newPage();
    await library.goto(`chrome-extension://${session.extensionId}/library.html`);
    const title = 'التحالف يؤكد استمرار عملياته العسكرية في سوريا';
    await library.getByText(title).waitFor();
    expect(await library.locator('.library-item').count()).toBe(1);

    // «يوكد» without hamza and «العسكريه» with haa still find «يؤكد … العسكرية».
    const search = library.getByRole('searchbox');
    await search.fill('يوكد العسكريه');
    await expect.poll(() => library.locator('.library-item').count()).toBe(1);
    await search.fill('لا يوجد هذا النص');
    await expect.poll(() => library.locator('.library-item').count()).toBe(0);
    await search.fill('');

    // Open it in the reader from the library: the text comes from IndexedDB, not the page.
    const [reader] = await Promise.all([session.context.waitForEvent('page'), library.getByText(title).click()]);
    await reader.locator('article.reading-view').waitFor();
    expect(await reader.locator('article.reading-view').innerText()).toContain('وتنتشر القوات الأمريكية بشكل مركز');

    // Download it as one self-contained HTML file and open that file from disk.
    const [download] = await Promise.all([reader.waitForEvent('download'), reader.getByRole('button', { name: m('exportHtml') }).click()]);
    expect(download.suggestedFilename()).toMatch(/\.html$/);
    const file = join(mkdtempSync(join(tmpdir(), 'naqi-export-')), download.suggestedFilename());
    await download.saveAs(file);
    const html = readFileSync(file, 'utf8');
    expect(html).toMatch(/<html lang="ar" dir="rtl">/);
    expect(html).not.toMatch(/<script/i);
    const offline = await session.context.newPage();
    await offline.goto(pathToFileURL(file).href);
    expect(await offline.locator('body').innerText()).toContain('وتنتشر القوات الأمريكية بشكل مركز');
    expect(await offline.evaluate(() => getComputedStyle(document.querySelector('h1') as Element).direction)).toBe('rtl');
    await screenshot(offline, 'export-seed-offline');
    await offline.close();
    await reader.close();

    await library.getByRole('button', { name: m('libraryDelete') }).click();
    await expect.poll(() => library.locator('.library-item').count()).toBe(0);
    await library.getByRole('button', { name: m('libraryUndo') }).click();
    await expect.poll(() => library.locator('.library-item').count()).toBe(1);
    await library.close();
  });
});
