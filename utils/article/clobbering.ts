/**
 * DOM clobbering: in a browser, a form's named controls become properties of the form that
 * override the DOM's own (`<form><input name=parentNode>` makes `form.parentNode` the input),
 * and named images, forms, embeds, iframes and objects do the same to the document
 * (`<img name=body>`, `<img name=querySelectorAll>`). A page with no script at all could so
 * send Readability's ancestor walk round a loop forever, freezing the tab through the content
 * script's idle extraction, or break the reading view ("textContent.trim is not a function").
 * Anyone who can post a form into a page (forums, webmail) can do it (issue 12).
 *
 * The defence: Naqi reads such a page from a copy in which no element is named so (the names
 * and ids of form controls are removed: they carry no article text), and reads the page
 * itself only through the DOM's own prototype methods, never through properties a name can
 * shadow. Pure: no globals; the prototypes come from the document's own realm.
 */

/** Form controls: their `name` and `id` become properties of their form. */
const LISTED = ['button', 'fieldset', 'input', 'object', 'output', 'select', 'textarea'];
/** Elements whose `name` becomes a property of the document (an object's id too). */
const DOCUMENT_NAMED = ['embed', 'form', 'iframe', 'img', 'object'];

/** Every tag that can shadow a property of its form or of its document (an image by its id, too, in a form). */
const CANDIDATE_TAGS = [...new Set([...LISTED, ...DOCUMENT_NAMED])];

/** Properties Readability adds to nodes it scores: a named control would shadow them too. */
const EXPANDOS = ['readability', '_readabilityDataTable'];

type Method<T> = (this: unknown, ...args: unknown[]) => T;

/** What DOMPurify reads of the window it binds to (its `WindowLike`). */
const PURIFY_GLOBALS = [
  'DocumentFragment',
  'HTMLTemplateElement',
  'Node',
  'Element',
  'NodeFilter',
  'NamedNodeMap',
  'MozNamedAttrMap',
  'HTMLFormElement',
  'DOMParser',
] as const;

/**
 * A DOM property as the DOM itself defines it, for `obj`: looked up on its prototypes (where
 * accessors and methods live), never on the object, where named properties sit.
 */
function original(obj: object, name: string): PropertyDescriptor | undefined {
  for (let proto = Object.getPrototypeOf(obj) as object | null; proto; proto = Object.getPrototypeOf(proto) as object | null) {
    const descriptor = Object.getOwnPropertyDescriptor(proto, name);
    if (descriptor) return descriptor;
  }
  return undefined;
}

/** Reads a DOM property of `obj` as the DOM defines it (a getter or a method), whatever a page named. */
export function domGet<T = unknown>(obj: object, name: string): T {
  const descriptor = original(obj, name);
  return (descriptor?.get ? descriptor.get.call(obj) : descriptor?.value) as T;
}

/** Calls a DOM method of `obj` as the DOM defines it, whatever a page named. */
export function domCall<T = unknown>(obj: object, name: string, ...args: unknown[]): T {
  return (original(obj, name)?.value as Method<T>).apply(obj, args);
}

/**
 * Elements of those tags with a name or an id, in `root` (itself included). By tag, not by one
 * selector list: jsdom's selector engine reads the very properties a name shadows. `hasAttribute`
 * is looked up once, on the first element's prototypes: every page pays this check.
 */
function candidates(root: Document | Element): Element[] {
  let has: Method<boolean> | undefined;
  const named = (el: Element): boolean => {
    has ??= original(el, 'hasAttribute')?.value as Method<boolean>;
    return has.call(el, 'name') || has.call(el, 'id');
  };
  const out: Element[] = [];
  if (domGet<number>(root, 'nodeType') === 1 && CANDIDATE_TAGS.includes(domGet<string>(root, 'localName')) && named(root as Element))
    out.push(root as Element);
  for (const tag of CANDIDATE_TAGS) {
    for (const el of domCall<HTMLCollectionOf<Element>>(root, 'getElementsByTagName', tag)) if (named(el)) out.push(el);
  }
  return out;
}

/**
 * The names that would shadow something read on a form, and on the document, of `doc`. A form
 * is read as any element (its node, element and HTML element properties); its own properties
 * (`name`, `action`, `elements`, `submit`, `length`…) are never read on it by Readability,
 * DOMPurify or Naqi. Counting them, or a control's name against the document's properties,
 * would leave every page with a comment form (`<input name="name">`, `<textarea name="body">`,
 * `<input name="submit">`) uncleaned.
 */
function shadowTests(doc: Document): { onForm: (name: string) => boolean; onDocument: (name: string) => boolean } {
  const documentProto = Object.getPrototypeOf(doc) as object;
  const form = domCall<HTMLCollectionOf<Element>>(doc, 'getElementsByTagName', 'form')[0];
  const elementProto = form ? (Object.getPrototypeOf(Object.getPrototypeOf(form) as object) as object) : null;
  return {
    onForm: (name) => (elementProto !== null && name in elementProto) || EXPANDOS.includes(name),
    onDocument: (name) => name in documentProto,
  };
}

/** Whether `el`'s name or id shadows a property read on its form or on the document. */
function shadowsSomething(el: Element, tests: ReturnType<typeof shadowTests>): boolean {
  const tag = domGet<string>(el, 'localName');
  const name = domCall<string | null>(el, 'getAttribute', 'name');
  const id = domCall<string | null>(el, 'getAttribute', 'id');
  // Its form's: a control's name and id, an image's inside a form.
  const onForm = LISTED.includes(tag) || (tag === 'img' && domCall<Element | null>(el, 'closest', 'form') !== null);
  if (onForm && ((name !== null && tests.onForm(name)) || (id !== null && tests.onForm(id)))) return true;
  // The document's: the name of an image, form, embed, iframe or object; an object's id, and
  // an image's when it has a name too.
  if (!DOCUMENT_NAMED.includes(tag)) return false;
  return (
    (name !== null && tests.onDocument(name)) ||
    (id !== null && (tag === 'object' || (tag === 'img' && name !== null)) && tests.onDocument(id))
  );
}

/**
 * Whether a page (or the subtrees `within` it) names a form control, image, form, embed,
 * iframe or object after a property of its form or of the document: then walking it through
 * ordinary properties is unsafe. Cheap (one lookup by tag per kind); reads the page only
 * through the DOM's own methods.
 */
export function isClobbered(doc: Document, within?: readonly Element[]): boolean {
  // `within`: only what was added (the live watch checks each batch, the rest was checked on load).
  const found = within ? within.flatMap(candidates) : candidates(doc);
  if (found.length === 0) return false;
  const tests = shadowTests(doc);
  return found.some((el) => shadowsSomething(el, tests));
}

/**
 * Whether an element's id becomes a property of its form or of the document: a form
 * control's and an object's always; an image's when it has a name too (the document) or sits
 * in a form (the form). `<img id="title">` elsewhere shadows nothing.
 */
function idCounts(el: Element, name: string | null): boolean {
  const tag = domGet<string>(el, 'localName');
  if (tag !== 'img') return LISTED.includes(tag);
  return name !== null || domCall<Element | null>(el, 'closest', 'form') !== null;
}

/**
 * Removes, in a document Naqi owns (a copy, never the page), every name that could shadow a
 * property: the `name` and `id` of form controls (they hold no article text; the sanitiser
 * drops them anyway), the `name` of images, forms, embeds and iframes, and an image's `id`
 * when it is a property name. Returns the document.
 */
export function declobber(doc: Document): Document {
  const found = candidates(doc);
  if (found.length === 0) return doc;
  const tests = shadowTests(doc);
  const shadows = (name: string): boolean => tests.onForm(name) || tests.onDocument(name);
  for (const el of found) {
    const tag = domGet<string>(el, 'localName');
    domCall(el, 'removeAttribute', 'name');
    const id = domCall<string | null>(el, 'getAttribute', 'id');
    if (id !== null && (LISTED.includes(tag) || (idCounts(el, null) && shadows(id)))) domCall(el, 'removeAttribute', 'id');
  }
  return doc;
}

/** A deep copy of the page that no name can clobber: what extraction and detection read. */
export function readableCopy(doc: Document): Document {
  return declobber(domCall<Document>(doc, 'cloneNode', true));
}

/**
 * The window for DOMPurify when the page's document is clobbered: DOMPurify reads
 * `document.createElement`, `document.implementation` and others from its window's document,
 * and a page naming an image `implementation` would switch it off (it then returns its input
 * as it is). The same classes, with `doc` (a copy Naqi owns) as the document.
 */
export function windowWithDocument<W extends object>(view: W, doc: Document): W {
  const out: Record<string, unknown> = { document: doc };
  for (const name of PURIFY_GLOBALS) {
    const value = (view as Record<string, unknown>)[name];
    if (value !== undefined) out[name] = value;
  }
  return out as W;
}
