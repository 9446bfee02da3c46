/**
 * The differential report of the bench: "do no harm, measured against Readability".
 *
 * Per page, the text blocks (paragraphs, list items, headings, captions…) that bare
 * Readability keeps and Naqi's reading view does not, and for each such block the `removed[]`
 * entry of Naqi's article that took it out. A dropped block no entry explains is a loss
 * nobody decided: a bug to fix by its class.
 *
 * - Text is folded as clutter matching folds it (normalizeText: case, Arabic letter forms,
 *   tashkeel, niqqud) and cut into the AEB metric's tokens and 4-token shingles.
 * - A block is dropped when more than half of its shingles are absent from the view (title,
 *   byline, lead-image caption and body: what the reader is shown). Blocks shorter than
 *   MIN_TOKENS tokens are left out: single words such as "Advertisement" or "Share" are
 *   noise either way.
 * - A block whose letters and digits appear in the view in the same order, only spaced or
 *   punctuated differently (a formula written out as text), is reshaped, not dropped.
 * - A dropped block is explained by the removal whose whole removed text holds most of the
 *   block's missing shingles (at least half of them).
 * - Naqi giving no article at all drops every block, unexplained.
 */
import { normalizeText } from '../../utils/article/index.ts';
import type { Removal } from '../../utils/article/types.ts';
import { SHINGLE_SIZE, tokenize } from './aeb-metric.ts';

export const MIN_TOKENS = 4;
/** Share of a block's shingles that must be missing from the view for it to count as dropped. */
const DROPPED = 0.5;
/** Share of the missing shingles a removal must hold to explain the block. */
const EXPLAINS = 0.5;

export interface DroppedBlock {
  text: string;
  tokens: number;
  /** With a ground truth (AEB): most of the block is annotated article text, so dropping it is harm even when explained. */
  article?: boolean;
  /** The removed[] entry that took it out; undefined when none did (an unexplained loss). */
  removal?: Removal;
}

export interface PageDifferential {
  /** Blocks of MIN_TOKENS tokens or more in Readability's text. */
  blocks: number;
  dropped: DroppedBlock[];
  /** Naqi gave no article at all. */
  noArticle: boolean;
}

/** Set of 4-token shingles (fewer tokens: one shorter shingle) of folded text. */
function shingleSet(text: string): Set<string> {
  const tokens = tokenize(normalizeText(text));
  const out = new Set<string>();
  const last = Math.max(1, tokens.length - SHINGLE_SIZE + 1);
  for (let i = 0; i < last && tokens.length > 0; i++) out.add(tokens.slice(i, i + SHINGLE_SIZE).join('\u0001'));
  return out;
}

/** Letters and digits only, folded: text compared regardless of spacing and punctuation. */
function compact(text: string): string {
  return tokenize(normalizeText(text)).join('');
}

/**
 * @param readabilityBlocks bare Readability's text, one entry per block (blockText split at blank lines)
 * @param view everything Naqi's reading view shows as text, or null when Naqi gave no article
 * @param removals Naqi's removed[] entries with the whole text each took out
 * @param truth the annotated article text, when the corpus has one (AEB)
 */
export function differential(
  readabilityBlocks: readonly string[],
  view: string | null,
  removals: readonly { entry: Removal; text: string }[],
  truth?: string,
): PageDifferential {
  const kept = shingleSet(view ?? '');
  const keptCompact = compact(view ?? '');
  const article = truth === undefined ? undefined : shingleSet(truth);
  const removed = removals.map((r) => ({ entry: r.entry, shingles: shingleSet(r.text) }));
  let blocks = 0;
  const dropped: DroppedBlock[] = [];
  for (const text of readabilityBlocks) {
    const tokens = tokenize(text).length;
    if (tokens < MIN_TOKENS) continue;
    blocks++;
    const shingles = [...shingleSet(text)];
    const missing = shingles.filter((s) => !kept.has(s));
    // Reshaped, not lost: the same letters and digits in another spacing (a formula written out, glued words).
    if (missing.length <= shingles.length * DROPPED || keptCompact.includes(compact(text))) continue;
    let best: { entry: Removal; held: number } | undefined;
    for (const r of removed) {
      const held = missing.reduce((n, s) => n + (r.shingles.has(s) ? 1 : 0), 0);
      if (held > (best?.held ?? 0)) best = { entry: r.entry, held };
    }
    const explained = best && best.held >= missing.length * EXPLAINS ? best.entry : undefined;
    const inTruth = article && shingles.filter((s) => article.has(s)).length > shingles.length * DROPPED;
    dropped.push({ text, tokens, ...(explained ? { removal: explained } : {}), ...(article ? { article: inTruth } : {}) });
  }
  return { blocks, dropped, noArticle: view === null };
}

export interface DifferentialTotals {
  pages: number;
  blocks: number;
  dropped: number;
  explained: number;
  unexplained: number;
  /** Pages where Naqi gave no article while Readability gave text. */
  noArticle: number;
  /** Explained drops per rule, most first. */
  byRule: [rule: string, blocks: number][];
  /** Each unexplained drop: page and the block's text. */
  unexplainedBlocks: { page: string; text: string }[];
  /** With a ground truth: dropped blocks that are annotated article text, with the rule that took each (if any). */
  articleDrops: { page: string; text: string; rule?: string }[];
}

export function summariseDifferential(pages: readonly { page: string; diff: PageDifferential }[]): DifferentialTotals {
  const byRule = new Map<string, number>();
  const unexplainedBlocks: { page: string; text: string }[] = [];
  const articleDrops: { page: string; text: string; rule?: string }[] = [];
  let blocks = 0;
  let dropped = 0;
  for (const { page, diff } of pages) {
    blocks += diff.blocks;
    dropped += diff.dropped.length;
    for (const d of diff.dropped) {
      if (d.removal) byRule.set(d.removal.rule, (byRule.get(d.removal.rule) ?? 0) + 1);
      else unexplainedBlocks.push({ page, text: d.text });
      if (d.article) articleDrops.push({ page, text: d.text, ...(d.removal ? { rule: d.removal.rule } : {}) });
    }
  }
  return {
    pages: pages.length,
    blocks,
    dropped,
    explained: dropped - unexplainedBlocks.length,
    unexplained: unexplainedBlocks.length,
    noArticle: pages.filter((p) => p.diff.noArticle && p.diff.blocks > 0).length,
    byRule: [...byRule].sort((a, b) => b[1] - a[1]),
    unexplainedBlocks,
    articleDrops,
  };
}
