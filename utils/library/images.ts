/**
 * Fetching an article's images at save time, so it reads offline. Pure: the caller passes the
 * fetch to use (the background's, which host permissions let through, or the page's own).
 */
import { bytesToBase64 } from './base64.ts';
import type { StoredImage } from './store.ts';

/**
 * Bounds per article: news images are 50–500 KB; 8 MB stops a stray video poster or a print
 * scan, and 40 images / 40 MB keep one save within a few seconds and the library sane.
 */
export const IMAGE_LIMITS = { maxImages: 40, maxBytes: 8 * 1024 * 1024, maxTotalBytes: 40 * 1024 * 1024, timeoutMs: 15_000 };

export type Fetcher = (src: string, init: RequestInit) => Promise<Response>;

export interface FetchedImages {
  images: Record<string, StoredImage>;
  /** Sources that could not be kept (network, not an image, too large, over the limits). */
  failed: string[];
}

/** Match patterns of the origins of some URLs, for `permissions.request/contains`. */
export function originPatterns(srcs: readonly string[]): string[] {
  const out = new Set<string>();
  for (const src of srcs) {
    try {
      const url = new URL(src);
      if (url.protocol === 'http:' || url.protocol === 'https:') out.add(`${url.protocol}//${url.hostname}/*`);
    } catch {
      // not a URL: nothing to ask for
    }
  }
  return [...out];
}

async function fetchOne(src: string, fetcher: Fetcher, limits: typeof IMAGE_LIMITS): Promise<StoredImage | null> {
  const controller = new AbortController();
  let timer: ReturnType<typeof setTimeout> | undefined;
  // The abort stops a real fetch; the race also ends a host that ignores it.
  const timeout = new Promise<null>((resolve) => {
    timer = setTimeout(() => (controller.abort(), resolve(null)), limits.timeoutMs);
  });
  const load = async (): Promise<StoredImage | null> => {
    // No cookies and no referrer: saving an article tells the image host nothing about the reader.
    const response = await fetcher(src, { credentials: 'omit', referrerPolicy: 'no-referrer', signal: controller.signal });
    if (!response.ok) return null;
    const type = (response.headers.get('content-type') ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
    if (!type.startsWith('image/')) return null;
    if (Number(response.headers.get('content-length') ?? 0) > limits.maxBytes) return null;
    const bytes = new Uint8Array(await response.arrayBuffer());
    return bytes.byteLength > 0 && bytes.byteLength <= limits.maxBytes ? { type, bytes } : null;
  };
  try {
    return await Promise.race([load().catch(() => null), timeout]);
  } finally {
    clearTimeout(timer);
  }
}

/** Fetches images (four at a time), keeping those that arrive as images within the limits. */
export async function fetchImages(srcs: readonly string[], fetcher: Fetcher, limits = IMAGE_LIMITS): Promise<FetchedImages> {
  const images: Record<string, StoredImage> = {};
  const failed: string[] = srcs.slice(limits.maxImages);
  const queue = srcs.slice(0, limits.maxImages);
  let total = 0;
  const worker = async (): Promise<void> => {
    for (let src = queue.shift(); src !== undefined; src = queue.shift()) {
      const image = await fetchOne(src, fetcher, limits);
      if (image && total + image.bytes.byteLength <= limits.maxTotalBytes) {
        total += image.bytes.byteLength;
        images[src] = image;
      } else failed.push(src);
    }
  };
  await Promise.all(Array.from({ length: 4 }, worker));
  return { images, failed };
}

/** A data: URI of a stored image, for the offline reader and the exported HTML file. */
export function toDataUri(image: StoredImage): string {
  return `data:${image.type};base64,${bytesToBase64(image.bytes)}`;
}

/** Data URIs of all stored images of a record, by original src. */
export function dataUris(images: Record<string, StoredImage>): Record<string, string> {
  return Object.fromEntries(Object.entries(images).map(([src, image]) => [src, toDataUri(image)]));
}
