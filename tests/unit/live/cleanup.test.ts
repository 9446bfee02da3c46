import { JSDOM, VirtualConsole } from 'jsdom';
import { describe, expect, it } from 'vitest';
import { HIDDEN_ATTR, LiveCleanup, SCROLL_ATTR } from '../../../utils/live/cleanup.ts';
import { watchLateClutter } from '../../../utils/live/late-clutter.ts';
import { loadFixture } from '../helpers/fixtures.ts';

const hidden = (doc: Document) => [...doc.querySelectorAll(`[${HIDDEN_ATTR}]`)];

describe('LiveCleanup', () => {
  it('hides the seed page clutter by marking it, keeps the text, and restores everything', () => {
    const { doc } = loadFixture('ar-enabbaladi-seed');
    const before = doc.body.outerHTML;
    const cleanup = new LiveCleanup(doc);
    cleanup.apply();
    const kinds = new Set(cleanup.removed.map((r) => r.kind));
    expect(kinds).toEqual(new Set(['ad', 'icon-label', 'font-switcher', 'share', 'related', 'overlay']));
    expect(hidden(doc).some((el) => el.textContent?.includes('ادعم عنب بلدي'))).toBe(true);
    // Nothing deleted, and the text is not under any hidden element.
    const paragraph = [...doc.querySelectorAll('p')].find((p) => p.textContent?.startsWith('أكد التحالف الدولي'))!;
    expect(paragraph.closest(`[${HIDDEN_ATTR}]`)).toBeNull();
    cleanup.restore();
    expect(doc.body.outerHTML).toBe(before);
  });

  it('gives scrolling back only when a hidden overlay had locked it', () => {
    const { doc } = loadFixture('ar-enabbaladi-seed');
    doc.documentElement.classList.add('pum-open');
    const cleanup = new LiveCleanup(doc);
    cleanup.apply();
    expect(doc.documentElement.getAttribute(SCROLL_ATTR)).toBe('overflow');
    cleanup.restore();
    expect(doc.documentElement.hasAttribute(SCROLL_ATTR)).toBe(false);

    const plain = loadFixture('min-share-bar').doc;
    new LiveCleanup(plain).apply();
    expect(plain.documentElement.hasAttribute(SCROLL_ATTR)).toBe(false);
  });

  it('reads the page styles it needs before it hides anything (no style recalculation mid-cleanup)', () => {
    const { doc } = loadFixture('ar-enabbaladi-seed');
    doc.documentElement.classList.add('pum-open');
    const win = doc.defaultView!;
    let writes = 0;
    const readsAfterWrite: string[] = [];
    const setAttribute = win.Element.prototype.setAttribute;
    win.Element.prototype.setAttribute = function (this: Element, name: string, value: string) {
      if (name === HIDDEN_ATTR) writes++;
      return setAttribute.call(this, name, value);
    };
    const view = {
      innerWidth: 1280,
      innerHeight: 800,
      getComputedStyle: (el: Element) => {
        if (writes > 0) readsAfterWrite.push(el.tagName);
        return win.getComputedStyle(el);
      },
    };
    try {
      new LiveCleanup(doc, view).apply();
    } finally {
      win.Element.prototype.setAttribute = setAttribute;
    }
    expect(writes).toBeGreaterThan(0);
    expect(readsAfterWrite).toEqual([]);
    expect(doc.documentElement.getAttribute(SCROLL_ATTR)).toBe('overflow');
  });
});

describe('watchLateClutter', () => {
  it('hides a donation modal and a related block that scripts add after load', async () => {
    const { html, expected } = loadFixture('ar-late-clutter');
    const dom = new JSDOM(html, { url: expected.url, runScripts: 'dangerously', virtualConsole: new VirtualConsole() });
    const { window } = dom;
    const cleanup = new LiveCleanup(window.document);
    cleanup.apply();
    const stats = watchLateClutter(
      window.document,
      window as unknown as Window & typeof globalThis,
      (roots) => cleanup.apply(roots),
      new AbortController().signal,
      {
        windowMs: 3000,
        budgetMs: 500,
        maxNodesPerSecond: 3000,
        batchMs: 50,
      },
    );
    await new Promise((r) => setTimeout(r, 2200));
    const text = (el: Element) => el.textContent ?? '';
    expect(hidden(window.document).map(text).join(' ')).toContain(expected.mustNotContain[0]!.slice(0, 20));
    expect(stats.batches).toBeGreaterThan(0);
    expect(window.document.documentElement.hasAttribute('data-naqi-scroll')).toBe(true);
    window.close();
  });

  it('stops watching a page that floods the DOM', async () => {
    const dom = new JSDOM('<body><main></main></body>', { url: 'https://x.test/', virtualConsole: new VirtualConsole() });
    const { window } = dom;
    const stats = watchLateClutter(
      window.document,
      window as unknown as Window & typeof globalThis,
      () => undefined,
      new AbortController().signal,
      {
        windowMs: 5000,
        budgetMs: 500,
        maxNodesPerSecond: 200,
        batchMs: 50,
      },
    );
    for (let i = 0; i < 50; i++) {
      for (let j = 0; j < 20; j++) window.document.body.append(window.document.createElement('div'));
      await new Promise((r) => setTimeout(r, 1));
    }
    expect(stats.stoppedBecause).toBe('flood');
    window.close();
  });
});
