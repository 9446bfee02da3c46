import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { cleanupStatusOf, isVisible, launchExtension, type ExtensionSession } from './harness/browser.ts';
import { FIXTURES_DIR } from '../../scripts/lib/paths.ts';

/**
 * Every page of the corpus that names its clutter (`liveMustHide` in expected.json: the seed,
 * the real RTL pages, the rule fixtures), loaded in Chromium with the built extension: once
 * the content script has cleaned the page, none of those strings is rendered, and every body
 * snippet of the article still is.
 */

interface Expected {
  isArticle: boolean;
  mustContain: string[];
  liveMustHide?: string[];
}

const pages = readdirSync(FIXTURES_DIR)
  .sort()
  .flatMap((slug) => {
    let expected: Expected;
    try {
      expected = JSON.parse(readFileSync(join(FIXTURES_DIR, slug, 'expected.json'), 'utf8')) as Expected;
    } catch {
      return [];
    }
    return expected.isArticle && (expected.liveMustHide ?? []).length > 0 ? [{ slug, expected }] : [];
  });

let session: ExtensionSession;
beforeAll(async () => {
  session = await launchExtension();
});
afterAll(async () => session?.close());

/** The strings of `texts` that some rendered element still shows. */
async function rendered(page: Page, texts: readonly string[]): Promise<string[]> {
  const shown: string[] = [];
  for (const text of texts) if (await isVisible(page, { text })) shown.push(text);
  return shown;
}

describe('the live page once cleaned, on every page of the corpus that names its clutter', () => {
  it('has pages to check', () => {
    expect(pages.length).toBeGreaterThan(30);
  });

  it.each(pages)('$slug: the clutter is not rendered, the article text is', async ({ slug, expected }) => {
    // Some saved pages never fire `load` offline (a script polls what the test server cannot give); the
    // content script runs at document_idle, after the DOM is parsed.
    const page = await session.context.newPage();
    await page.goto(`${inject('fixtureBaseUrl')}${encodeURIComponent(slug)}/`, { waitUntil: 'domcontentloaded' });
    // The content script answers the status once it has judged and cleaned the page.
    await expect.poll(async () => (await cleanupStatusOf(session, page))?.isArticle, { timeout: 10_000 }).toBe(true);
    // Clutter that a page adds late (a modal after a few seconds) is caught by the observer: wait for it.
    await expect.poll(() => rendered(page, expected.liveMustHide ?? []), { timeout: 8_000 }).toEqual([]);
    // AMP pages keep their body invisible until the AMP runtime (not served here) or an 8 s fallback.
    await expect.poll(() => rendered(page, expected.mustContain), { timeout: 12_000 }).toEqual(expected.mustContain);
    await page.close();
  });
});
