import { browser } from '#imports';
import { uiLocaleFor, type MessageKey, type UiLocale } from '../reader/locale.ts';

export type { MessageKey };

/** Interface strings from _locales through browser.i18n; the key itself if one is missing. */
export function t(key: MessageKey, substitutions?: string | string[]): string {
  return browser.i18n.getMessage(key, substitutions) || key;
}

/** The interface language (ours: Arabic or English) and its direction; Arabic is mirrored. */
export function uiLocale(): UiLocale {
  return uiLocaleFor(browser.i18n.getUILanguage());
}
