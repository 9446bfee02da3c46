import { render, type ComponentType } from 'preact';
import { useLayoutEffect } from 'preact/hooks';
import type { MessageKey, UiLocale } from '../reader/locale.ts';
import { t, uiLocale } from './i18n.ts';

/** Starts an extension page: interface language and direction on <html>, its title, then the app. */
export function mountPage(App: ComponentType<{ ui: UiLocale }>, title?: MessageKey): void {
  const ui = uiLocale();
  document.documentElement.lang = ui.lang;
  document.documentElement.dir = ui.dir;
  if (title) document.title = t(title);
  const root = document.getElementById('app');
  if (root) render(<App ui={ui} />, root);
}

/**
 * The reader's theme on the whole canvas, not only on the app's box: a popup the browser made
 * wider than its content, the space under a short status and overscroll take the theme's
 * background instead of a white band.
 */
export function useCanvasTheme(theme: string): void {
  // Before the browser paints: no frame of the wrong canvas.
  useLayoutEffect(() => {
    const root = document.documentElement;
    root.classList.add(`theme-${theme}`, 'themed-canvas');
    return () => root.classList.remove(`theme-${theme}`);
  }, [theme]);
}
