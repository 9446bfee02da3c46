/**
 * Fetching an article's images at save time, so it reads offline. Pure: the caller passes the
 * fetch to use (the background's, which host permissions let through, or the page's own).
 */
import { bytesToBase64 } from './base64.ts';
import type { StoredImage } from './schema.ts';

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

// Names that only mean something on the reader's own network (RFC 6761, 6762, 8375; common
// router and intranet suffixes); a name without a dot is an intranet host.
const LOCAL_NAME = /(?:^|\.)(?:localhost|local|localdomain|internal|intranet|lan|home|corp|private|home\.arpa)\.?$/i;

/** Whether an IPv4 address (four decimal parts, as the URL parser writes it) is on the public internet. */
function isPublicIpv4(host: string): boolean {
  const [a = 0, b = 0] = host.split('.').map(Number);
  return !(
    a === 0 ||
    a === 10 ||
    a === 127 || // this network, private, loopback
    (a === 100 && b >= 64 && b <= 127) || // carrier-grade NAT
    (a === 169 && b === 254) || // link-local
    (a === 172 && b >= 16 && b <= 31) ||
    (a === 192 && b === 168) ||
    (a === 192 && b === 0) ||
    (a === 198 && (b === 18 || b === 19)) || // IETF, benchmarking
    a >= 224 // multicast, reserved, broadcast
  );
}

/** Whether an IPv6 address (in brackets, as the URL parser writes it) is on the public internet. */
function isPublicIpv6(host: string): boolean {
  const ip = host.slice(1, -1).toLowerCase();
  if (ip === '::' || ip === '::1') return false;
  // IPv4-mapped or -translated: judge the IPv4 address in it.
  const mapped = /^::ffff:(?:0:)?([0-9a-f]{1,4}):([0-9a-f]{1,4})$/.exec(ip);
  if (mapped) {
    const hi = parseInt(mapped[1] ?? '0', 16);
    const lo = parseInt(mapped[2] ?? '0', 16);
    return isPublicIpv4(`${hi >> 8}.${hi & 255}.${lo >> 8}.${lo & 255}`);
  }
  // Unique local fc00::/7, link-local fe80::/10, site-local fec0::/10, multicast ff00::/8.
  return !/^(?:f[cd]|fe[89ab]|fe[c-f]|ff)/.test(ip);
}

/** Whether two URLs have one origin (scheme, host and port); false when either is not a URL. */
export function isSameOrigin(a: string, b: string): boolean {
  try {
    const origin = new URL(a).origin;
    return origin !== 'null' && origin === new URL(b).origin;
  } catch {
    return false;
  }
}

/** The host of a URL as a reader would name it (no `www.`), or the URL itself when it has none. */
export function hostOf(url: string): string {
  try {
    return new URL(url).hostname.replace(/^www\./, '') || url;
  } catch {
    return url;
  }
}

/**
 * Whether a URL's host is a public web host, one Naqi may ask the reader to open to it:
 * never a private, loopback, link-local or local-network address or name, which a page could
 * name to have the reader hand Naqi their router or intranet (issue 12).
 */
export function isPublicWebUrl(src: string): boolean {
  let url: URL;
  try {
    url = new URL(src);
  } catch {
    return false;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return false;
  const host = url.hostname;
  if (host.startsWith('[')) return isPublicIpv6(host);
  if (/^\d+\.\d+\.\d+\.\d+$/.test(host)) return isPublicIpv4(host);
  return host.includes('.') && !LOCAL_NAME.test(host);
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

/**
 * Fetches images (four at a time), keeping those that arrive as images within the limits;
 * `onImage` hears of each one as it is kept (the reading view shows them as they come).
 */
export async function fetchImages(
  srcs: readonly string[],
  fetcher: Fetcher,
  limits = IMAGE_LIMITS,
  onImage?: (src: string, image: StoredImage) => void,
): Promise<FetchedImages> {
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
        onImage?.(src, image);
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
