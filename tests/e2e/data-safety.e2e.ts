import { cp, mkdtemp, readFile, readlink, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BACKUP_FORMAT, BACKUP_VERSION, type BackupFile, type BackupRecord } from '../../utils/library/backup.ts';
import { launchExtension, openFixture, popupFor, saveFromPopup, serviceWorker, type ExtensionSession } from './harness/browser.ts';
import { messagesOf } from './harness/messages.ts';
import { EXTENSION_DIR } from '../../scripts/lib/paths.ts';
import { articleRecord } from '../../scripts/lib/library-records.ts';
import { extractArticle } from '../../utils/article/extract.ts';
import { normalizeText } from '../../utils/article/text.ts';
import { loadFixture } from '../unit/helpers/fixtures.ts';

/** The library survives what happens to a real install: an update of the extension, a crash in the middle of an import. */

const SEED_TITLE = 'التحالف يؤكد استمرار عملياته العسكرية في سوريا';
const SEED_TEXT = 'وتنتشر القوات الأمريكية بشكل مركز';

let root: string;
beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'naqi-data-safety-'));
});
afterAll(async () => {
  if (root) await rm(root, { recursive: true, force: true });
});

async function openLibraryPage(context: BrowserContext, extensionId: string): Promise<Page> {
  const page = await context.newPage();
  await page.goto(`chrome-extension://${extensionId}/library.html`);
  await page.locator('main.library-page').waitFor();
  return page;
}

/** Records in the library's IndexedDB, read by the library page's own origin. */
function countRecords(page: Page): Promise<number> {
  return page.evaluate(
    () =>
      new Promise<number>((resolve, reject) => {
        const open = indexedDB.open('naqi-library');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const db = open.result;
          const count = db.transaction('articles').objectStore('articles').count();
          count.onsuccess = () => (db.close(), resolve(count.result));
          count.onerror = () => reject(count.error);
        };
      }),
  );
}

interface RuntimeApi {
  chrome: { runtime: { getManifest: () => { version: string }; reload: () => void } };
}

/** chrome://extensions' own API, what its developer-mode switch calls. */
interface DeveloperApi {
  chrome: { developerPrivate: { updateProfileConfiguration: (update: { inDeveloperMode: boolean }, done: () => void) => void } };
}

/** The extension's version as its running service worker reports it, once that is `version`. */
async function runningVersion(session: ExtensionSession, version: string): Promise<string> {
  let seen = '';
  for (const deadline = Date.now() + 10_000; Date.now() < deadline && seen !== version;) {
    // While Chrome swaps the builds the extension is briefly gone: its pages are refused.
    const worker = await serviceWorker(session.context, session.extensionId).catch(() => undefined);
    seen = (await worker?.evaluate(() => (globalThis as unknown as RuntimeApi).chrome.runtime.getManifest().version).catch(() => '')) ?? '';
    if (seen !== version) await new Promise((r) => setTimeout(r, 200));
  }
  return seen;
}

async function expectSeedInLibrary(session: ExtensionSession): Promise<void> {
  const library = await openLibraryPage(session.context, session.extensionId);
  await library.getByText(SEED_TITLE).waitFor();
  expect(await library.locator('.library-item').count()).toBe(1);
  const [reader] = await Promise.all([session.context.waitForEvent('page'), library.getByText(SEED_TITLE).click()]);
  await reader.locator('article.reading-view').waitFor();
  expect(await reader.locator('article.reading-view').innerText()).toContain(SEED_TEXT);
  await reader.close();
  await library.close();
}

describe('an update of the extension', () => {
  it('keeps the library: the newer build takes over in place, and after a browser restart, the saved article is still listed and opens', async () => {
    // An unpacked extension updates when its folder gets a newer build: same path (so same id), higher version.
    const extensionDir = join(root, 'update', 'extension');
    const userDataDir = join(root, 'update', 'profile');
    await cp(EXTENSION_DIR, extensionDir, { recursive: true });
    const manifestFile = join(extensionDir, 'manifest.json');
    const manifest = JSON.parse(await readFile(manifestFile, 'utf8')) as { version: string };
    const parts = manifest.version.split('.').map(Number);
    const newVersion = [...parts.slice(0, -1), (parts.at(-1) ?? 0) + 1].join('.');

    let session = await launchExtension({ lang: 'ar', extensionDir, userDataDir });
    const firstId = session.extensionId;
    try {
      const page = await openFixture(session.context, 'ar-enabbaladi-seed');
      const popup = await popupFor(session, page);
      const m = await saveFromPopup(popup);
      await popup.getByText(m('saved')).waitFor();
      await popup.close();
      await page.close();

      // Chromium reloads an unpacked extension only in developer mode (else it disables it), as on chrome://extensions.
      const extensionsPage = await session.context.newPage();
      await extensionsPage.goto('chrome://extensions');
      await extensionsPage.evaluate(
        () =>
          new Promise<void>((resolve) =>
            (globalThis as unknown as DeveloperApi).chrome.developerPrivate.updateProfileConfiguration({ inDeveloperMode: true }, resolve),
          ),
      );
      await extensionsPage.close();

      await rm(extensionDir, { recursive: true });
      await cp(EXTENSION_DIR, extensionDir, { recursive: true });
      await writeFile(manifestFile, JSON.stringify({ ...manifest, version: newVersion }));
      // What Chrome does when an update arrives: reload the extension from its files (onInstalled: 'update').
      const worker = await serviceWorker(session.context, session.extensionId);
      await worker.evaluate(() => (globalThis as unknown as RuntimeApi).chrome.runtime.reload()).catch(() => undefined);
      expect(await runningVersion(session, newVersion)).toBe(newVersion);
      await expectSeedInLibrary(session);
    } finally {
      await session.close();
    }

    // And across a restart of the browser on the same profile.
    session = await launchExtension({ lang: 'ar', extensionDir, userDataDir });
    try {
      expect(session.extensionId).toBe(firstId);
      expect(await runningVersion(session, newVersion)).toBe(newVersion);
      await expectSeedInLibrary(session);
    } finally {
      await session.close();
    }
  });
});

/** A backup of `count` distinct articles, each about 14 kB of Arabic text, as library.html exports them. */
function backupOf(count: number, prefix: string): BackupFile {
  const paragraph =
    'وأكد المتحدث باسم التحالف أن العمليات العسكرية مستمرة في المنطقة، وأن القوات تعمل على تأمين الطرق الرئيسية بين المدن. ';
  const records: BackupRecord[] = Array.from({ length: count }, (_, i) => {
    const url = `https://news.example/${prefix}/${String(i).padStart(5, '0')}`;
    const paragraphs = Array.from({ length: 12 }, (_, p) => `${paragraph.repeat(4)}(${i}-${p})`);
    return articleRecord({
      url,
      title: `${prefix} ${i}: تقرير عن العمليات`,
      siteName: 'أخبار',
      lang: 'ar',
      paragraphs,
      savedAt: 1_700_000_000_000 + i,
    });
  });
  return { format: BACKUP_FORMAT, version: BACKUP_VERSION, exportedAt: new Date(0).toISOString(), records };
}

describe('a crash in the middle of an import', () => {
  let session: ExtensionSession | undefined;
  afterAll(async () => session?.close());

  it('leaves the library as it was or with the whole backup, never part of it, and the import can be run again', async () => {
    const N = 1_500;
    const before = join(root, 'before.json');
    const big = join(root, 'big.json');
    await writeFile(before, JSON.stringify(backupOf(3, 'before')));
    await writeFile(big, JSON.stringify(backupOf(N, 'big')));
    const userDataDir = join(root, 'crash-profile');

    session = await launchExtension({ lang: 'ar', userDataDir });
    let library = await openLibraryPage(session.context, session.extensionId);
    const m = await messagesOf(library);
    const imported = (added: number, updated: number): string =>
      m('libraryImported').replace('$ADDED$', String(added)).replace('$UPDATED$', String(updated));
    await library.getByLabel(m('libraryImport')).setInputFiles(before);
    await library.getByText(imported(3, 0)).waitFor();
    expect(await countRecords(library)).toBe(3);

    // Watch the page's own IndexedDB calls. Halfway through the puts, the page says so and
    // stops in place (a busy loop), so the browser dies with the import surely mid-way: an
    // import written in several transactions would have committed some of them by then.
    const half = Math.floor(N / 2);
    await library.evaluate((halfway) => {
      const state = { puts: 0, committed: false };
      Object.assign(globalThis, { naqiImport: state });
      const transaction = IDBDatabase.prototype.transaction;
      IDBDatabase.prototype.transaction = function (this: IDBDatabase, ...args: Parameters<typeof transaction>) {
        const tx = transaction.apply(this, args);
        if (args[1] === 'readwrite') tx.addEventListener('complete', () => (state.committed = true));
        return tx;
      } as typeof transaction;
      const put = IDBObjectStore.prototype.put;
      IDBObjectStore.prototype.put = function (this: IDBObjectStore, ...args: Parameters<typeof put>) {
        if (++state.puts === halfway) {
          console.log(`naqi-import-halfway ${JSON.stringify(state)}`);
          for (const end = Date.now() + 20_000; Date.now() < end;);
        }
        return put.apply(this, args);
      };
    }, half);
    const started = Date.now();
    const halfway = library.waitForEvent('console', { predicate: (msg) => msg.text().startsWith('naqi-import-halfway'), timeout: 60_000 });
    await library.getByLabel(m('libraryImport')).setInputFiles(big);
    const atCrash = JSON.parse((await halfway).text().split(' ')[1] ?? '{}') as { puts: number; committed: boolean };
    // The browser dies as in a crash or a power cut: SIGKILL, no unload, no shutdown.
    // Chrome's profile lock names its process: "<host>-<pid>".
    const pid = Number((await readlink(join(userDataDir, 'SingletonLock'))).split('-').at(-1));
    process.kill(pid, 'SIGKILL');
    const crashedAfter = Date.now() - started;
    await session.close();
    expect(atCrash).toEqual({ puts: half, committed: false });

    session = await launchExtension({ lang: 'ar', userDataDir });
    library = await openLibraryPage(session.context, session.extensionId);
    const after = await countRecords(library);
    const outcome = after === 3 ? 'none' : after === 3 + N ? 'all' : `part (${after - 3} of ${N})`;
    // Killed before its commit, a single-transaction import keeps nothing.
    console.info(
      `[data-safety] browser killed ${crashedAfter} ms into the import, ${atCrash.puts} puts issued, committed: ${atCrash.committed}; the library kept ${outcome} of the import`,
    );
    expect(outcome).toBe('none');
    // What was there before is intact and listed.
    await library.getByRole('searchbox').fill('before');
    for (let i = 0; i < 3; i++) await library.getByText(`before ${i}: تقرير عن العمليات`).waitFor();
    await library.getByRole('searchbox').fill('');

    // The same file imports completely afterwards.
    await library.getByLabel(m('libraryImport')).setInputFiles(big);
    await library.getByText(imported(N, 0)).waitFor();
    expect(await countRecords(library)).toBe(3 + N);
  });
});

describe('a library written by an earlier version of Naqi', () => {
  it('schema v1 (one store, records with searchText) opens in this version: listed, searchable, readable offline, images kept', async () => {
    // Real data: articles extracted from fixture pages, stored exactly as v1 stored them.
    const slugs = ['ar-enabbaladi-seed', 'he-walla-break-3648139', 'fa-khabaronline-election-2020'];
    const v1Records = slugs.map((slug, i) => {
      const { doc, expected } = loadFixture(slug);
      const article = extractArticle(doc, expected.url);
      if (!article) throw new Error(`no article in ${slug}`);
      const images = i === 0 && article.leadImage ? { [article.leadImage.src]: { type: 'image/png', bytes: Array.from(PNG) } } : {};
      return {
        id: article.url,
        url: article.url,
        article,
        savedAt: Date.UTC(2025, 0, 1 + i),
        firstSavedAt: Date.UTC(2025, 0, 1 + i),
        searchText: normalizeText(`${article.title} ${article.textContent}`),
        images,
      };
    });
    const session = await launchExtension({ lang: 'ar' });
    try {
      // An extension page that does not open the library, to write the v1 database by hand.
      const page = await session.context.newPage();
      await page.goto(`chrome-extension://${session.extensionId}/reader.html`);
      await page.evaluate(
        (records) =>
          new Promise<void>((resolve, reject) => {
            const open = indexedDB.open('naqi-library', 1);
            open.onupgradeneeded = () => open.result.createObjectStore('articles', { keyPath: 'id' }).createIndex('savedAt', 'savedAt');
            open.onerror = () => reject(open.error);
            open.onsuccess = () => {
              const tx = open.result.transaction('articles', 'readwrite');
              for (const r of records) {
                const images = Object.fromEntries(
                  Object.entries(r.images).map(([src, im]) => [src, { type: im.type, bytes: new Uint8Array(im.bytes) }]),
                );
                tx.objectStore('articles').put({ ...r, images });
              }
              tx.oncomplete = () => (open.result.close(), resolve());
              tx.onerror = () => reject(tx.error);
            };
          }),
        v1Records,
      );
      await page.close();

      const library = await openLibraryPage(session.context, session.extensionId);
      await expect.poll(() => library.locator('.library-item').count()).toBe(3);
      // Newest first, as v1 listed them.
      await expect
        .poll(() => library.locator('.library-title').allInnerTexts())
        .toEqual([...v1Records].reverse().map((r) => r.article.title));
      await library.getByRole('searchbox').fill('يوكد العسكريه');
      await expect.poll(() => library.locator('.library-item').count()).toBe(1);
      const [reader] = await Promise.all([session.context.waitForEvent('page'), library.getByText(SEED_TITLE).click()]);
      await reader.locator('article.reading-view').waitFor();
      expect(await reader.locator('article.reading-view').innerText()).toContain(SEED_TEXT);
      // The lead image v1 kept is shown from the library, not fetched.
      expect(await reader.locator('.reading-lead img').getAttribute('src')).toMatch(/^data:image\/png;base64,/);
      await reader.close();
      const schema = await library.evaluate(
        () =>
          new Promise<{ version: number; stores: string[]; searchText: boolean }>((resolve) => {
            const open = indexedDB.open('naqi-library');
            open.onsuccess = () => {
              const db = open.result;
              const get = db.transaction('articles').objectStore('articles').getAll();
              get.onsuccess = () => {
                resolve({
                  version: db.version,
                  stores: [...db.objectStoreNames],
                  searchText: get.result.some((r: object) => 'searchText' in r),
                });
                db.close();
              };
            };
          }),
      );
      expect(schema).toEqual({ version: 3, stores: ['articles', 'entries', 'meta', 'search', 'tombstones'], searchText: false });
      await library.close();
    } finally {
      await session.close();
    }
  });
});

/** A 1×1 PNG. */
const PNG = Uint8Array.from(atob('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg=='), (c) =>
  c.charCodeAt(0),
);
