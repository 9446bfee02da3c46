import naskh400 from '@fontsource/noto-naskh-arabic/files/noto-naskh-arabic-arabic-400-normal.woff2?url';
import naskh700 from '@fontsource/noto-naskh-arabic/files/noto-naskh-arabic-arabic-700-normal.woff2?url';
import { EXPORT_TYPES, exportArticle, fileNameFor, usesArabicFace, type EmbeddedFont } from '../article/export/index.ts';
import type { Article, ExportFormat } from '../article/types.ts';
import { bytesToBase64 } from '../library/base64.ts';
import { fetchImages, IMAGE_LIMITS, toDataUri } from '../library/images.ts';
import { imageSources } from '../library/derived.ts';
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
  // The view's blob: copy of an image is read back rather than fetched from its site again.
  const blobOf = (src: string): string | undefined => (shown[src]?.startsWith('blob:') ? shown[src] : undefined);
  for (const src of imageSources(article)) {
    const copy = shown[src];
    if (copy?.startsWith('data:image/')) out[src] = copy;
    else if (fetchMissing || blobOf(src)) wanted.push(src);
  }
  const { images } = await fetchImages(wanted, (src, init) => fetch(blobOf(src) ?? src, init), IMAGE_LIMITS);
  for (const [src, image] of Object.entries(images)) out[src] = toDataUri(image);
  return out;
}

let face: Promise<EmbeddedFont[]> | undefined;
/** The Arabic face from the extension's own package, for the file to carry (export/fonts.ts). */
function arabicFace(): Promise<EmbeddedFont[]> {
  const read = async (weight: 400 | 700, url: string): Promise<EmbeddedFont> => {
    const bytes = new Uint8Array(await (await fetch(url)).arrayBuffer());
    return { weight, data: `data:font/woff2;base64,${bytesToBase64(bytes)}` };
  };
  face ??= Promise.all([read(400, naskh400), read(700, naskh700)]).catch(() => []);
  return face;
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
  const html = format === 'html';
  const [files, fonts] = await Promise.all([
    html ? imagesForFile(article, images, !offline) : undefined,
    html && usesArabicFace(article) ? arabicFace() : undefined,
  ]);
  const text = exportArticle(article, format, {
    view: window,
    ...(files ? { images: files } : {}),
    ...(fonts ? { fonts } : {}),
    ...(dateText ? { dateText } : {}),
  });
  downloadText(fileNameFor(article, format), text, EXPORT_TYPES[format]);
}
