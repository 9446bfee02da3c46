import { describe, expect, it } from 'vitest';
import { CUE_RULES, MARKUP_RULES } from '../../utils/article/clutter-rules.ts';
import { planDeclutter } from '../../utils/article/declutter.ts';
import { extractArticle } from '../../utils/article/extract.ts';
import { listFixtures, loadFixture } from './helpers/fixtures.ts';

/**
 * Site knowledge is data, and data nobody exercises rots: every rule must fire on at least
 * one fixture page (on the page itself or inside the extracted body).
 */
describe('clutter rules', () => {
  it('each rule removes something on at least one fixture page', () => {
    const fired = new Set<string>();
    for (const slug of listFixtures()) {
      const { doc, expected } = loadFixture(slug);
      for (const r of planDeclutter(doc)) fired.add(r.rule);
      if (expected.isArticle) extractArticle(doc, expected.url);
    }
    const names = [...MARKUP_RULES, ...CUE_RULES].map((r) => r.name);
    expect(names.filter((name) => !fired.has(name))).toEqual([]);
  });

  it('names every rule once, with a reason a reader can be shown', () => {
    const rules = [...MARKUP_RULES, ...CUE_RULES];
    expect(new Set(rules.map((r) => r.name)).size).toBe(rules.length);
    for (const r of rules) expect(r.reason.length, r.name).toBeGreaterThan(10);
  });
});
