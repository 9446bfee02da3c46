import { browser } from '#imports';
import type en from '../public/_locales/en/messages.json';

export type MessageKey = keyof typeof en;

/** Interface strings from _locales through browser.i18n; the key itself if one is missing. */
export function t(key: MessageKey, substitutions?: string | string[]): string {
  return browser.i18n.getMessage(key, substitutions) || key;
}

/** The interface language (ours: Arabic or English) and its direction; Arabic is mirrored. */
export function uiLocale(): { lang: 'ar' | 'en'; dir: 'rtl' | 'ltr' } {
  const isArabic = browser.i18n.getUILanguage().toLowerCase().startsWith('ar');
  return isArabic ? { lang: 'ar', dir: 'rtl' } : { lang: 'en', dir: 'ltr' };
}
