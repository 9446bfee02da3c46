import { collapseSpace } from './text.ts'; /**
 * Formulas are article content. MathML (a page's own <math>, or the copy MathJax keeps for
 * screen readers) is rewritten as plain HTML the reader can read: text with <sup>, <sub>,
 * fractions as (a)/(b), roots as √(…), each formula isolated in a <bdi> so it reads left to
 * right inside Arabic or Persian text. The reading view's sanitiser never lets MathML through
 * (a foreign namespace is where parser-confusion attacks live), so without this a formula
 * would vanish from the page and leave a hole in its sentence.
 */

const MATHML_NS = 'http://www.w3.org/1998/Math/MathML';
// Relations and binary operators read better spaced: "a = b + c".
const SPACED = /^[=+\-−±∓×÷·≤≥≠<>≈≡∼≃∝→←↔⇒⇐⇔∈∉∋⊂⊃⊆⊇∪∩∧∨]$/;
const BLOCK_PARENTS = new Set(['P', 'LI', 'TD', 'TH', 'H1', 'H2', 'H3', 'H4', 'H5', 'H6', 'SPAN', 'A', 'EM', 'STRONG', 'B', 'I', 'LABEL']);

/** Replaces every outermost MathML formula under `root` by its HTML reading. Changes `root` (a detached clone). */
export function linearizeMath(root: Element): void {
  const doc = root.ownerDocument;
  const formulas = [...root.getElementsByTagName('math')].filter((m) => m.namespaceURI === MATHML_NS && !m.parentElement?.closest('math'));
  for (const math of formulas) {
    const bdi = doc.createElement('bdi');
    bdi.append(...render(math, doc));
    const block = math.getAttribute('display') === 'block' && !BLOCK_PARENTS.has(math.parentElement?.tagName ?? '');
    if (block) {
      const p = doc.createElement('p');
      p.append(bdi);
      math.replaceWith(p);
    } else math.replaceWith(bdi);
  }
}

function render(el: Element, doc: Document): Node[] {
  const kids = [...el.children];
  const sub = (tag: 'sup' | 'sub', child: Element | undefined): Node[] => {
    if (!child) return [];
    const e = doc.createElement(tag);
    e.append(...render(child, doc));
    return [e];
  };
  const text = (t: string): Node[] => (t ? [doc.createTextNode(t)] : []);
  switch (el.localName) {
    case 'mi':
    case 'mn':
    case 'mtext':
    case 'ms':
      return text(squash(el.textContent));
    case 'mo': {
      const op = squash(el.textContent);
      // A sign with nothing before it is unary: "−b", not "− b".
      const unary = !el.previousElementSibling || el.previousElementSibling.localName === 'mo';
      return text(SPACED.test(op) && !unary ? ` ${op} ` : op);
    }
    case 'mspace':
      return text(' ');
    case 'mphantom':
    case 'annotation':
    case 'annotation-xml':
    case 'none':
    case 'mprescripts':
      return [];
    case 'semantics':
      return kids[0] ? render(kids[0], doc) : [];
    case 'msup':
      return [...render1(kids[0], doc), ...sub('sup', kids[1])];
    case 'msub':
      return [...render1(kids[0], doc), ...sub('sub', kids[1])];
    case 'msubsup':
      return [...render1(kids[0], doc), ...sub('sub', kids[1]), ...sub('sup', kids[2])];
    case 'munder':
      return [...render1(kids[0], doc), ...sub('sub', kids[1])];
    case 'mover':
      return [...render1(kids[0], doc), ...(isAccent(kids[1]) ? render1(kids[1], doc) : sub('sup', kids[1]))];
    case 'munderover':
      return [...render1(kids[0], doc), ...sub('sub', kids[1]), ...sub('sup', kids[2])];
    case 'mfrac':
      return [...grouped(kids[0], doc), doc.createTextNode('/'), ...grouped(kids[1], doc)];
    case 'msqrt':
      return [
        doc.createTextNode('√'),
        ...groupedNodes(
          kids.flatMap((k) => render(k, doc)),
          kids.length === 1 && isToken(kids[0]),
          doc,
        ),
      ];
    case 'mroot':
      return [...sub('sup', kids[1]), doc.createTextNode('√'), ...grouped(kids[0], doc)];
    case 'mtable':
      return kids.flatMap((row, i) => [...(i > 0 ? [doc.createElement('br')] : []), ...render(row, doc)]);
    case 'mtr':
    case 'mlabeledtr':
      return kids.flatMap((cell, i) => [...(i > 0 ? text('  ') : []), ...render(cell, doc)]);
    default:
      // math, mrow, mstyle, mpadded, menclose, merror, mtd, mfenced, mmultiscripts, unknown: their children in order.
      return kids.length > 0 ? kids.flatMap((k) => render(k, doc)) : text(squash(el.textContent));
  }
}

function render1(el: Element | undefined, doc: Document): Node[] {
  return el ? render(el, doc) : [];
}

/** A fraction's part or a root's radicand: in parentheses unless it is one token. */
function grouped(el: Element | undefined, doc: Document): Node[] {
  return el ? groupedNodes(render(el, doc), isToken(el), doc) : [];
}

function groupedNodes(nodes: Node[], single: boolean, doc: Document): Node[] {
  return single ? nodes : [doc.createTextNode('('), ...trim(nodes), doc.createTextNode(')')];
}

function isToken(el: Element | undefined): boolean {
  if (!el) return true;
  if (el.localName === 'mrow' && el.children.length === 1) return isToken(el.children[0]);
  return ['mi', 'mn', 'mtext'].includes(el.localName);
}

function isAccent(el: Element | undefined): boolean {
  return (
    el?.localName === 'mo' && /^[\u02C6\u02C7\u02D9\u02DC\u00AF\u00A8\u005E\u007E\u2192\u20D7\u0307\u0308]$/.test(squash(el.textContent))
  );
}

/** Operators at the edges of a group keep no outer spaces: "(−b ± …)". */
function trim(nodes: Node[]): Node[] {
  const first = nodes[0];
  const last = nodes[nodes.length - 1];
  if (first?.nodeType === 3) first.nodeValue = (first.nodeValue ?? '').trimStart();
  if (last?.nodeType === 3) last.nodeValue = (last.nodeValue ?? '').trimEnd();
  return nodes;
}

function squash(text: string | null): string {
  return collapseSpace(text ?? '');
}
