import type { ContentScriptContext } from '#imports';
import { onMessage } from '@/utils/browser/messaging';
import { bytesToBase64 } from '@/utils/library/base64';
import { fetchImages, isSameOrigin } from '@/utils/library/images';

/** Saving: the images the background may not fetch, fetched as the page can (its own, CORS). */
export function startPageImages(ctx: ContentScriptContext): void {
  ctx.onInvalidated(
    onMessage('page/images', async ({ srcs, articleUrl }) => {
      // This tab may show another site since the article was read (a reader tab left open): never fetch for it.
      if (!isSameOrigin(articleUrl, location.href)) return { images: {}, failed: srcs };
      const { images, failed } = await fetchImages(srcs, (src, init) => fetch(src, init));
      return {
        images: Object.fromEntries(
          Object.entries(images).map(([src, image]) => [src, { type: image.type, data: bytesToBase64(image.bytes) }]),
        ),
        failed,
      };
    }),
  );
}
