/**
 * One run of `task` at a time, and no request lost: a call while a run is under way gets one
 * more run after it (it may have started before what the caller wants synced, such as a delete
 * made during a sync); every call made meanwhile shares that one run.
 */
export function oneAtATime<T>(task: () => Promise<T>): () => Promise<T> {
  let running: Promise<T> | undefined;
  let next: Promise<T> | undefined;
  const start = (): Promise<T> =>
    (running = task().finally(() => {
      // With a run asked for meanwhile, `running` stays set until that run starts: a call in
      // between joins it instead of starting a second run beside it.
      if (!next) running = undefined;
    }));
  return () => {
    if (!running) return start();
    next ??= running
      .catch(() => undefined)
      .then(() => {
        next = undefined;
        return start();
      });
    return next;
  };
}
