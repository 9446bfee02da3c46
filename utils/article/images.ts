/**
 * Images as the reader would see them once the page's scripts ran: lazy-loaded images
 * (a placeholder `src` and the real address in `data-src` / `data-srcset` / `srcset`),
 * `<picture>` whose `<img>` has no source of its own, and AMP's `<amp-img>`. The reading view
 * keeps only `img[src]` (srcset is not sanitised through), so each image gets its real `src`.
 */

const LAZY_SRC = ['data-src', 'data-lazy-src', 'data-original', 'data-lazy', 'data-url', 'data-hi-res-src', 'data-full-src'];
const LAZY_SRCSET = ['data-srcset', 'data-lazy-srcset'];
// A 1×1 data: GIF, or a theme's or lazy-load plugin's stand-in picture ("placeholder.png",
// "lazy-load/…/spacer.gif", "blank.gif"), never a photo named "grey-wolf.jpg".
const PLACEHOLDER =
  /^data:|^about:blank$|(?:placeholder|spacer|lazy-?load|transparent)[^/]*\.(?:gif|png|svg|jpe?g|webp)(?:[?#]|$)|(?:^|\/)(?:blank|pixel|grey|gray|empty|loading|loader|1x1|no-?image)(?:[-_]?\d+(?:x\d+)?)?\.(?:gif|png|svg|jpe?g|webp)(?:[?#]|$)/i;
// data-* attributes hold other things too ("true", JSON): there only what looks like an address.
const URL_LIKE = /^(?:https?:)?\/\/|^\.{0,2}\/|^[^\s:]+\.(?:jpe?g|png|gif|webp|avif)(?:[?#]|$)/i;
// The reading view is at most about 800 CSS px wide: 1600 px covers a 2× screen.
const WIDEST = 1600;

const usable = (value: string | null | undefined, strict = false): value is string => {
  const v = value?.trim();
  return !!v && !/\s/.test(v) && !PLACEHOLDER.test(v) && (!strict || URL_LIKE.test(v));
};

/** Candidates of a srcset, in order; a `x` density counts as 800 px per 1x, none as 1x. */
export function parseSrcset(srcset: string): { url: string; width: number }[] {
  const out: { url: string; width: number }[] = [];
  let i = 0;
  while (i < srcset.length) {
    while (i < srcset.length && /[\s,]/.test(srcset.charAt(i))) i++;
    if (i >= srcset.length) break;
    let j = i;
    while (j < srcset.length && !/\s/.test(srcset.charAt(j))) j++;
    let url = srcset.slice(i, j);
    let descriptor = '';
    if (url.endsWith(',')) {
      url = url.replace(/,+$/, '');
      i = j;
    } else {
      let k = j;
      while (k < srcset.length && srcset.charAt(k) !== ',') k++;
      descriptor = srcset.slice(j, k).trim();
      i = k + 1;
    }
    const m = /^(\d+(?:\.\d+)?)([wx])$/i.exec(descriptor);
    const width = m ? (m[2]?.toLowerCase() === 'w' ? Number(m[1]) : Number(m[1]) * 800) : 800;
    if (url) out.push({ url, width });
  }
  return out;
}

/** The widest candidate up to 1600 px, else the narrowest one above it. */
export function bestFromSrcset(srcset: string | null | undefined): string | undefined {
  const candidates = parseSrcset(srcset ?? '').filter((c) => usable(c.url));
  const fitting = candidates.filter((c) => c.width <= WIDEST).sort((a, b) => b.width - a.width);
  const larger = candidates.filter((c) => c.width > WIDEST).sort((a, b) => a.width - b.width);
  return (fitting[0] ?? larger[0])?.url;
}

/**
 * The address a reader would see: a lazy-load attribute first (the page's script would have
 * copied it into `src`), then a real `src`, then `srcset`, then the `<source>`s of its `<picture>`.
 */
export function imageSource(img: Element): string | undefined {
  for (const name of LAZY_SRC) {
    const value = img.getAttribute(name);
    if (usable(value, true)) return value.trim();
  }
  for (const name of LAZY_SRCSET) {
    const best = bestFromSrcset(img.getAttribute(name));
    if (best) return best;
  }
  const src = img.getAttribute('src');
  if (usable(src)) return src.trim();
  const fromSrcset = bestFromSrcset(img.getAttribute('srcset'));
  if (fromSrcset) return fromSrcset;
  const picture = img.parentElement?.tagName === 'PICTURE' ? img.parentElement : null;
  for (const source of picture?.children ?? []) {
    if (source.tagName !== 'SOURCE') continue;
    const best = bestFromSrcset(source.getAttribute('srcset') ?? source.getAttribute('data-srcset'));
    if (best) return best;
  }
  return undefined;
}

const AMP_IMAGES = ['amp-img', 'amp-anim'];
const KEPT_ATTRIBUTES = ['src', 'srcset', 'alt', 'title', 'width', 'height'];

/**
 * On a detached clone: `<amp-img>` becomes `<img>`, every image gets its real `src`, and a
 * `<picture>` is replaced by its `<img>`. Never call it on the live page.
 */
export function resolveImages(doc: Document): void {
  // By tag, and over snapshots: jsdom's selector engine and live collections that change as
  // they are walked cost more than the rest of this function on a large page.
  for (const amp of AMP_IMAGES.flatMap((tag) => [...doc.getElementsByTagName(tag)])) {
    const img = doc.createElement('img');
    for (const name of KEPT_ATTRIBUTES) {
      const value = amp.getAttribute(name);
      if (value !== null) img.setAttribute(name, value);
    }
    amp.replaceWith(img);
  }
  for (const img of [...doc.getElementsByTagName('img')]) {
    const real = imageSource(img);
    if (real && real !== img.getAttribute('src')) img.setAttribute('src', real);
  }
  for (const picture of [...doc.getElementsByTagName('picture')]) {
    const img = picture.querySelector('img');
    if (img) picture.replaceWith(img);
  }
}
