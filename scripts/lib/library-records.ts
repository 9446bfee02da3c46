/**
 * The generated library of the benchmarks (bench:library, bench:sync): articles made from the
 * words of the fixture pages (Arabic, Persian, Hebrew, Urdu, English) in their real
 * proportions, 250–1,200 words each. Deterministic.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { BackupRecord } from '../../utils/library/backup.ts';
import { readingMinutes } from '../../utils/article/text.ts';
import { FIXTURES_DIR } from './paths.ts';

/** The save time of the first article; one an hour after it. */
export const GENERATED_FROM = Date.UTC(2024, 0, 1);

/** A deterministic generator, so every run searches the same library. */
export function random(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 2 ** 32;
  };
}

/** The words of the fixture pages (their whole text, tags stripped), pooled by language. */
function fixtureWords(): { words: string[]; lang: string }[] {
  const pools = new Map<string, string[]>();
  for (const slug of readdirSync(FIXTURES_DIR)) {
    try {
      const { lang } = JSON.parse(readFileSync(join(FIXTURES_DIR, slug, 'expected.json'), 'utf8')) as { lang?: string };
      const html = readFileSync(join(FIXTURES_DIR, slug, 'source.html'), 'utf8');
      const text = html.replace(/<(script|style)[\s\S]*?<\/\1>/gi, ' ').replace(/<[^>]+>/g, ' ');
      const words = text.match(/[\p{L}][\p{L}\p{M}]+/gu) ?? [];
      if (lang && words.length > 100) pools.set(lang, [...(pools.get(lang) ?? []), ...words]);
    } catch {
      // not a fixture folder
    }
  }
  // Arabic articles as often as all others together: the library of an Arabic reader.
  return [...pools].flatMap(([lang, words]) => Array.from({ length: lang === 'ar' ? 4 : 1 }, () => ({ words, lang })));
}

/** n articles as backup records: the same library on every run. */
export function makeRecords(n: number): BackupRecord[] {
  const rand = random(7);
  const sources = fixtureWords();
  const pick = <T>(list: readonly T[]): T => list[Math.floor(rand() * list.length)] as T;
  const records: BackupRecord[] = [];
  const start = GENERATED_FROM;
  for (let i = 0; i < n; i++) {
    const { words, lang } = pick(sources);
    const sentence = (length: number): string => Array.from({ length }, () => pick(words)).join(' ');
    const paragraphs = Array.from({ length: 5 + Math.floor(rand() * 20) }, () => `${sentence(40 + Math.floor(rand() * 20))}.`);
    const url = `https://news${i % 97}.example/${lang}/${i}`;
    records.push(
      articleRecord({
        url,
        title: sentence(6 + Math.floor(rand() * 8)),
        siteName: `موقع ${i % 97}`,
        lang,
        paragraphs,
        savedAt: start + i * 3_600_000,
      }),
    );
  }
  return records;
}

/** The backup record of an article made of these paragraphs, first saved at `savedAt`. */
export function articleRecord(a: {
  url: string;
  title: string;
  siteName: string;
  lang: string;
  paragraphs: readonly string[];
  savedAt: number;
}): BackupRecord {
  const textContent = a.paragraphs.join('\n\n');
  const wordCount = textContent.split(/\s+/).length;
  return {
    id: a.url,
    url: a.url,
    savedAt: a.savedAt,
    firstSavedAt: a.savedAt,
    article: {
      url: a.url,
      title: a.title,
      siteName: a.siteName,
      lang: a.lang,
      dir: ['ar', 'fa', 'he', 'ur'].includes(a.lang) ? 'rtl' : 'ltr',
      contentHtml: a.paragraphs.map((p) => `<p>${p}</p>`).join(''),
      textContent,
      wordCount,
      readingMinutes: readingMinutes(wordCount, a.lang),
      removed: [],
    },
    images: {},
  };
}
