/**
 * jsdom does not implement named properties, so it cannot be clobbered: this gives one of its
 * windows the browsers' behaviour (HTML's [LegacyOverrideBuiltIns] on HTMLFormElement and
 * Document). On every form and document — those parsed and those cloned later — a property
 * named like one of the form's controls (name or id, images too) or like a named image, form,
 * embed, iframe or object of the document returns that element instead of the DOM's own
 * value, as long as the element carries the name. Like in a browser, the shadowing property
 * sits on the object itself: the prototypes keep the DOM's own.
 *
 * Each shadowing getter counts its reads: a walk going round a clobbered loop ends with an
 * error after a million reads instead of hanging the test run.
 */

const LISTED = 'button, fieldset, input, object, output, select, textarea, img';
const DOC_NAMED = 'img[name], form[name], embed[name], iframe[name], object[name], object[id]';
export const SPIN_LIMIT = 1_000_000;
/**
 * Names jsdom's own selector engine reads through the public objects (a browser's never
 * does): shadowing them would break jsdom itself, not the code under test.
 */
const JSDOM_READS = { document: ['createTreeWalker', 'nodeType'], form: ['localName'] };

type Win = Window & typeof globalThis;

export function emulateClobbering(win: Win): void {
  const { Node, Document, Element } = win;
  const qsa = Element.prototype.querySelectorAll;
  const dqsa = Document.prototype.querySelectorAll;
  const attr = Element.prototype.getAttribute;
  let reads = 0;

  // While a lookup runs, jsdom's own code may read the shadowed names: it sees the DOM's values.
  let looking = false;
  const named = (scope: Element | Document, selector: string, name: string): Element | undefined => {
    if (looking) return undefined;
    looking = true;
    try {
      const all = scope instanceof Document ? dqsa.call(scope, selector) : qsa.call(scope, selector);
      return [...all].find((el) => attr.call(el, 'name') === name || attr.call(el, 'id') === name);
    } finally {
      looking = false;
    }
  };

  const shadow = (target: object, name: string, find: () => Element | undefined): void => {
    if (Object.prototype.hasOwnProperty.call(target, name)) return;
    const expandos = new WeakMap<object, unknown>();
    let proto: object | null = Object.getPrototypeOf(target) as object;
    let base: PropertyDescriptor | undefined;
    while (proto && !(base = Object.getOwnPropertyDescriptor(proto, name))) proto = Object.getPrototypeOf(proto) as object | null;
    Object.defineProperty(target, name, {
      configurable: true,
      get() {
        const hit = find();
        if (hit) {
          if (++reads > SPIN_LIMIT) throw new Error(`spinning: ${SPIN_LIMIT} reads of a clobbered "${name}"`);
          return hit;
        }
        if (expandos.has(target)) return expandos.get(target);
        return base?.get ? base.get.call(target) : base?.value;
      },
      set(value: unknown) {
        if (find()) return; // a named property cannot be overwritten
        if (base?.set) base.set.call(target, value);
        else expandos.set(target, value);
      },
    });
  };

  const clobber = (doc: Document): void => {
    for (const form of dqsa.call(doc, 'form')) {
      for (const control of qsa.call(form, LISTED)) {
        for (const name of [attr.call(control, 'name'), attr.call(control, 'id')]) {
          if (name && !JSDOM_READS.form.includes(name)) shadow(form, name, () => named(form, LISTED, name));
        }
      }
    }
    for (const el of dqsa.call(doc, DOC_NAMED)) {
      for (const name of [attr.call(el, 'name'), el.localName === 'object' ? attr.call(el, 'id') : null]) {
        if (name && !JSDOM_READS.document.includes(name)) shadow(doc, name, () => named(doc, DOC_NAMED, name));
      }
    }
  };

  // Copies are clobbered too, as in a browser: Readability works on Naqi's copy.
  const cloneNode = Node.prototype.cloneNode;
  Node.prototype.cloneNode = function (this: Node, deep?: boolean) {
    const copy = cloneNode.call(this, deep);
    if (copy instanceof Document) clobber(copy);
    return copy;
  };
  clobber(win.document);
}
