/**
 * Checks run inside a web page (passed to Playwright's or puppeteer's evaluate as source):
 * they use only their parameters and the page's own globals.
 */

/**
 * Whether some element matching a CSS selector, or the innermost element containing `text`,
 * is rendered: not display:none / visibility:hidden / opacity 0 (itself or an ancestor) and
 * not zero-sized. Position on or off screen does not matter.
 */
export function isRendered(target: string | { text: string }): boolean {
  const norm = (s: string): string => s.replace(/\s+/g, ' ').trim();
  const shown = (el: Element): boolean => {
    const box = el.getBoundingClientRect();
    return el.checkVisibility({ opacityProperty: true, visibilityProperty: true }) && box.width > 0 && box.height > 0;
  };
  let candidates: Element[];
  if (typeof target === 'string') {
    candidates = [...document.querySelectorAll(target)];
  } else {
    const text = norm(target.text);
    const holds = (el: Element): boolean => norm(el.textContent ?? '').includes(text);
    // Innermost holders only: <body> contains every text but says nothing about visibility.
    candidates = [...document.body.querySelectorAll('*')].filter((el) => holds(el) && ![...el.children].some(holds));
  }
  return candidates.some(shown);
}

/** Whether the page scrolls (a modal's scroll lock was given back). */
export async function scrolls(): Promise<boolean> {
  window.scrollTo(0, 0);
  window.scrollBy(0, 400);
  await new Promise((r) => requestAnimationFrame(() => r(null)));
  return window.scrollY > 0;
}
