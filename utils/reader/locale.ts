import type en from '../../public/_locales/en/messages.json';

/** The interface's message keys: English is the reference every language follows. */
export type MessageKey = keyof typeof en;

/** An interface string by key, with substitutions (browser/i18n.ts gives the real one). */
export type Translate = (key: MessageKey, subs?: string | string[]) => string;

/** The interface language (ours: Arabic or English) and its direction; Arabic is mirrored. */
export interface UiLocale {
  lang: 'ar' | 'en';
  dir: 'rtl' | 'ltr';
}

/** The interface locale for a browser UI language such as 'ar-SY' or 'en-US'. */
export function uiLocaleFor(uiLanguage: string): UiLocale {
  return uiLanguage.toLowerCase().startsWith('ar') ? { lang: 'ar', dir: 'rtl' } : { lang: 'en', dir: 'ltr' };
}

// One PluralRules per language: the library asks for a reading time per row.
const plurals = new Map<string, Intl.PluralRules>();
const pluralRules = (lang: string): Intl.PluralRules => {
  let rules = plurals.get(lang);
  if (!rules) plurals.set(lang, (rules = new Intl.PluralRules(lang)));
  return rules;
};

/**
 * The message key for a reading time in the interface language. Arabic has six plural
 * forms (0, 1, 2, 3–10, 11–99, 100+), which a single "$N$ minutes" string cannot cover.
 */
export function readingTimeKey(minutes: number, lang: string): MessageKey {
  if (minutes < 1) return 'readingTime_zero';
  return `readingTime_${pluralRules(lang).select(minutes)}` as MessageKey;
}
