import { EXPORT_TYPES, exportArticle, fileNameFor } from '../article/export/index.ts';
import type { Article, ExportFormat } from '../article/types.ts';
import { fetchImages, IMAGE_LIMITS, toDataUri } from '../library/images.ts';
import { imageSources } from '../library/store.ts';
import { articleDate } from '../reader/dates.ts';

export { fileNameFor };

/** Hands a text file to the browser's download, from this extension page. */
export function downloadText(fileName: string, text: string, type: string): void {
  const url = URL.createObjectURL(new Blob([text], { type: `${type};charset=utf-8` }));
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  a.click();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/**
 * Data URIs of the article's images for a file, by original src: the copies the view holds
 * (data: URIs kept in the library, blob: URLs it fetched) read back, and the rest fetched as
 * saving fetches them, without cookies or referrer, within the same limits. An image that
 * cannot be had stays out of the file, which loads nothing from the network.
 */
export async function imagesForFile(
  article: Article,
  shown: Readonly<Record<string, string>> = {},
  fetchMissing = true,
): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  const wanted: string[] = [];
  for (const src of imageSources(article)) {
    const local = shown[src];
    if (local?.startsWith('data:image/')) out[src] = local;
    else if (fetchMissing || shown[src]?.startsWith('blob:')) wanted.push(src);
  }
  const local = (src: string): string => {
    const copy = shown[src];
    return copy?.startsWith('blob:') ? copy : src;
  };
  const { images } = await fetchImages(wanted, (src, init) => fetch(local(src), init), IMAGE_LIMITS);
  for (const [src, image] of Object.entries(images)) out[src] = toDataUri(image);
  return out;
}

/**
 * One article as a file, made by the one exporter (the CLI's files are the same): the date
 * as the reader shows it, and in an HTML file the article's images as data: URIs (`images`:
 * the copies the view shows, by src; the others are fetched unless `offline`: the library
 * writes what it kept).
 */
export async function downloadArticle(
  article: Article,
  format: ExportFormat,
  images?: Readonly<Record<string, string>>,
  { offline = false }: { offline?: boolean } = {},
): Promise<void> {
  const dateText = articleDate(article);
  const files = format === 'html' ? await imagesForFile(article, images, !offline) : undefined;
  const text = exportArticle(article, format, { view: window, ...(files ? { images: files } : {}), ...(dateText ? { dateText } : {}) });
  downloadText(fileNameFor(article, format), text, EXPORT_TYPES[format]);
}
