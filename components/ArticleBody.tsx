import { useMemo } from 'preact/hooks';
import { sanitizeHtml } from '../utils/article/sanitize.ts';

interface Props {
  /** Article body HTML. Treated as hostile even though the core sanitised it already. */
  html: string;
  dir: 'rtl' | 'ltr';
  lang: string;
  /** Local copies of the images (data: URIs kept offline, blob: URLs fetched without credentials), by original src. */
  images?: Readonly<Record<string, string>>;
}

/**
 * THE one place page HTML enters an extension page (the architecture test allows no other
 * sink). It sanitises again on every new body: stored articles, imports and messages from a
 * compromised page all pass through here, not only fresh extractions.
 */
export function ArticleBody({ html, dir, lang, images }: Props) {
  // localOnly: an image is shown from its local copy or not at all, never fetched by the page itself (issue 12).
  const clean = useMemo(() => sanitizeHtml(html, window, { localOnly: true, ...(images ? { images } : {}) }), [html, images]);
  // An image that cannot load (offline, a dead host) leaves no broken-image box in the text.
  const hideBroken = (e: Event): void => {
    if (e.target instanceof HTMLImageElement) e.target.hidden = true;
  };
  return <div class="article-body" dir={dir} lang={lang} onErrorCapture={hideBroken} dangerouslySetInnerHTML={{ __html: clean }} />;
}
