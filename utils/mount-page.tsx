import { render, type ComponentType } from 'preact';
import type { UiLocale } from '../components/ReadingView.tsx';
import { t, uiLocale, type MessageKey } from './i18n.ts';

/** Starts an extension page: interface language and direction on <html>, its title, then the app. */
export function mountPage(App: ComponentType<{ ui: UiLocale }>, title?: MessageKey): void {
  const ui = uiLocale();
  document.documentElement.lang = ui.lang;
  document.documentElement.dir = ui.dir;
  if (title) document.title = t(title);
  const root = document.getElementById('app');
  if (root) render(<App ui={ui} />, root);
}
