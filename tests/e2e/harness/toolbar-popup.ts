import { writeFile, mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { CDPSession, Page } from 'playwright-core';
import { serviceWorker, type ExtensionSession } from './browser.ts';
import { SCREENSHOTS_DIR } from '../../../scripts/lib/paths.ts';

/**
 * The toolbar popup as Chromium opens it: `chrome.action.openPopup()` from the service worker
 * (what a click on the icon does), at the size the browser gives it. Playwright does not list
 * popup windows among a context's pages, so the popup is reached over raw CDP: it is a target
 * of type `page`, attached with `Target.attachToTarget` and driven by `Target.sendMessageToTarget`.
 *
 * Every assertion about what a reader sees in the popup (its size, layout, text on screen)
 * belongs here; `openPopup()` (popup.html in a tab) is for logic only.
 */
export interface ToolbarPopup {
  /**
   * Runs `fn(popupWindow, arg)` and returns its (JSON-serialisable) result. `fn` is sent as
   * source, so it may use only its parameters: `win.document`, `win.getComputedStyle`, never
   * the globals (in Firefox it runs in another extension page that holds the popup's window).
   */
  evaluate<T, A = undefined>(fn: PopupFn<T, A>, arg?: A): Promise<T>;
  /** Polls `fn(popupWindow, arg)` until it returns something truthy, and returns that. */
  waitFor<T, A = undefined>(fn: PopupFn<T, A>, arg?: A, timeout?: number): Promise<NonNullable<T>>;
  /** Clicks the element matching `selector`, or the control whose text is `text`. */
  click(target: string | { text: string }): Promise<void>;
  /** Saves what the popup shows, at its real size, to tests/e2e/screenshots/<name>.png. */
  screenshot(name: string): Promise<string>;
  /** Closes the popup (as Escape or a click outside would) and waits until it is gone. */
  close(): Promise<void>;
}

export type PopupFn<T, A> = (win: Window & typeof globalThis, arg: A) => T | Promise<T>;

/** The centre of the element `target` names in the popup, scrolled into view; null while there is none. */
export const targetPoint: PopupFn<{ x: number; y: number } | null, string | { text: string }> = (win, target) => {
  const norm = (s: string): string => s.replace(/\s+/g, ' ').trim();
  const controls = [...win.document.querySelectorAll('button, a, summary, label, [role=button]')];
  const el =
    typeof target === 'string' ? win.document.querySelector(target) : controls.find((e) => norm(e.textContent ?? '') === norm(target.text));
  if (!el) return null;
  el.scrollIntoView({ block: 'center' });
  const r = el.getBoundingClientRect();
  return r.width > 0 && r.height > 0 ? { x: r.x + r.width / 2, y: r.y + r.height / 2 } : null;
};

interface CdpReply {
  id?: number;
  result?: unknown;
  error?: { message: string };
}

/** Brings `page` to the front and opens the extension's toolbar popup for it. */
export async function openToolbarPopup(session: ExtensionSession, page: Page): Promise<ToolbarPopup> {
  const { context, extensionId } = session;
  await page.bringToFront();
  const cdp = await context.newCDPSession(page);
  const isPopup = (t: { type: string; url: string }): boolean =>
    t.type === 'page' && t.url.startsWith(`chrome-extension://${extensionId}/popup.html`);
  const targets = async (): Promise<Array<{ targetId: string; type: string; url: string }>> =>
    ((await cdp.send('Target.getTargets')) as { targetInfos: Array<{ targetId: string; type: string; url: string }> }).targetInfos;
  const before = new Set((await targets()).filter(isPopup).map((t) => t.targetId));

  const worker = await serviceWorker(context, extensionId);
  await worker.evaluate(() => (globalThis as unknown as { chrome: { action: { openPopup(): Promise<void> } } }).chrome.action.openPopup());
  const targetId = await poll(
    async () => (await targets()).find((t) => isPopup(t) && !before.has(t.targetId))?.targetId,
    10_000,
    'the toolbar popup did not open',
  );
  const { sessionId } = (await cdp.send('Target.attachToTarget', { targetId, flatten: false })) as { sessionId: string };
  const popup = new CdpPopup(cdp, sessionId, targetId, targets);
  await popup.send('Runtime.enable');
  await popup.waitFor((win) => win.document.readyState === 'complete' && (win.document.getElementById('app')?.childElementCount ?? 0) > 0);
  return popup;
}

class CdpPopup implements ToolbarPopup {
  private nextId = 0;
  private readonly pending = new Map<number, (reply: CdpReply) => void>();

  constructor(
    private readonly cdp: CDPSession,
    private readonly sessionId: string,
    private readonly targetId: string,
    private readonly targets: () => Promise<Array<{ targetId: string }>>,
  ) {
    cdp.on('Target.receivedMessageFromTarget', (event: { sessionId: string; message: string }) => {
      if (event.sessionId !== this.sessionId) return;
      const reply = JSON.parse(event.message) as CdpReply;
      if (reply.id === undefined) return;
      this.pending.get(reply.id)?.(reply);
      this.pending.delete(reply.id);
    });
  }

  /** One CDP command to the popup's own target. */
  send(method: string, params: Record<string, unknown> = {}): Promise<unknown> {
    const id = ++this.nextId;
    return new Promise((resolve, reject) => {
      this.pending.set(id, (reply) => (reply.error ? reject(new Error(`${method}: ${reply.error.message}`)) : resolve(reply.result)));
      void this.cdp
        .send('Target.sendMessageToTarget', { sessionId: this.sessionId, message: JSON.stringify({ id, method, params }) })
        .catch(reject);
    });
  }

  async evaluate<T, A = undefined>(fn: PopupFn<T, A>, arg?: A): Promise<T> {
    const expression = `(${fn.toString()})(window, ${arg === undefined ? 'undefined' : JSON.stringify(arg)})`;
    const reply = (await this.send('Runtime.evaluate', { expression, awaitPromise: true, returnByValue: true })) as {
      result: { value?: T };
      exceptionDetails?: { text: string; exception?: { description?: string } };
    };
    if (reply.exceptionDetails)
      throw new Error(`in the popup: ${reply.exceptionDetails.exception?.description ?? reply.exceptionDetails.text}`);
    return reply.result.value as T;
  }

  waitFor<T, A = undefined>(fn: PopupFn<T, A>, arg?: A, timeout = 10_000): Promise<NonNullable<T>> {
    return poll(() => this.evaluate(fn, arg), timeout, `waiting in the popup for ${fn.toString().slice(0, 120)}`);
  }

  async click(target: string | { text: string }): Promise<void> {
    const box = await this.waitFor(targetPoint, target);
    for (const type of ['mousePressed', 'mouseReleased']) {
      await this.send('Input.dispatchMouseEvent', { type, x: box.x, y: box.y, button: 'left', clickCount: 1 });
    }
  }

  async screenshot(name: string): Promise<string> {
    const { data } = (await this.send('Page.captureScreenshot', { format: 'png' })) as { data: string };
    const path = join(SCREENSHOTS_DIR, `${name.replace(/[^\w.-]+/g, '-')}.png`);
    await mkdir(SCREENSHOTS_DIR, { recursive: true });
    await writeFile(path, Buffer.from(data, 'base64'));
    return path;
  }

  async close(): Promise<void> {
    await this.evaluate((win) => win.close()).catch(() => undefined);
    await poll(async () => !(await this.targets()).some((t) => t.targetId === this.targetId), 5_000, 'the popup did not close');
    await this.cdp.detach().catch(() => undefined);
  }
}

/** Calls `check` until it returns something truthy (or throws on the deadline). */
export async function poll<T>(check: () => Promise<T>, timeout: number, what: string): Promise<NonNullable<T>> {
  const deadline = Date.now() + timeout;
  let last: unknown;
  for (;;) {
    try {
      const value = await check();
      if (value) return value;
    } catch (error) {
      last = error;
    }
    if (Date.now() > deadline) throw new Error(`${what}${last instanceof Error ? `: ${last.message}` : ''}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}
