import type { extractArticle } from '../article/extract.ts';
import type { createLivePage } from './page.ts';

/**
 * The content script runs in stages so that a page pays only for what it uses: a small first
 * stage on every page, the live cleanup (detection, declutter rules) on article candidates,
 * extraction (Readability, DOMPurify) when a reader asks for the article. A later stage is a
 * separate script of the extension that the first stage imports (entrypoints/article.content/
 * stages.ts); it runs in the same isolated world and hands its functions over through that
 * world's global object, which the page cannot see.
 */
export interface Stages {
  live: { createLivePage: typeof createLivePage };
  extract: { extractArticle: typeof extractArticle };
}
export type StageName = keyof Stages;

const KEY = Symbol.for('naqi:stages');
type Registry = Partial<Stages>;

function registry(): Registry {
  const holder = globalThis as unknown as Record<symbol, Registry | undefined>;
  return (holder[KEY] ??= {});
}

/** Called by a stage's script when it runs. */
export function provideStage<K extends StageName>(name: K, api: Stages[K]): void {
  registry()[name] = api;
}

/** The stage's functions, if its script has run in this world. */
export function stageOf<K extends StageName>(name: K): Stages[K] | undefined {
  return registry()[name];
}

/** Lets the page run: `scheduler.yield()` where there is one, else a new task. */
export function yieldToPage(): Promise<void> {
  const scheduler = (globalThis as { scheduler?: { yield?: () => Promise<void> } }).scheduler;
  return scheduler?.yield ? scheduler.yield() : new Promise((resolve) => setTimeout(resolve, 0));
}
