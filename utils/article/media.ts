/**
 * Video and audio in an article become what a reader can keep: the poster as an image (saved
 * with the article like any other) and a link to the media on its site. A saved copy never
 * loads `<video>`, `<audio>`, `<source>` or `<track>` from the network: "offline" articles
 * made five requests to trackers each time they were opened (issue 12), and the library
 * counted none of them. The sanitiser forbids those elements too, for older saved copies.
 */

const MEDIA = 'video, audio';

/** A web address, or undefined. */
function webUrl(value: string | null | undefined): string | undefined {
  const v = value?.trim();
  return v && /^https?:\/\//i.test(v) ? v : undefined;
}

/** "cdn.example.com/…/report.mp4": where the link goes, short enough for one line. */
function label(src: string): string {
  try {
    const url = new URL(src);
    const file = decodeURIComponent(url.pathname.split('/').filter(Boolean).pop() ?? '');
    const shown = file ? `${url.hostname}/…/${file}` : url.hostname;
    return shown.length > 80 ? `${shown.slice(0, 79)}…` : shown;
  } catch {
    return src.slice(0, 80);
  }
}

/** The MIME type a link to this media says it is: its source's own when given, else the kind's. */
function typeOf(kind: 'video' | 'audio', declared: string | null | undefined): string {
  const type = declared?.trim().toLowerCase().split(';')[0] ?? '';
  return /^(?:video|audio)\/[a-z0-9.+-]+$/.test(type) ? type : `${kind}/*`;
}

/**
 * Replaces every `<video>` and `<audio>` under `root` by its poster image (videos) and a link
 * to the media (`<a href type="video/…">▶ host/…/file</a>`), or by nothing when it has neither.
 * Changes `root` (extraction's own copy).
 */
export function mediaToLinks(root: Element): void {
  const doc = root.ownerDocument;
  for (const media of [...root.querySelectorAll(MEDIA)]) {
    const kind = media.localName === 'audio' ? 'audio' : 'video';
    const sources = [...media.querySelectorAll('source')];
    const first = sources.find((s) => webUrl(s.getAttribute('src')));
    const src = webUrl(media.getAttribute('src')) ?? webUrl(first?.getAttribute('src'));
    const poster = kind === 'video' ? webUrl(media.getAttribute('poster')) : undefined;
    if (!src && !poster) {
      media.remove();
      continue;
    }
    const figure = doc.createElement('figure');
    if (poster) {
      const img = doc.createElement('img');
      img.setAttribute('src', poster);
      img.setAttribute('alt', '');
      figure.append(img);
    }
    if (src) {
      const caption = doc.createElement('figcaption');
      const link = doc.createElement('a');
      link.setAttribute('href', src);
      link.setAttribute(
        'type',
        typeOf(kind, src === first?.getAttribute('src')?.trim() ? first?.getAttribute('type') : media.getAttribute('type')),
      );
      link.textContent = `${kind === 'video' ? '▶' : '♪'} ${label(src)}`;
      caption.append(link);
      figure.append(caption);
    }
    media.replaceWith(figure);
  }
}

const MEDIA_LINK = /<a\b[^>]*\stype="(?:video|audio)\//gi;

/** How many media links (what mediaToLinks leaves) an article's body holds: each plays only from its site. */
export function countMediaLinks(contentHtml: string): number {
  return contentHtml.match(MEDIA_LINK)?.length ?? 0;
}
