import { existsSync, readFileSync } from 'node:fs';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import JSZip from 'jszip';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchExtension, openFixture, popupFor, serviceWorker, type ExtensionSession } from './harness/browser.ts';
import { ROOT } from '../../scripts/lib/paths.ts';

/** The Chrome zip, as a store or a user receives it: unpacked somewhere else, it loads and reads the seed article. */

const { version } = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string };
const ZIP = join(ROOT, '.output', `naqi-${version}-chrome.zip`);

let unpacked: string;
let session: ExtensionSession;
beforeAll(async () => {
  if (!existsSync(ZIP)) throw new Error(`no ${relative(ROOT, ZIP)}: run npx wxt zip (npm run test:e2e does)`);
  unpacked = await mkdtemp(join(tmpdir(), 'naqi-zip-'));
  const zip = await JSZip.loadAsync(readFileSync(ZIP));
  for (const file of Object.values(zip.files)) {
    if (file.dir) continue;
    const target = join(unpacked, file.name);
    if (relative(unpacked, target).startsWith('..')) throw new Error(`zip entry outside the folder: ${file.name}`);
    await mkdir(dirname(target), { recursive: true });
    await writeFile(target, await file.async('uint8array'));
  }
  session = await launchExtension({ lang: 'ar', extensionDir: unpacked });
});
afterAll(async () => {
  await session?.close();
  if (unpacked) await rm(unpacked, { recursive: true, force: true });
});

interface ManifestApi {
  chrome: { runtime: { getManifest: () => { version: string; manifest_version: number } } };
}

describe('the Chrome zip', () => {
  it('is a complete extension: manifest at the root, the service worker starts, the popup reads the seed article', async () => {
    const worker = await serviceWorker(session.context, session.extensionId);
    const manifest = await worker.evaluate(() => (globalThis as unknown as ManifestApi).chrome.runtime.getManifest());
    expect(manifest).toMatchObject({ version, manifest_version: 3 });

    const page = await openFixture(session.context, 'ar-enabbaladi-seed');
    const popup = await popupFor(session, page);
    const article = popup.locator('article.reading-view');
    await article.waitFor();
    expect(await article.innerText()).toContain('وتنتشر القوات الأمريكية بشكل مركز');
    expect(await article.getAttribute('dir')).toBe('rtl');
    await popup.close();
    await page.close();
  });
});
