import { browser } from '#imports';
import { quietly } from '../../utils/browser/quietly.ts';

/**
 * Where popup.html is showing: the toolbar popup, which the browser sizes from its content, or
 * a page that fills its window (a tab, or the full-screen sheet Firefox for Android opens).
 * index.html starts as 'popup' so the first layout already has the popup's width; this only
 * switches to 'page' once that is known, so a failed check can never collapse the real popup.
 */
export function watchFrame(root: HTMLElement = document.documentElement): void {
  // Firefox sizes a popup to its content with no room for a vertical scrollbar, which then
  // pushes the content sideways; Chromium adds the room itself (and would add it twice).
  if (import.meta.env.FIREFOX) root.dataset.gutter = 'stable';
  // Phones: the popup fills the screen (Firefox for Android), a fixed width would overflow it.
  if (screen.width < 640) root.dataset.frame = 'page';
  // A tab (popup.html opened directly) reports itself; the toolbar popup has no tab.
  void browser.tabs
    .getCurrent()
    .then((tab) => {
      if (tab) root.dataset.frame = 'page';
    })
    .catch(quietly(undefined, 'frame'));
}
