import { readdirSync, readFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { JSDOM, VirtualConsole } from 'jsdom';
import { decodeHtml } from '../../../scripts/lib/load-page.ts';
import { parseExpected, type Expected } from '../../../scripts/lib/expected.ts';

export const PAGES_DIR = join(import.meta.dirname, '..', '..', 'fixtures', 'pages');

export type { Expected } from '../../../scripts/lib/expected.ts';

export function listFixtures(): string[] {
  return readdirSync(PAGES_DIR)
    .filter((slug) => existsSync(join(PAGES_DIR, slug, 'expected.json')))
    .sort();
}

export function readExpected(slug: string): Expected {
  return parseExpected(JSON.parse(readFileSync(join(PAGES_DIR, slug, 'expected.json'), 'utf8')));
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
