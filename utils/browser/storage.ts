import { browser } from '#imports';

/** Cleanup settings, versioned from day one so later shapes can migrate. */
export interface CleanupSettings {
  /** Clean article pages automatically on load. */
  autoClean: boolean;
  /** Hostnames the reader asked us to leave alone. */
  disabledSites: string[];
}

const KEY = 'cleanup-settings';
const FALLBACK: CleanupSettings = { autoClean: true, disabledSites: [] };

/**
 * The settings in `storage.local`, read when asked. Not a WXT storage item: WXT builds its
 * storage module and reads every defined item as the script starts, and the content script
 * runs on every page, most of which never need them (issue 15). Version 1: the key
 * `cleanup-settings$` a later WXT migration reads for the version is absent, which it takes as 1.
 */
export const cleanupSettings = {
  async getValue(): Promise<CleanupSettings> {
    const stored = (await browser.storage.local.get(KEY))[KEY] as CleanupSettings | undefined;
    return stored ?? FALLBACK;
  },
  setValue(value: CleanupSettings): Promise<void> {
    return browser.storage.local.set({ [KEY]: value });
  },
  /** Calls `changed` with the new settings whenever they change (in any page); returns the unwatch. */
  watch(changed: (value: CleanupSettings) => void): () => void {
    const listener = (changes: Record<string, { newValue?: unknown }>, area: string): void => {
      if (area === 'local' && KEY in changes) changed((changes[KEY]?.newValue as CleanupSettings | undefined) ?? FALLBACK);
    };
    browser.storage.onChanged.addListener(listener);
    return () => browser.storage.onChanged.removeListener(listener);
  },
};

export function isSiteEnabled(settings: CleanupSettings, hostname: string): boolean {
  return settings.autoClean && !settings.disabledSites.includes(hostname);
}
