/**
 * Watches for clutter that arrives after load (a donation modal after a few seconds, a
 * related block rendered by script) with a bounded MutationObserver: additions are batched,
 * the watch ends after `windowMs`, and it stops for good if the page adds nodes faster
 * than `maxNodesPerSecond` or the callbacks use up `budgetMs` — a busy page is never slowed.
 */

export interface LateClutterOptions {
  windowMs: number;
  budgetMs: number;
  maxNodesPerSecond: number;
  batchMs: number;
}

export const LATE_CLUTTER_DEFAULTS: LateClutterOptions = { windowMs: 15_000, budgetMs: 60, maxNodesPerSecond: 3_000, batchMs: 120 };

export interface LateClutterStats {
  batches: number;
  nodesSeen: number;
  callbackMs: number;
  stoppedBecause?: 'window' | 'budget' | 'flood' | 'aborted';
}

/** Deeper than any page Naqi reads; a walk that gets this far is going round a clobbered loop. */
const MAX_DEPTH = 4096;

function hasPendingAncestor(el: Element, pending: ReadonlySet<Element>): boolean {
  // Bounded: a form whose control is named "parentElement" makes this walk a cycle (issue 12).
  let depth = 0;
  for (let p = el.parentElement; p && depth < MAX_DEPTH; p = p.parentElement, depth++) if (pending.has(p)) return true;
  return false;
}

type ObserverView = Pick<Window, 'setTimeout' | 'clearTimeout' | 'performance'> & { MutationObserver: typeof MutationObserver };

export function watchLateClutter(
  doc: Document,
  view: ObserverView,
  onBatch: (roots: Element[]) => void,
  signal: AbortSignal,
  options: LateClutterOptions = LATE_CLUTTER_DEFAULTS,
): LateClutterStats {
  const stats: LateClutterStats = { batches: 0, nodesSeen: 0, callbackMs: 0 };
  const pending = new Set<Element>();
  let timer: number | undefined;
  let secondStart = view.performance.now();
  let inSecond = 0;

  const stop = (why: NonNullable<LateClutterStats['stoppedBecause']>): void => {
    if (stats.stoppedBecause) return;
    stats.stoppedBecause = why;
    observer.disconnect();
    if (timer !== undefined) view.clearTimeout(timer);
    view.clearTimeout(windowTimer);
    pending.clear();
  };

  const flush = (): void => {
    timer = undefined;
    const started = view.performance.now();
    // Outermost connected additions only; a subtree is planned once.
    const roots = [...pending].filter((el) => el.isConnected && !hasPendingAncestor(el, pending));
    pending.clear();
    if (roots.length > 0) {
      stats.batches++;
      onBatch(roots);
    }
    stats.callbackMs += view.performance.now() - started;
    if (stats.callbackMs > options.budgetMs) stop('budget');
  };

  const observer = new view.MutationObserver((records: MutationRecord[]) => {
    const started = view.performance.now();
    let added = 0;
    for (const record of records) {
      for (const node of record.addedNodes) {
        if (node.nodeType !== 1) continue;
        added++;
        pending.add(node as Element);
      }
    }
    stats.nodesSeen += added;
    // A one-second window that starts at the first addition after the last one closed.
    if (started - secondStart > 1000) {
      secondStart = started;
      inSecond = added;
    } else {
      inSecond += added;
    }
    if (inSecond > options.maxNodesPerSecond) {
      stop('flood');
      return;
    }
    if (timer === undefined && pending.size > 0) timer = view.setTimeout(flush, options.batchMs);
    stats.callbackMs += view.performance.now() - started;
  });

  observer.observe(doc.documentElement, { childList: true, subtree: true });
  const windowTimer = view.setTimeout(() => {
    flush();
    stop('window');
  }, options.windowMs);
  signal.addEventListener('abort', () => stop('aborted'), { once: true });
  return stats;
}
