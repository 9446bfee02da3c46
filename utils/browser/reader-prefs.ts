import { useLayoutEffect, useState } from 'preact/hooks';
import { storage } from '#imports';
import { clampPrefs, DEFAULT_PREFS, type ReaderPrefs } from '../reader/prefs.ts';
import { useCanvasTheme } from './mount-page.tsx';

/** Persisted reading preferences; read them through clampPrefs, the stored shape may be old. */
export const readerPrefs = storage.defineItem<ReaderPrefs>('local:reader-prefs', {
  fallback: DEFAULT_PREFS,
  version: 1,
});

/**
 * The reader's preferences in an extension page: read once, followed when another page (the
 * popup, another reader tab) changes them, written back clamped; the canvas wears the theme.
 * `ready` is false until the stored ones are read.
 */
export function useReaderPrefs(): { prefs: ReaderPrefs; ready: boolean; change(next: ReaderPrefs): void } {
  const [prefs, setPrefs] = useState<ReaderPrefs>(DEFAULT_PREFS);
  const [ready, setReady] = useState(false);
  useCanvasTheme(prefs.theme);
  // Read as soon as the page has rendered, not after its first paint: the popup shows its article
  // only once these are read (issue 15: an effect ran 20–45 ms after the popup's first render).
  useLayoutEffect(() => {
    void readerPrefs.getValue().then((p) => {
      setPrefs(clampPrefs(p));
      setReady(true);
    });
    return readerPrefs.watch((p) => setPrefs(clampPrefs(p)));
  }, []);
  const change = (next: ReaderPrefs): void => {
    const clamped = clampPrefs(next);
    setPrefs(clamped);
    void readerPrefs.setValue(clamped);
  };
  return { prefs, ready, change };
}
