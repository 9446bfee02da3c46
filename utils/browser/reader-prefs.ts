import { storage } from '#imports';
import { DEFAULT_PREFS, type ReaderPrefs } from '../reader/prefs.ts';

export * from '../reader/prefs.ts';

/** Persisted reading preferences; read them through clampPrefs, the stored shape may be old. */
export const readerPrefs = storage.defineItem<ReaderPrefs>('local:reader-prefs', {
  fallback: DEFAULT_PREFS,
  version: 1,
});
