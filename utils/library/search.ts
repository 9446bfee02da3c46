/**
 * Arabic-aware search over saved articles. Query and entries are folded by the same
 * normalizeText (tashkeel, tatweel, alef / yaa / taa-marbuta / hamza forms, Persian ی/ک,
 * Hebrew niqqud, case), so «اقرا ايضا» finds «اقرأ أيضاً».
 */
import { normalizeText } from '../article/text.ts';
import { wordsOf } from './derived.ts';
import type { SearchEntry } from './schema.ts';

export type Searchable = SearchEntry;

/**
 * Ids of the entries that hold every word of the query, each inside one word of the article
 * (so «كتاب» finds «الكتاب» and «بالكتاب»), best first: the whole query in the title, then
 * every word in the title, then the body; newest first within each rank.
 */
export function rankEntries(entries: readonly Searchable[], query: string): string[] {
  return rank(entries, wordsOf(query));
}

function rank(entries: readonly Searchable[], words: readonly string[]): string[] {
  if (words.length === 0) return [];
  const phrase = words.join(' ');
  const hits: { id: string; savedAt: number; rank: number }[] = [];
  for (const entry of entries) {
    const { terms, titleText } = entry;
    if (!words.every((w) => terms.includes(w))) continue;
    const r = titleText.includes(phrase) ? 0 : words.every((w) => titleText.includes(w)) ? 1 : 2;
    hits.push({ id: entry.id, savedAt: entry.savedAt, rank: r });
  }
  hits.sort((a, b) => a.rank - b.rank || b.savedAt - a.savedAt || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  return hits.map((h) => h.id);
}

/**
 * Search as you type over a fixed set of entries. A query that extends the previous one (a
 * letter or a word typed at the end) can only match what the previous one matched, so only
 * those entries are scanned again: the first letters scan the library, the later ones a few.
 */
export class SearchIndex<T extends Searchable = Searchable> {
  private readonly byId: Map<string, T>;
  private last: { folded: string; hits: T[] } | undefined;

  constructor(readonly entries: readonly T[]) {
    this.byId = new Map(entries.map((e) => [e.id, e]));
  }

  search(query: string): T[] {
    const words = wordsOf(query);
    if (words.length === 0) {
      this.last = undefined;
      return [];
    }
    const folded = normalizeText(query);
    const pool = this.last && folded.startsWith(this.last.folded) ? this.last.hits : this.entries;
    const hits = rank(pool, words).map((id) => this.byId.get(id) as T);
    this.last = { folded, hits };
    return hits;
  }
}
