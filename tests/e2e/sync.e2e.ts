import { cpSync, mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { launchExtension, openFixture, openPopup, shownImages, tabIdOf, type ExtensionSession } from './harness/browser.ts';
import { messagesOf } from './harness/messages.ts';
import { EXTENSION_DIR } from '../../scripts/lib/paths.ts';
import { startDavServer, type DavServer } from '../../scripts/lib/dav-servers.ts';
import { rowAction } from './shared/library-rows.ts';

/**
 * Two devices (two Chromium profiles) sync through one real WebDAV server (Apache mod_dav, then
 * rclone serve webdav, on 127.0.0.1 with a password), set up in the library page, end-to-end
 * encrypted.
 * The build under test is copied with 127.0.0.1 among its host permissions: the permission
 * the settings ask for is then already granted (headless Chromium cannot click a prompt).
 */

let server: DavServer;
let a: ExtensionSession;
let b: ExtensionSession;
const PASSPHRASE = 'عبارة مرور للاختبار';

async function libraryPage(session: ExtensionSession): Promise<Page> {
  const page = await session.context.newPage();
  await page.goto(`chrome-extension://${session.extensionId}/library.html`);
  await page.locator('.sync-panel').waitFor();
  return page;
}

/** Fills the sync settings, saves, and waits for "Last synced". */
async function setUpSync(page: Page): Promise<void> {
  const m = await messagesOf(page);
  await page.getByLabel(m('syncUrl')).fill(server.url);
  await page.getByLabel(m('syncUser')).fill(server.user);
  await page.getByLabel(m('syncPassword')).fill(server.password);
  await page.getByLabel(m('syncPassphrase')).fill(PASSPHRASE);
  await page.getByRole('button', { name: m('syncSave') }).click();
  await synced(page);
}

async function synced(page: Page): Promise<void> {
  const m = await messagesOf(page);
  const last = m('syncLast').split('$')[0] as string;
  await expect.poll(() => page.locator('.sync-status').innerText(), { timeout: 30_000 }).toContain(last);
}

describe.each(['apache', 'rclone'] as const)('sync between two browser profiles through %s', (kind) => {
  beforeAll(async () => {
    server = await startDavServer(kind);
    const dir = mkdtempSync(join(tmpdir(), 'naqi-sync-ext-'));
    cpSync(EXTENSION_DIR, dir, { recursive: true });
    const manifestPath = join(dir, 'manifest.json');
    const manifest = JSON.parse(readFileSync(manifestPath, 'utf8')) as { host_permissions?: string[] };
    manifest.host_permissions = [...(manifest.host_permissions ?? []), 'http://127.0.0.1/*'];
    writeFileSync(manifestPath, JSON.stringify(manifest));
    a = await launchExtension({ lang: 'ar', extensionDir: dir });
    b = await launchExtension({ lang: 'ar', extensionDir: dir });
  });
  afterAll(async () => {
    await a?.close();
    await b?.close();
    await server?.stop();
  });

  it('"Test connection" says a wrong password is refused and a right one works, and syncs nothing', async () => {
    const lib = await libraryPage(a);
    const m = await messagesOf(lib);
    await lib.getByLabel(m('syncUrl')).fill(server.url);
    await lib.getByLabel(m('syncUser')).fill(server.user);
    await lib.getByLabel(m('syncPassword')).fill('not-the-password');
    await lib.getByRole('button', { name: m('syncTest') }).click();
    const said = lib.locator('.sync-test');
    const failed = m('syncTestFailed').split('$')[0] as string;
    await expect.poll(() => said.innerText(), { timeout: 30_000 }).toContain(failed);
    expect(await said.innerText()).toMatch(/\(401\)/);
    await lib.getByLabel(m('syncPassword')).fill(server.password);
    await lib.getByRole('button', { name: m('syncTest') }).click();
    await expect.poll(() => said.innerText(), { timeout: 30_000 }).toBe(m('syncTestNew'));
    // Nothing synced: no folder on the server, and the settings are not saved.
    expect(readdirSync(server.data).filter((n) => n === 'Naqi')).toEqual([]);
    expect(await lib.locator('.sync-status').count()).toBe(0);
    await lib.close();
  });

  it('an article saved on A reads offline on B with its images; a delete on B is gone on A', async () => {
    // A saves an article with images (two of three kept offline).
    const page = await openFixture(a.context, 'ar-images-offline');
    const popup = await openPopup(a.context, a.extensionId, await tabIdOf(a.context, a.extensionId, page));
    const m = await messagesOf(popup);
    await popup.locator('article.reading-view').waitFor();
    await popup.getByRole('button', { name: m('save'), exact: true }).click();
    await popup.locator('.save-status').waitFor();
    await page.close();
    await popup.close();

    const libA = await libraryPage(a);
    await expect.poll(() => libA.locator('.library-item').count()).toBe(1);
    await setUpSync(libA);
    // Encrypted: no article text on the server.
    const title = await libA.locator('.library-title').first().innerText();
    const files = (dir: string): string[] =>
      readdirSync(dir).flatMap((n) => (statSync(join(dir, n)).isDirectory() ? files(join(dir, n)) : [join(dir, n)]));
    const stored = files(join(server.data, 'Naqi'));
    expect(stored.map((f) => f.slice(join(server.data, 'Naqi').length + 1)).sort()).toEqual([
      'naqi-changes',
      'naqi-sync.json',
      expect.stringMatching(/^records\/[0-9a-f]{32}$/),
    ]);
    for (const file of stored) expect(readFileSync(file).includes(Buffer.from(title))).toBe(false);

    // B: set up the same server and passphrase; the article arrives, and opens offline with its images.
    const libB = await libraryPage(b);
    await setUpSync(libB);
    await expect.poll(() => libB.locator('.library-item').count(), { timeout: 30_000 }).toBe(1);
    await expect.poll(() => libB.locator('.library-title').first().innerText(), { timeout: 30_000 }).toBe(title);
    const [reader] = await Promise.all([b.context.waitForEvent('page'), libB.locator('.library-title').first().click()]);
    await reader.locator('article.reading-view').waitFor();
    const images = await shownImages(reader, 'article.reading-view img[src]');
    expect(images.slice(0, 2)).toEqual([
      { src: 'data:image/png;base64,', w: 160 },
      { src: 'data:image/png;base64,', w: 120 },
    ]);
    await reader.close();

    // B deletes it (the delete syncs by itself); A's "Sync now" removes it there too.
    const mark = join(server.data, 'Naqi', 'naqi-changes');
    const markBefore = readFileSync(mark);
    await rowAction(libB.locator('.library-item').first(), m('libraryDelete'));
    await expect.poll(() => libB.locator('.library-item').count()).toBe(0);
    // The article's file on the server becomes its tombstone (a few hundred bytes, not kilobytes).
    const recordFile = stored.find((f) => /records/.test(f)) as string;
    await expect.poll(() => statSync(recordFile).size, { timeout: 30_000 }).toBeLessThan(400);
    // B writes the change mark after the tombstone: a sync on A between the two would not see it.
    await expect.poll(() => readFileSync(mark).equals(markBefore), { timeout: 30_000 }).toBe(false);
    await libA.getByRole('button', { name: m('syncNow') }).click();
    await expect.poll(() => libA.locator('.library-item').count(), { timeout: 30_000 }).toBe(0);

    // A changes the passphrase from the panel: the server's library is re-encrypted; B, still on
    // the old one, is told its passphrase is wrong, and syncs again once it has the new one.
    await libA.locator('.sync-panel summary').click();
    await libA.getByLabel(m('syncPassphrase')).fill('عبارة جديدة');
    await libA.getByRole('button', { name: m('syncChangePassphrase') }).click();
    await expect.poll(() => libA.locator('.library-notice').innerText(), { timeout: 30_000 }).toBe(m('syncPassphraseChanged'));
    await synced(libA);
    await libB.getByRole('button', { name: m('syncNow') }).click();
    await expect.poll(() => libB.locator('.sync-status').innerText(), { timeout: 30_000 }).toMatch(/passphrase is wrong/);
    await libA.close();
    await libB.close();
  });
});
