import { browser, type Browser } from '#imports';
import type { Article, Removal } from '../article/types.ts';

/**
 * The one message contract between extension pages, the background and the content
 * script. Plain JSON payloads, typed once. Listeners answer only messages that come from
 * this extension, and from the context each message belongs to (SENDERS): a page cannot
 * post into runtime messaging, and an extension page is not a content script.
 */

export interface CleanupStatus {
  url: string;
  isArticle: boolean;
  /** Automatic cleanup is on for this site. */
  enabled: boolean;
  removed: Removal[];
  /** Why the watch for clutter added after load has ended, once it has. */
  watchStopped?: 'window' | 'budget' | 'flood' | 'aborted';
  /** The reader asked for everything back on this page ("show everything"), and it has not been cleaned since. */
  restored?: boolean;
}

export type ArticleResult = { ok: true; article: Article } | { ok: false; reason: 'not-article' | 'no-text' | 'error'; message?: string };

/** What became of a save, said to the reader by the page that asked. */
export type SaveOutcome =
  | {
      ok: true;
      updated: boolean;
      title: string;
      imagesSaved: number;
      imagesTotal: number;
      /** Match patterns of hosts whose images stayed remote and that Naqi may ask to fetch from. */
      imageHosts: string[];
      /** The reader was asked for those hosts and said no. */
      imagesDeclined: boolean;
    }
  | { ok: false; message: string };

/** Images fetched by the page itself (same-origin or CORS), base64 because Chrome sends JSON. */
export interface PageImages {
  images: Record<string, { type: string; data: string }>;
  failed: string[];
}

export interface Protocol {
  'cleanup/status': { request: null; response: CleanupStatus };
  'cleanup/restore': { request: null; response: CleanupStatus };
  'cleanup/apply': { request: null; response: CleanupStatus };
  /** Settings changed: re-read them, clean or restore to match. */
  'cleanup/sync': { request: null; response: CleanupStatus };
  'reader/article': { request: { force: boolean }; response: ArticleResult };
  'badge/count': { request: { count: number }; response: null };
  /** To the background: save this article (or the tab's, when article is null) with its images. */
  'library/save': { request: { article: Article | null; tabId?: number }; response: SaveOutcome };
  /**
   * To the content script: fetch these images as the page can, for the article at `articleUrl`.
   * A tab that now shows another site refuses: its page must not fetch another article's images.
   */
  'page/images': { request: { srcs: string[]; articleUrl: string }; response: PageImages };
  /** To the content script: say this briefly on the page (a save from the menu or the keyboard). */
  'page/toast': { request: { text: string }; response: null };
  /** To the background: sync the library now (after a delete, "Sync now"); answers when done. */
  'sync/now': { request: null; response: null };
}

export type MessageType = keyof Protocol;

/** Who sends each message: extension pages (popup, reader, background) or a content script. */
const SENDERS: Readonly<Record<MessageType, 'extension' | 'content-script'>> = {
  'cleanup/status': 'extension',
  'cleanup/restore': 'extension',
  'cleanup/apply': 'extension',
  'cleanup/sync': 'extension',
  'reader/article': 'extension',
  'badge/count': 'content-script',
  'library/save': 'extension',
  'page/images': 'extension',
  'page/toast': 'extension',
  'sync/now': 'extension',
};

function isSentBy(kind: 'extension' | 'content-script', sender: Browser.runtime.MessageSender): boolean {
  if (sender.id !== browser.runtime.id) return false;
  const fromExtensionPage = sender.url?.startsWith(browser.runtime.getURL('/')) ?? false;
  return kind === 'extension' ? fromExtensionPage : !fromExtensionPage && sender.tab?.id !== undefined;
}
type Request<T extends MessageType> = Protocol[T]['request'];
type Response<T extends MessageType> = Protocol[T]['response'];

interface Envelope<T extends MessageType = MessageType> {
  naqi: 1;
  type: T;
  data: Request<T>;
}

const isEnvelope = (m: unknown): m is Envelope =>
  typeof m === 'object' && m !== null && (m as Envelope).naqi === 1 && typeof (m as Envelope).type === 'string';

export function sendToTab<T extends MessageType>(tabId: number, type: T, data: Request<T>): Promise<Response<T>> {
  const envelope: Envelope<T> = { naqi: 1, type, data };
  return browser.tabs.sendMessage(tabId, envelope) as Promise<Response<T>>;
}

export function sendToBackground<T extends MessageType>(type: T, data: Request<T>): Promise<Response<T>> {
  const envelope: Envelope<T> = { naqi: 1, type, data };
  return browser.runtime.sendMessage(envelope) as Promise<Response<T>>;
}

export function onMessage<T extends MessageType>(
  type: T,
  handler: (data: Request<T>, sender: Browser.runtime.MessageSender) => Response<T> | Promise<Response<T>>,
): () => void {
  const listener = (message: unknown, sender: Browser.runtime.MessageSender): Promise<Response<T>> | undefined => {
    if (!isEnvelope(message) || message.type !== type || !isSentBy(SENDERS[type], sender)) return undefined;
    return Promise.resolve(handler(message.data as Request<T>, sender));
  };
  browser.runtime.onMessage.addListener(listener);
  return () => browser.runtime.onMessage.removeListener(listener);
}

/**
 * WXT stops a running content script when a newer copy announces itself with a DOM event on
 * the page's document, and a page can dispatch that event too: it would silence the content
 * script (no answers, no undo of what it hid). While the extension is live a running copy
 * keeps answering for itself, so the event is stopped; a copy orphaned by an update or reload
 * (no runtime id) still steps down. Call first thing in the content script's main.
 */
export function ignoreForgedRestarts(contentScriptName: string): () => void {
  const type = `${browser.runtime.id}:${contentScriptName}:wxt:content-script-started`;
  const stop = (event: Event): void => {
    let live = false;
    try {
      live = !!browser.runtime?.id;
    } catch {
      // An orphaned content script may throw on any extension API: let it step down.
    }
    if (live) event.stopImmediatePropagation();
  };
  window.addEventListener(type, stop, { capture: true });
  return () => window.removeEventListener(type, stop, { capture: true });
}

const STARTED_EVENT = ':wxt:content-script-started';

/**
 * WXT announces each content script's start with a DOM event on the page's document whose
 * type holds the extension id: a page listening for that name learns that Naqi is installed,
 * and its id (issue 12; the matching window.postMessage is switched off in the content
 * script's options). The event only stops an older copy of the same script after an update,
 * which a copy orphaned by an update does on its own within seconds (its observer ends; it
 * answers no message). So the announcement is dropped: `dispatchEvent` is shadowed on this
 * script's own view of the document (the page's view has no such property) until the
 * returned function is called, once the content script context exists.
 */
export function silenceStartAnnouncement(doc: Document): () => void {
  const dispatch = doc.dispatchEvent;
  Object.defineProperty(doc, 'dispatchEvent', {
    configurable: true,
    writable: true,
    value: (event: Event): boolean => (event.type.endsWith(STARTED_EVENT) ? true : dispatch.call(doc, event)),
  });
  return () => void delete (doc as { dispatchEvent?: unknown }).dispatchEvent;
}
