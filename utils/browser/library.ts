import { browser } from '#imports';
import type { Article } from '../article/types.ts';
import type { SaveReport } from '../reader/state.ts';
import { requestArticle } from './article-source.ts';
import { t } from './i18n.ts';
import { sendToBackground, sendToTab, type PageImages, type SaveOutcome } from './messaging.ts';
import { base64ToBytes } from '../library/base64.ts';
import { isPublicWebUrl } from '../library/images.ts';
import { saveWithImages } from '../library/save.ts';
import { openLibrary, type Library } from '../library/store.ts';
import type { StoredImage } from '../library/schema.ts';
import { quietly } from './quietly.ts';

/** The library of this extension's origin, shared by the popup, the reader and library.html. */
export function openExtensionLibrary(): Promise<Library> {
  return openLibrary(indexedDB);
}

export async function withLibrary<T>(work: (library: Library) => Promise<T>): Promise<T> {
  const library = await openExtensionLibrary();
  try {
    return await work(library);
  } finally {
    library.close();
  }
}

/** Saves from an extension page through the background, which fetches what images it can. */
export async function saveFromPage(article: Article, tabId: number | undefined): Promise<SaveReport> {
  return report(await sendToBackground('library/save', { article, ...(tabId !== undefined ? { tabId } : {}) }));
}

/**
 * "Keep the images offline": must be called in the click handler, before any await, as the
 * browser asks for a permission only during the reader's gesture. Asks for the image hosts
 * that were missing, then saves again; says plainly when the reader declines.
 */
export function saveImagesFromPage(article: Article, tabId: number | undefined, hosts: string[]): Promise<SaveReport> {
  // Never more than public web hosts, whatever the caller passed.
  const origins = hosts.filter((pattern) => isPublicWebUrl(pattern.replace(/\*$/, '')));
  const asked =
    origins.length > 0 ? browser.permissions.request({ origins }).catch(quietly(false, 'permissions.request')) : Promise.resolve(false);
  return asked.then(async (granted) => {
    const outcome = await sendToBackground('library/save', { article, ...(tabId !== undefined ? { tabId } : {}) });
    return report(outcome.ok && !granted ? { ...outcome, imagesDeclined: true } : outcome);
  });
}

function report(outcome: SaveOutcome): SaveReport {
  return { message: describeSave(outcome), imageHosts: outcome.ok && !outcome.imagesDeclined ? outcome.imageHosts : [] };
}

/** What a save outcome says to the reader. */
export function describeSave(outcome: SaveOutcome): string {
  if (!outcome.ok) return t('saveFailed', outcome.message);
  const head = t(outcome.updated ? 'savedAgain' : 'saved');
  const { imagesSaved, imagesTotal, imagesDeclined } = outcome;
  if (imagesTotal === 0 || imagesSaved === imagesTotal) return head;
  const missing = String(imagesTotal - imagesSaved);
  return `${head} — ${t(imagesDeclined ? 'savedImagesDeclined' : 'savedImagesFailed', [missing, String(imagesTotal)])}`;
}

async function hasOrigin(pattern: string): Promise<boolean> {
  return browser.permissions.contains({ origins: [pattern] }).catch(quietly(false, 'permissions.contains'));
}

function fromPage(result: PageImages | undefined): Record<string, StoredImage> {
  const out: Record<string, StoredImage> = {};
  for (const [src, image] of Object.entries(result?.images ?? {})) {
    const bytes = base64ToBytes(image.data);
    if (bytes && image.type.startsWith('image/')) out[src] = { type: image.type, bytes };
  }
  return out;
}

/**
 * The background's save: the article (the tab's own when none is given), its images fetched
 * where the host permission allows, the rest by the page itself (its own and CORS images),
 * and one write. Images that neither could fetch stay remote, and the outcome says so.
 */
export async function saveInBackground(request: { article: Article | null; tabId?: number }): Promise<SaveOutcome> {
  try {
    let article = request.article;
    const { tabId } = request;
    if (!article) {
      if (tabId === undefined) return { ok: false, message: t('readerErrorNoTab') };
      const state = await requestArticle(tabId, undefined, true);
      if (state.kind !== 'ready')
        return {
          ok: false,
          message: t(state.kind === 'error' ? state.message : state.kind === 'restricted' ? 'popupRestricted' : 'readerErrorNotArticle'),
        };
      article = state.article;
    }
    const saved = article;
    const result = await withLibrary((library) =>
      saveWithImages(saved, {
        library,
        hasOrigin,
        fetch: (src, init) => fetch(src, init),
        // Only the article's own page may fetch for it: a tab that moved on to another site refuses (issue 12).
        fetchInPage: async (srcs) =>
          tabId === undefined
            ? {}
            : fromPage(await sendToTab(tabId, 'page/images', { srcs, articleUrl: saved.url }).catch(quietly(undefined, 'page/images'))),
      }),
    );
    const { updated, imagesSaved, imagesTotal, imageHosts } = result;
    return { ok: true, updated, title: saved.title, imagesSaved, imagesTotal, imageHosts, imagesDeclined: false };
  } catch (error) {
    return { ok: false, message: error instanceof Error ? error.message : String(error) };
  }
}
