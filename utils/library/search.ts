/**
 * Arabic-aware search over saved articles. Query and records are folded by the same
 * normalizeText (tashkeel, tatweel, alef / yaa / taa-marbuta / hamza forms, Persian ی/ک,
 * Hebrew niqqud, case), so «اقرا ايضا» finds «اقرأ أيضاً».
 */
import { normalizeText } from '../article/text.ts';
import type { Library, LibraryRecord } from './store.ts';

type Searchable = Pick<LibraryRecord, 'id' | 'savedAt' | 'searchText'> & { article: { title: string } };

/** The query's folded words; empty when the query folds to nothing (then nothing matches). */
export function queryWords(query: string): string[] {
  const folded = normalizeText(query);
  return folded ? folded.split(' ') : [];
}

/**
 * Ids of the records that hold every word of the query (substring match, so «كتاب» finds
 * «الكتاب»), best first: the whole phrase in the title, then every word in the title, then
 * the phrase in the body, then the words in the body; newest first within each rank.
 */
export function rankRecords(records: readonly Searchable[], query: string): string[] {
  const words = queryWords(query);
  if (words.length === 0) return [];
  const phrase = words.join(' ');
  const hits: { id: string; savedAt: number; rank: number }[] = [];
  for (const record of records) {
    const text = record.searchText;
    if (!words.every((w) => text.includes(w))) continue;
    const title = normalizeText(record.article.title);
    const rank = title.includes(phrase) ? 0 : words.every((w) => title.includes(w)) ? 1 : text.includes(phrase) ? 2 : 3;
    hits.push({ id: record.id, savedAt: record.savedAt, rank });
  }
  hits.sort((a, b) => a.rank - b.rank || b.savedAt - a.savedAt || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  return hits.map((h) => h.id);
}

/** Searches records in memory or a whole library. */
export async function searchLibrary(source: readonly Searchable[] | Library, query: string): Promise<string[]> {
  if (queryWords(query).length === 0) return [];
  const records = Array.isArray(source) ? (source as readonly Searchable[]) : await (source as Library).all();
  return rankRecords(records, query);
}
