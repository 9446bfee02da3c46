import { domGet, isClobbered } from '../article/clobbering.ts';
import { planDeclutter } from '../article/declutter.ts';
import { findMainBlock } from '../article/main-text.ts';
import type { ClutterKind, PlannedRemoval, Removal } from '../article/types.ts';

/**
 * Applies a declutter plan to the live page, reversibly: elements are hidden by one
 * attribute (and the content script's one CSS rule), never deleted, and every change is in
 * the log that `restore` walks back. Browser-agnostic: a Document in, a log out.
 */

export const HIDDEN_ATTR = 'data-naqi-hidden';
export const SCROLL_ATTR = 'data-naqi-scroll';

/** Kinds of clutter that sit over the page and may have locked its scrolling. */
const LOCKING_KINDS = new Set<ClutterKind>(['overlay', 'donation', 'newsletter', 'cookie']);
/** Classes that modal scripts put on <html>/<body> to stop the page scrolling. */
const LOCK_CLASS =
  /(?:^|[\s_-])(?:modal-open|pum-open|popup-open|no-scroll|noscroll|overflow-hidden|scroll-lock|lock-scroll|has-modal|is-locked|fixed)(?:$|[\s_-])/i;

type StyleView = Pick<Window, 'getComputedStyle' | 'innerWidth' | 'innerHeight'>;

export class LiveCleanup {
  readonly log: PlannedRemoval[] = [];
  private main: Element | null;
  private clobbered = false;

  /** `main`: the block of article text, if the caller found it already (detection does). */
  constructor(
    private readonly doc: Document,
    private readonly view?: StyleView,
    main?: Element | null,
  ) {
    this.main = main !== undefined ? main : doc.body && !isClobbered(doc) ? (findMainBlock(doc.body)?.element ?? null) : null;
  }

  /** What was hidden, for the popup: plain data, no elements. */
  get removed(): Removal[] {
    return this.log
      .filter((r) => r.element.hasAttribute(HIDDEN_ATTR))
      .map(({ rule, kind, reason, text }) => ({ rule, kind, reason, text }));
  }

  /** Plans on the whole page (or on late-added subtrees) and hides what the plan lists. */
  apply(roots?: Element[]): PlannedRemoval[] {
    // A page whose forms or images are named after DOM properties cannot be walked safely: it
    // is left as it is from then on. Late additions are checked where they arrive.
    if (this.clobbered || (this.clobbered = isClobbered(this.doc, roots))) return [];
    if (this.main && !this.main.isConnected) this.main = this.doc.body ? (findMainBlock(this.doc.body)?.element ?? null) : null;
    const options = { protect: this.main, hostname: this.doc.location?.hostname ?? '', ...(this.view ? { view: this.view } : {}) };
    const plans = roots
      ? roots.flatMap((root) => planDeclutter(this.doc, { ...options, root, includeRoot: true }))
      : planDeclutter(this.doc, options);
    // Styles are read before anything is written: a read after a write makes the browser
    // recompute styles there and then, in the middle of the cleanup.
    const seen = new Set<Element>();
    const toHide = plans.filter((r) => {
      if (seen.has(r.element) || r.element.hasAttribute(HIDDEN_ATTR) || !this.isSafeToHide(r.element)) return false;
      seen.add(r.element);
      return true;
    });
    const lock = toHide.some((r) => LOCKING_KINDS.has(r.kind)) ? this.scrollLock() : undefined;
    for (const r of toHide) {
      r.element.setAttribute(HIDDEN_ATTR, r.kind);
      this.log.push(r);
    }
    if (lock) this.doc.documentElement.setAttribute(SCROLL_ATTR, lock);
    return toHide;
  }

  /** Brings every hidden element and the page's own scroll lock back. */
  restore(): void {
    for (const r of this.log) r.element.removeAttribute(HIDDEN_ATTR);
    this.log.length = 0;
    domGet<Element | null>(this.doc, 'documentElement')?.removeAttribute(SCROLL_ATTR);
  }

  /** Whatever the rules say, the article text stays. */
  private isSafeToHide(el: Element): boolean {
    if (el === this.doc.body || el === this.doc.documentElement) return false;
    return !(this.main && (el === this.main || el.contains(this.main)));
  }

  /**
   * A modal about to be hidden may have left the page locked. Only then, and only if it is
   * locked (overflow hidden, a fixed body, a lock class), is <html> marked so the content
   * script's CSS gives scrolling back; removing the mark restores the page's own styles.
   * Read before the hiding, so the styles are computed once.
   */
  private scrollLock(): 'fixed' | 'overflow' | undefined {
    const html = this.doc.documentElement;
    const body = this.doc.body;
    if (!body || html.hasAttribute(SCROLL_ATTR)) return undefined;
    const styles = [html, body].map((el) => this.view?.getComputedStyle(el));
    const locked = [html, body].some((el, i) => {
      const style = styles[i];
      const overflow = style ? `${style.overflow} ${style.overflowY}` : `${(el as HTMLElement).style?.overflow ?? ''}`;
      return /hidden|clip/.test(overflow) || LOCK_CLASS.test(el.getAttribute('class') ?? '');
    });
    const fixed = (styles[1]?.position ?? (body as HTMLElement).style?.position) === 'fixed';
    return fixed ? 'fixed' : locked ? 'overflow' : undefined;
  }
}
