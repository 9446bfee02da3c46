import { JSDOM } from 'jsdom';
import { describe, expect, it } from 'vitest';
import { paragraphsFromBreaks } from '../../../utils/article/paragraphs.ts';

const LONG_A = 'The council met on Tuesday evening and agreed to keep the old market open through the winter months.';
const LONG_B = 'Traders had asked for the extension after the new hall was delayed by a second round of repairs.';

/** The body after the step, each block as `tag: text` (breaks written ⏎). */
function blocks(html: string | ((doc: Document) => Element)): string[] {
  const doc = new JSDOM('').window.document;
  const body = typeof html === 'string' ? doc.createElement('div') : html(doc);
  if (typeof html === 'string') body.innerHTML = html;
  paragraphsFromBreaks(body);
  const out: string[] = [];
  const walk = (el: Element): void => {
    for (const child of el.children) {
      if (child.tagName === 'P' || child.tagName === 'LI') {
        const text = [...child.childNodes].map((n) => (n.nodeName === 'BR' ? '⏎' : (n.textContent ?? ''))).join('');
        out.push(`${child.tagName.toLowerCase()}: ${text.replace(/\s+/g, ' ').trim()}`);
      } else walk(child);
    }
  };
  walk(body);
  return out;
}

describe('paragraphsFromBreaks', () => {
  it('splits a paragraph at two breaks, and at one break between two lines of prose', () => {
    expect(blocks(`<p>${LONG_A}<br><br>Short.<br>\n<br>${LONG_B}</p>`)).toEqual([`p: ${LONG_A}`, 'p: Short.', `p: ${LONG_B}`]);
    expect(blocks(`<div>${LONG_A}<br>${LONG_B}</div>`)).toEqual([`p: ${LONG_A}`, `p: ${LONG_B}`]);
  });

  it('keeps verse, an address and a question label as lines of one block', () => {
    const verse = 'A line of verse here<br>and its second line<br>and a third, short';
    expect(blocks(`<p>${verse}</p>`)).toEqual(['p: A line of verse here⏎and its second line⏎and a third, short']);
    expect(blocks(`<p><strong>Q: Why now?</strong><br>${LONG_A}</p>`)).toEqual([`p: Q: Why now?⏎${LONG_A}`]);
  });

  it('lifts paragraphs out of an inline wrapper and gives the loose text before them its own', () => {
    // Readability's own output, which no HTML parser would build: <p><font>text<p>…</p></font></p>.
    const nested = (doc: Document): Element => {
      const root = doc.createElement('div');
      const outer = root.appendChild(doc.createElement('p'));
      const font = outer.appendChild(doc.createElement('font'));
      font.append(LONG_A);
      for (const text of [LONG_B, 'Third.']) font.appendChild(doc.createElement('p')).append(text);
      return root;
    };
    expect(blocks(nested)).toEqual([`p: ${LONG_A}`, `p: ${LONG_B}`, 'p: Third.']);
    expect(blocks(`<div>${LONG_A}<p>${LONG_B}</p></div>`)).toEqual([`p: ${LONG_A}`, `p: ${LONG_B}`]);
  });

  it('leaves lists and paragraphs without breaks as they are', () => {
    expect(blocks(`<ul><li>${LONG_A}<br>${LONG_B}</li></ul><p>${LONG_A}</p>`)).toEqual([`li: ${LONG_A}⏎${LONG_B}`, `p: ${LONG_A}`]);
  });
});
