import type { PopupFn } from '../harness/toolbar-popup.ts';

/**
 * How the reading view is set, measured where a reader sees it (issue 14). Each function is sent
 * to the browser as source: it uses only its parameters (the page's window), no imports.
 */

export interface BlockSetting {
  direction: string;
  textAlign: string;
  /** Which edge of its box the block's last line starts from: 'right', 'left' or 'both' (a full line). */
  lastLineEdge: 'right' | 'left' | 'both' | 'none';
}

/** The direction, alignment and set edge of the innermost article block whose text starts with `start`. */
export const blockSetting: PopupFn<BlockSetting | null, string> = (win, start) => {
  const doc = win.document;
  const norm = (s: string): string => s.replace(/\s+/g, ' ').trim();
  const blocks = [...doc.querySelectorAll('.article-body p, .article-body blockquote, .article-body li')];
  const el = blocks.reverse().find((b) => norm(b.textContent ?? '').startsWith(start));
  if (!el) return null;
  const style = win.getComputedStyle(el);
  const box = el.getBoundingClientRect();
  const padStart = parseFloat(style.paddingInlineStart) || 0;
  const range = doc.createRange();
  range.selectNodeContents(el);
  const rects = [...range.getClientRects()].filter((r) => r.width > 0);
  if (rects.length === 0) return null;
  const lastTop = Math.max(...rects.map((r) => r.top));
  const last = rects.filter((r) => Math.abs(r.top - lastTop) < 4);
  const left = Math.min(...last.map((r) => r.left));
  const right = Math.max(...last.map((r) => r.right));
  const atRight = Math.abs(box.right - (style.direction === 'rtl' ? padStart : 0) - right) < 3;
  const atLeft = Math.abs(box.left + (style.direction === 'ltr' ? padStart : 0) - left) < 3;
  return {
    direction: style.direction,
    textAlign: style.textAlign,
    lastLineEdge: atRight && atLeft ? 'both' : atRight ? 'right' : atLeft ? 'left' : 'none',
  };
};

export interface HeaderBoxes {
  /** The title's block box and where its text runs. */
  title: { left: number; right: number; textLeft: number; textRight: number };
  /** Where the byline's and the site name's text run. */
  byline: { left: number; right: number } | null;
  site: { left: number; right: number } | null;
}

export const headerBoxes: PopupFn<HeaderBoxes | null, undefined> = (win) => {
  const doc = win.document;
  const textBox = (el: Element | null): { left: number; right: number } | null => {
    if (!el) return null;
    const range = doc.createRange();
    range.selectNodeContents(el);
    const r = range.getBoundingClientRect();
    return { left: r.left, right: r.right };
  };
  const h1 = doc.querySelector('.reading-title');
  if (!h1) return null;
  const box = h1.getBoundingClientRect();
  const text = textBox(h1)!;
  return {
    title: { left: box.left, right: box.right, textLeft: text.left, textRight: text.right },
    byline: textBox(doc.querySelector('.reading-byline')),
    site: textBox(doc.querySelector('.reading-site')),
  };
};

export interface ImageFit {
  natural: { width: number; height: number };
  rendered: { width: number; height: number };
  /** Space between the image and its figure's left and right edges. */
  gapLeft: number;
  gapRight: number;
  column: number;
}

/** The first loaded image in the article body whose natural width is below `maxNatural`. */
export const smallImageFit: PopupFn<ImageFit | null, number> = (win, maxNatural) => {
  const doc = win.document;
  const img = [...doc.querySelectorAll<HTMLImageElement>('.article-body img')].find(
    (i) => i.complete && i.naturalWidth > 0 && i.naturalWidth < maxNatural,
  );
  if (!img) return null;
  const r = img.getBoundingClientRect();
  const column = (doc.querySelector('.article-body') as Element).getBoundingClientRect();
  return {
    natural: { width: img.naturalWidth, height: img.naturalHeight },
    rendered: { width: Math.round(r.width), height: Math.round(r.height) },
    gapLeft: Math.round(r.left - column.left),
    gapRight: Math.round(column.right - r.right),
    column: Math.round(column.width),
  };
};

/** Where the title starts on screen, and the viewport. */
export const titlePosition: PopupFn<{ top: number; bottom: number; viewport: number } | null, undefined> = (win) => {
  const h1 = win.document.querySelector('.reading-title');
  if (!h1) return null;
  const r = h1.getBoundingClientRect();
  return { top: Math.round(r.top + win.scrollY), bottom: Math.round(r.bottom + win.scrollY), viewport: win.innerHeight };
};

/** Whether a face of `family` is loaded and the first body paragraph asks for it. */
export const faceInUse: PopupFn<{ loaded: boolean; requested: boolean }, string> = async (win, family) => {
  const doc = win.document;
  await doc.fonts.ready;
  const p = doc.querySelector('.article-body p');
  return {
    loaded: [...doc.fonts].some((f) => f.family.replace(/"/g, '') === family && f.status === 'loaded'),
    requested: !!p && win.getComputedStyle(p).fontFamily.replace(/"/g, '').startsWith(family),
  };
};
