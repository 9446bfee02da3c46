import { readdirSync, readFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { JSDOM, VirtualConsole } from 'jsdom';
import { decodeHtml } from '../../../scripts/lib/load-page.ts';

export const PAGES_DIR = join(import.meta.dirname, '..', '..', 'fixtures', 'pages');

export interface Expected {
  url: string;
  isArticle: boolean;
  lang: string;
  dir: 'rtl' | 'ltr';
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
  mustContain: string[];
  mustNotContain: string[];
  /** Strings a reader expects gone from the live page once it has loaded (related, share, prompts, appeals). */
  liveMustHide?: string[];
}

export function listFixtures(): string[] {
  return readdirSync(PAGES_DIR)
    .filter((slug) => existsSync(join(PAGES_DIR, slug, 'expected.json')))
    .sort();
}

export function readExpected(slug: string): Expected {
  return JSON.parse(readFileSync(join(PAGES_DIR, slug, 'expected.json'), 'utf8')) as Expected;
}

/** A fixture page as a parsed document: no scripts run, no resources load. */
export function parsePage(html: string, url: string): Document {
  return new JSDOM(html, { url, virtualConsole: new VirtualConsole() }).window.document;
}

export function loadFixture(slug: string): { doc: Document; html: string; expected: Expected } {
  const expected = readExpected(slug);
  // Bytes decoded as the CLI and the bench decode them (BOM, meta charset, checked against the bytes).
  const html = decodeHtml(readFileSync(join(PAGES_DIR, slug, 'source.html'))).html;
  return { doc: parsePage(html, expected.url), html, expected };
}

/** Whitespace runs count as one space, as the corpus defines snippets. */
export const flat = (s: string): string => s.replace(/\s+/g, ' ').trim();
