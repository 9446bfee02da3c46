import { storage } from '#imports';

/** Cleanup settings, versioned from day one so later shapes can migrate. */
export interface CleanupSettings {
  /** Clean article pages automatically on load. */
  autoClean: boolean;
  /** Hostnames the reader asked us to leave alone. */
  disabledSites: string[];
}

export const cleanupSettings = storage.defineItem<CleanupSettings>('local:cleanup-settings', {
  fallback: { autoClean: true, disabledSites: [] },
  version: 1,
});

export function isSiteEnabled(settings: CleanupSettings, hostname: string): boolean {
  return settings.autoClean && !settings.disabledSites.includes(hostname);
}
