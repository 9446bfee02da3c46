import { browser } from '#imports';
import { stageOf, type StageName, type Stages } from '@/utils/live/stages';

/** The scripts of the later stages (entrypoints/live-cleanup.ts, article-extract.ts). */
const FILES: Record<StageName, string> = { live: '/live-cleanup.js', extract: '/article-extract.js' };
const loading = new Map<StageName, Promise<unknown>>();

/**
 * A later stage of the content script (utils/live/stages.ts), imported the first time it is
 * needed. A module imported by a content script runs in the content script's isolated world,
 * where it hands over its functions.
 */
export function loadStage<K extends StageName>(name: K): Promise<Stages[K]> {
  const ready = stageOf(name);
  if (ready) return Promise.resolve(ready);
  let pending = loading.get(name) as Promise<Stages[K]> | undefined;
  if (!pending) {
    pending = import(/* @vite-ignore */ browser.runtime.getURL(FILES[name] as '/live-cleanup.js')).then(() => {
      const api = stageOf(name);
      if (!api) throw new Error(`the ${name} stage did not start`);
      return api;
    });
    // A failure (an extension update mid-load) is not remembered: the next ask tries again.
    pending.catch(() => loading.delete(name));
    loading.set(name, pending);
  }
  return pending;
}
