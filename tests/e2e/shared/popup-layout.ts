import type { PopupFn } from '../harness/toolbar-popup.ts';

/**
 * What a reader sees in the real popup, measured inside it. Each function is sent to the
 * browser as source: it uses only its parameters (the popup's window), no imports, no globals.
 */

export interface PopupLayout {
  /** The popup's viewport as the browser sized it. */
  width: number;
  height: number;
  /** How far the document scrolls sideways (0 when nothing sticks out). */
  overflowX: number;
  /** Rendered elements whose box crosses the popup's left or right edge: tag.class and the overflow in px. */
  outside: string[];
  /** 'popup' in the toolbar popup, 'page' in a tab or on a phone (popup/frame.ts). */
  frame: string | undefined;
  /** Background of the canvas outside the app (theme colour, not a white band). */
  canvas: string;
  appBackground: string;
}

export const popupLayout: PopupFn<PopupLayout, undefined> = (win) => {
  const doc = win.document;
  const root = doc.documentElement;
  const outside: string[] = [];
  for (const el of doc.body.querySelectorAll('*')) {
    if (!el.checkVisibility({ visibilityProperty: true })) continue;
    const r = el.getBoundingClientRect();
    if (r.width === 0 || r.height === 0) continue;
    // Inside a scroller that clips it (a wide table, the cleanup list), an element may run past the edge.
    let clipped = false;
    for (let p = el.parentElement; p && p !== doc.body; p = p.parentElement) {
      const o = win.getComputedStyle(p).overflowX;
      if (o !== 'visible') clipped = true;
    }
    if (clipped) continue;
    const over = Math.max(r.right - root.clientWidth, -r.left);
    if (over > 1)
      outside.push(
        `${el.tagName.toLowerCase()}${el.className && typeof el.className === 'string' ? '.' + el.className.split(' ')[0] : ''} +${Math.round(over)}px`,
      );
  }
  const app = doc.querySelector('.reader-page');
  return {
    width: win.innerWidth,
    height: win.innerHeight,
    overflowX: Math.max(0, root.scrollWidth - root.clientWidth),
    outside: outside.slice(0, 10),
    frame: root.dataset.frame,
    canvas: win.getComputedStyle(root).backgroundColor,
    appBackground: app ? win.getComputedStyle(app).backgroundColor : '',
  };
};

export interface ReadingFacts {
  /** The reading view's dir attribute and the first paragraph's computed direction and alignment. */
  dir: string | null;
  direction: string;
  textAlign: string;
  firstParagraph: string;
  /** The first paragraph's box, in the popup's viewport. */
  box: { top: number; bottom: number; left: number; right: number };
  /** Characters on the first paragraph's full lines (median). */
  charsPerLine: number;
  fontFamily: string;
  /** The Arabic face is loaded and used (not a fallback). */
  naskhLoaded: boolean;
}

export const readingFacts: PopupFn<ReadingFacts | null, undefined> = async (win) => {
  const doc = win.document;
  const view = doc.querySelector('article.reading-view');
  const p = doc.querySelector('.article-body p');
  if (!view || !p) return null;
  await doc.fonts.ready;
  const style = win.getComputedStyle(p);
  // Characters per line: the top of each character's box, line by line.
  const tops: number[] = [];
  const walker = doc.createTreeWalker(p, 4 /* NodeFilter.SHOW_TEXT */);
  const range = doc.createRange();
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const text = node.textContent ?? '';
    for (let i = 0; i < text.length; i++) {
      range.setStart(node, i);
      range.setEnd(node, i + 1);
      const rect = range.getClientRects()[0];
      if (rect) tops.push(Math.round(rect.top));
    }
  }
  const lines: number[] = [];
  let count = 0;
  let lineTop = tops[0];
  for (const top of tops) {
    if (lineTop !== undefined && Math.abs(top - lineTop) > 4) {
      lines.push(count);
      count = 0;
      lineTop = top;
    }
    count++;
  }
  // The last line of a paragraph is short by nature; the others measure the column.
  lines.sort((a, b) => a - b);
  const r = p.getBoundingClientRect();
  return {
    dir: view.getAttribute('dir'),
    direction: style.direction,
    textAlign: style.textAlign,
    firstParagraph: (p.textContent ?? '').replace(/\s+/g, ' ').trim(),
    box: { top: r.top, bottom: r.bottom, left: r.left, right: r.right },
    charsPerLine: lines.length > 0 ? (lines[Math.floor(lines.length / 2)] ?? 0) : count,
    fontFamily: style.fontFamily,
    naskhLoaded: [...doc.fonts].some((f) => f.family.replace(/"/g, '') === 'Noto Naskh Arabic' && f.status === 'loaded'),
  };
};

/** The rendered text of the popup, whitespace collapsed. */
export const popupText: PopupFn<string, undefined> = (win) => win.document.body.innerText.replace(/\s+/g, ' ').trim();

/** Whether an element matching the selector is rendered and its box lies inside the popup's width. */
export const shownInside: PopupFn<boolean, string> = (win, selector) => {
  const el = win.document.querySelector(selector);
  if (!el || !el.checkVisibility({ visibilityProperty: true })) return false;
  const r = el.getBoundingClientRect();
  return r.width > 0 && r.height > 0 && r.left >= -1 && r.right <= win.document.documentElement.clientWidth + 1;
};

/** A popup check as source to evaluate in an extension page or tab of its own (its window is `window`). */
export const inWindow = <T>(fn: PopupFn<T, undefined>): string => `(${fn.toString()})(window)`;
