/**
 * A fixture page's expected.json and how a reading view is judged against it: one definition
 * for the bench (scripts/bench.ts) and the fixture tests (tests/unit/article/fixtures.test.ts).
 */
import type { Article } from '../../utils/article/types.ts';

export interface Expected {
  url: string;
  isArticle: boolean;
  lang: string;
  /** Absent on a page with no text of its own (a frameset). */
  dir?: 'rtl' | 'ltr';
  title: string;
  /** The byline a reader should see; null: none shown. Absent: not checked. */
  byline?: string | null;
  /** A distinctive part of the lead photo's URL; null: no lead image. Absent: not checked. */
  leadImage?: string | null;
  /** The publication date the page shows, YYYY-MM-DD. Absent: not checked. */
  published?: string;
  /** Arabic: the month names the publication prints (levantine, maghrebi, standard). */
  monthNames?: string;
  /** Paragraphs of the body, each a <p> without a <br> in it (a body written with breaks). */
  paragraphs?: number;
  /** Snippets of the article text the reading view must show (white space folded). */
  mustContain: string[];
  /** Snippets of clutter it must not show. */
  mustNotContain: string[];
  /** Strings a reader expects gone from the live page once it has loaded (related, share, prompts, appeals). */
  liveMustHide?: string[];
}

/** Checks an expected.json's content: a clear error names the field that is wrong. */
export function parseExpected(raw: unknown): Expected {
  if (typeof raw !== 'object' || raw === null) throw new Error('expected.json is not an object');
  const o = raw as Record<string, unknown>;
  const strings = (name: string): string[] => {
    const v = o[name];
    if (v === undefined) return [];
    if (!Array.isArray(v) || !v.every((s) => typeof s === 'string')) throw new Error(`expected.json: ${name} must be strings`);
    return v;
  };
  const optional = (name: string): string | null | undefined => {
    const v = o[name];
    if (v === undefined || v === null || typeof v === 'string') return v;
    throw new Error(`expected.json: ${name} must be a string or null`);
  };
  if (typeof o.url !== 'string') throw new Error('expected.json: url missing');
  if (typeof o.isArticle !== 'boolean') throw new Error('expected.json: isArticle missing');
  if (o.dir !== undefined && o.dir !== 'rtl' && o.dir !== 'ltr') throw new Error('expected.json: dir must be rtl or ltr');
  return {
    ...(o as Partial<Expected>),
    url: o.url,
    isArticle: o.isArticle,
    lang: typeof o.lang === 'string' ? o.lang : '',
    title: typeof o.title === 'string' ? o.title : '',
    ...(optional('byline') !== undefined ? { byline: optional('byline') } : {}),
    ...(optional('leadImage') !== undefined ? { leadImage: optional('leadImage') } : {}),
    mustContain: strings('mustContain'),
    mustNotContain: strings('mustNotContain'),
    ...(o.liveMustHide !== undefined ? { liveMustHide: strings('liveMustHide') } : {}),
  };
}

/** What the reading view shows as text: title, lead caption, body. */
export function readingViewText(article: Pick<Article, 'title' | 'leadImage' | 'textContent'>): string {
  return [article.title, article.leadImage?.caption ?? '', article.textContent].join('\n');
}

const flat = (s: string): string => s.replace(/\s+/g, ' ').trim();

/** The snippets the view misses and the clutter it shows, white space folded. */
export function judgeSnippets(
  view: string,
  expected: Pick<Expected, 'mustContain' | 'mustNotContain'>,
): { missing: string[]; leaked: string[] } {
  const text = flat(view);
  const has = (snippet: string): boolean => text.includes(flat(snippet));
  return { missing: expected.mustContain.filter((s) => !has(s)), leaked: expected.mustNotContain.filter(has) };
}
