import { useEffect, useMemo, useState } from 'preact/hooks';
import type { Article } from '../article/types.ts';
import { fetchImages, IMAGE_LIMITS } from '../library/images.ts';
import { imageSources } from '../library/derived.ts';

/**
 * An extension page never lets the browser load an article's image itself: an extension page
 * with host access is first-party to every site, so `<img src>` there carried the reader's
 * SameSite=Lax and Strict cookies to whatever host a hostile article named, and gave trackers
 * first-party identity (issue 12). Images are fetched here without cookies or referrer, as
 * saving fetches them, and shown from blob: URLs; the sanitiser leaves any image without a
 * local copy with no address at all.
 */

/** A reading view shows more images than one save keeps, within memory a popup can spare. */
const VIEW_LIMITS = { ...IMAGE_LIMITS, maxImages: 120, maxTotalBytes: 120 * 1024 * 1024 };
/** Images arriving within this many ms are shown together (one sanitising pass each time). */
const BATCH_MS = 60;

/**
 * Local copies of the article's images, by original src: `stored` (data: URIs kept in the
 * library) and blob: URLs of the rest, fetched with `credentials: 'omit'` and no referrer,
 * added as they arrive and revoked when the article changes or the view goes away.
 */
export function useLocalImages(
  article: Pick<Article, 'leadImage' | 'contentHtml'> | undefined,
  stored?: Readonly<Record<string, string>>,
): Readonly<Record<string, string>> {
  const [fetched, setFetched] = useState<Readonly<Record<string, string>>>({});
  useEffect(() => {
    setFetched({});
    if (!article) return undefined;
    const wanted = imageSources(article).filter((src) => !stored?.[src]);
    if (wanted.length === 0) return undefined;
    let live = true;
    const urls: string[] = [];
    let pending: Record<string, string> = {};
    let timer: ReturnType<typeof setTimeout> | undefined;
    const flush = (): void => {
      timer = undefined;
      const batch = pending;
      pending = {};
      if (live) setFetched((current) => ({ ...current, ...batch }));
    };
    void fetchImages(
      wanted,
      (src, init) => fetch(src, init),
      VIEW_LIMITS,
      (src, image) => {
        if (!live) return;
        const url = URL.createObjectURL(new Blob([image.bytes as Uint8Array<ArrayBuffer>], { type: image.type }));
        urls.push(url);
        pending[src] = url;
        timer ??= setTimeout(flush, BATCH_MS);
      },
    );
    return () => {
      live = false;
      if (timer !== undefined) clearTimeout(timer);
      for (const url of urls) URL.revokeObjectURL(url);
    };
  }, [article, stored]);
  return useMemo(() => ({ ...stored, ...fetched }), [stored, fetched]);
}
