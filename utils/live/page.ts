import { isClobbered } from '../article/clobbering.ts';
import { detectArticle } from '../article/detect.ts';
import { findMainBlock } from '../article/main-text.ts';
import type { Removal } from '../article/types.ts';
import { LiveCleanup } from './cleanup.ts';
import { watchLateClutter, type LateClutterStats } from './late-clutter.ts';
import { yieldToPage } from './stages.ts';

/**
 * The live cleanup of one page: detection, then (when the reader wants it) the cleanup and
 * a bounded watch for late clutter. Each step runs in its own task, so the page's own work
 * (input, frames) can run between them.
 */
export interface LivePage {
  readonly isArticle: boolean;
  /** What is hidden now. */
  readonly removed: Removal[];
  /** Why the watch for late clutter ended, once it has. */
  readonly watchStopped: LateClutterStats['stoppedBecause'];
  /** Cleans the page and starts the watch for late clutter (once). */
  start(): Promise<void>;
  /** Cleans the page now (the reader asked, even on a page detection turned down). */
  apply(): void;
  /** Brings back everything hidden. */
  restore(): void;
}

type LiveView = Window & typeof globalThis;

/** Detects (in two tasks: the main block, then the verdict) and returns the page's live cleanup. */
export async function createLivePage(
  doc: Document,
  view: LiveView,
  url: string,
  signal: AbortSignal,
  onChange: () => void,
): Promise<LivePage> {
  // A page whose forms or images are named after DOM properties is read from a copy, and not cleaned.
  const clobbered = isClobbered(doc);
  const main = doc.body && !clobbered ? findMainBlock(doc.body) : undefined;
  await yieldToPage();
  const verdict = detectArticle(doc, url, main ? { main, verdictOnly: true } : { verdictOnly: true });
  const cleanup = new LiveCleanup(doc, view, main?.element ?? null);
  let late: LateClutterStats | undefined;
  const apply = (): void => {
    cleanup.apply();
    onChange();
  };
  return {
    isArticle: verdict.isArticle,
    get removed() {
      return cleanup.removed;
    },
    get watchStopped() {
      return late?.stoppedBecause;
    },
    async start() {
      await yieldToPage();
      if (signal.aborted) return;
      apply();
      late ??= watchLateClutter(doc, view, (roots) => cleanup.apply(roots).length > 0 && onChange(), signal);
    },
    apply,
    restore() {
      cleanup.restore();
      onChange();
    },
  };
}
