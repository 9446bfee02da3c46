import { sendToBackground } from '@/utils/browser/messaging';
import { stageOf, type StageName, type Stages } from '@/utils/live/stages';

const loading = new Map<StageName, Promise<unknown>>();

/** A later stage of the content script (utils/live/stages.ts), injected by the background the first time it is needed. */
export function loadStage<K extends StageName>(name: K): Promise<Stages[K]> {
  const ready = stageOf(name);
  if (ready) return Promise.resolve(ready);
  let pending = loading.get(name) as Promise<Stages[K]> | undefined;
  if (!pending) {
    pending = sendToBackground('live/load', { stage: name }).then(() => {
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
