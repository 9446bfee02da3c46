import { browser } from '#imports';
import type { Article } from '../article/types.ts';
import { requestArticle } from '../article-source.ts';
import { t } from '../i18n.ts';
import { sendToBackground, sendToTab, type PageImages, type SaveOutcome } from '../messaging.ts';
import { base64ToBytes } from './base64.ts';
import { fetchImages, originPatterns } from './images.ts';
import { canonicalId, entryOf, imageSources, openLibrary, type Library, type StoredImage } from './store.ts';

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

/**
 * Called in the click handler of a Save button, before any await: the browser asks for a
 * permission only during the user's gesture. Asks for the image hosts of this article, so
 * the background can fetch them; resolves false when the reader declines.
 */
export function requestImageHosts(article: Article): Promise<boolean> {
  const origins = originPatterns(imageSources(article));
  if (origins.length === 0) return Promise.resolve(true);
  return browser.permissions.request({ origins }).catch(() => false);
}

/** Saves from an extension page: asks for the image hosts, then lets the background save. */
export async function saveFromPage(article: Article, tabId: number | undefined): Promise<SaveOutcome> {
  const granted = await requestImageHosts(article);
  return sendToBackground('library/save', { article, ...(tabId !== undefined ? { tabId } : {}), imagesDeclined: !granted });
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
  return browser.permissions.contains({ origins: [pattern] }).catch(() => false);
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
export async function saveInBackground(request: { article: Article | null; tabId?: number; imagesDeclined?: boolean }): Promise<SaveOutcome> {
  try {
    let article = request.article;
    if (!article) {
      if (request.tabId === undefined) return { ok: false, message: t('readerErrorNoTab') };
      const state = await requestArticle(request.tabId, undefined, true);
      if (state.kind !== 'ready') return { ok: false, message: t(state.kind === 'error' ? state.message : state.kind === 'restricted' ? 'popupRestricted' : 'readerErrorNotArticle') };
      article = state.article;
    }
    const sources = imageSources(article);
    const permitted: string[] = [];
    const byOrigin = new Map<string, boolean>();
    for (const src of sources) {
      const pattern = originPatterns([src])[0] ?? '';
      if (!byOrigin.has(pattern)) byOrigin.set(pattern, await hasOrigin(pattern));
      if (byOrigin.get(pattern)) permitted.push(src);
    }
    const fetched = await fetchImages(permitted, (src, init) => fetch(src, init));
    const rest = sources.filter((src) => !(src in fetched.images));
    const viaPage =
      rest.length > 0 && request.tabId !== undefined ? fromPage(await sendToTab(request.tabId, 'page/images', { srcs: rest }).catch(() => undefined)) : {};
    const images = { ...fetched.images, ...viaPage };
    const { updated, record } = await withLibrary(async (library) => {
      const existed = (await library.get(canonicalId(article.url))) !== undefined;
      return { updated: existed, record: await library.save(article, { images }) };
    });
    const imagesSaved = entryOf(record).imagesSaved;
    const declined = request.imagesDeclined ?? permitted.length < sources.length;
    return { ok: true, updated, title: article.title, imagesSaved, imagesTotal: sources.length, imagesDeclined: declined && imagesSaved < sources.length };
  } catch (error) {
    return { ok: false, message: error instanceof Error ? error.message : String(error) };
  }
}
