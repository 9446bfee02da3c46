import { describe, expect, it } from 'vitest';
import { JSDOM, VirtualConsole } from 'jsdom';
import { CUE_RULES, MARKUP_RULES, STRUCTURE_RULES } from '../../../utils/article/clutter-rules.ts';
import { planDeclutter } from '../../../utils/article/declutter.ts';
import { extractArticle } from '../../../utils/article/extract.ts';
import { listFixtures, loadFixture } from '../helpers/fixtures.ts';

/**
 * Site knowledge is data, and data nobody exercises rots: every rule must fire on at least
 * one fixture page (on the page itself or inside the extracted body).
 */
describe('clutter rules', () => {
  it('each rule removes something on at least one fixture page', () => {
    const fired = new Set<string>();
    for (const slug of listFixtures()) {
      const { doc, html, expected } = loadFixture(slug);
      for (const r of planDeclutter(doc)) fired.add(r.rule);
      // The live page's plan too: its window gives the computed styles some rules read.
      const dom = new JSDOM(html, { url: expected.url, virtualConsole: new VirtualConsole() });
      const live = planDeclutter(dom.window.document, { view: dom.window as unknown as Window, hostname: dom.window.location.hostname });
      for (const r of live) fired.add(r.rule);
      dom.window.close();
      if (expected.isArticle) for (const r of extractArticle(doc, expected.url)?.removed ?? []) fired.add(r.rule ?? '');
    }
    const names = [...MARKUP_RULES, ...CUE_RULES, ...Object.values(STRUCTURE_RULES)].map((r) => r.name);
    expect(names.filter((name) => !fired.has(name))).toEqual([]);
  });

  it('names every rule once, with a reason a reader can be shown', () => {
    const rules = [...MARKUP_RULES, ...CUE_RULES, ...Object.values(STRUCTURE_RULES)];
    expect(new Set(rules.map((r) => r.name)).size).toBe(rules.length);
    for (const r of rules) expect(r.reason.length, r.name).toBeGreaterThan(10);
  });

  it('matches an element by each value of each markup field of each rule', () => {
    const order = MARKUP_RULES.map((r) => r.name);
    for (const [index, rule] of MARKUP_RULES.entries()) {
      const m = rule.markup;
      const samples = [
        ...(m.id ?? []).map((id) => `<div id="${id}"></div>`),
        ...(m.class ?? []).map((c) => `<div class="x ${c}"></div>`),
        ...(m.contains ?? []).map((c) => `<div class="x-${c}-y"></div>`),
        ...(m.idPrefix ?? []).map((p) => `<div id="${p}7"></div>`),
        ...Object.entries(m.attr ?? {}).flatMap(([name, values]) => values.map((v) => `<div ${name}="${v}"></div>`)),
        ...(m.pinned ? ['<div style="position: fixed; top: 0"></div>'] : []),
        ...(m.tag ?? []).map((t) => `<${t}></${t}>`),
      ];
      expect(samples.length, rule.name).toBeGreaterThan(0);
      for (const sample of samples) {
        const doc = new JSDOM(`<body><main><p>${'نص المقال. '.repeat(60)}</p></main>${sample}</body>`).window.document;
        const target = doc.body.lastElementChild!;
        const hit = planDeclutter(doc).find((r) => r.element === target);
        // The first rule that matches wins: an earlier rule may claim the same markup.
        expect(hit && order.indexOf(hit.rule) <= index, `${rule.name}: ${sample}`).toBe(true);
      }
    }
  });
});
