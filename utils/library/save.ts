/**
 * Saving an article with its images, whatever asks for it (the popup, the reader, the context
 * menu, the keyboard). Pure: the caller passes the library, the permission check and the two
 * ways to fetch (the extension's own, and the page's).
 */
import type { Article } from '../article/types.ts';
import { fetchImages, isPublicWebUrl, originPatterns, type Fetcher } from './images.ts';
import { canonicalId, entryOf, imageSources } from './derived.ts';
import type { Library } from './store.ts';
import type { LibraryRecord, StoredImage } from './schema.ts';

export interface SaveDeps {
  library: Library;
  /** Whether Naqi holds the host permission of this match pattern (`https://host/*`). */
  hasOrigin(pattern: string): Promise<boolean>;
  /** The extension's own fetch: host permissions let it past CORS. */
  fetch: Fetcher;
  /** The images the page itself can fetch (its own site, CORS hosts); none without a page. */
  fetchInPage(srcs: string[]): Promise<Record<string, StoredImage>>;
  savedAt?: number;
}

export interface SaveResult {
  record: LibraryRecord;
  /** The URL was in the library already. */
  updated: boolean;
  imagesSaved: number;
  imagesTotal: number;
  /** Hosts whose images stayed remote for want of a permission: what "Keep the images offline" asks for. */
  imageHosts: string[];
}

/**
 * Images from hosts Naqi may reach are fetched by the extension; the rest by the page; then
 * one write, which keeps images fetched by earlier saves. What neither could fetch stays
 * remote, and the result names the hosts a permission would open.
 */
export async function saveWithImages(article: Article, deps: SaveDeps): Promise<SaveResult> {
  const sources = imageSources(article);
  const held = new Map<string, boolean>();
  const patternOf = (src: string): string => originPatterns([src])[0] ?? '';
  for (const src of sources) {
    const pattern = patternOf(src);
    if (!held.has(pattern)) held.set(pattern, await deps.hasOrigin(pattern));
  }
  const fetched = await fetchImages(
    sources.filter((src) => held.get(patternOf(src))),
    deps.fetch,
  );
  const rest = sources.filter((src) => !(src in fetched.images));
  const viaPage = rest.length > 0 ? await deps.fetchInPage(rest) : {};
  const images: Record<string, StoredImage> = { ...fetched.images };
  for (const src of rest) if (viaPage[src]?.type.startsWith('image/')) images[src] = viaPage[src];

  const updated = (await deps.library.get(canonicalId(article.url))) !== undefined;
  const record = await deps.library.save(article, { images, ...(deps.savedAt !== undefined ? { savedAt: deps.savedAt } : {}) });
  const stored = new Set(Object.keys(record.images));
  const remoteHosts = new Set(sources.filter((src) => !stored.has(src)).map(patternOf));
  // Only public web hosts are ever offered: a page chooses its images' addresses.
  const publicHosts = new Set(sources.filter(isPublicWebUrl).map(patternOf));
  const imageHosts = [...held]
    .filter(([pattern, has]) => !has && remoteHosts.has(pattern) && publicHosts.has(pattern))
    .map(([pattern]) => pattern);
  return { record, updated, imagesSaved: entryOf(record).imagesSaved, imagesTotal: sources.length, imageHosts };
}
