import { browser, type Browser } from '#imports';
import type { Article, Removal } from './article/types.ts';

/**
 * The one message contract between extension pages, the background and the content
 * script. Plain JSON payloads, typed once. Listeners answer only messages that come from
 * this extension (a page cannot post into runtime messaging, and we check the sender).
 */

export interface CleanupStatus {
  url: string;
  isArticle: boolean;
  /** Automatic cleanup is on for this site. */
  enabled: boolean;
  removed: Removal[];
  /** The content script's own work on load, for the live benchmark. */
  timings: { detectMs: number; planApplyMs: number; observerMs: number; observerBatches: number; observerStopped?: string };
}

export type ArticleResult =
  | { ok: true; article: Article }
  | { ok: false; reason: 'not-article' | 'no-text' | 'error'; message?: string };

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
  /** To the content script: fetch these images as the page can. */
  'page/images': { request: { srcs: string[] }; response: PageImages };
  /** To the content script: say this briefly on the page (a save from the menu or the keyboard). */
  'page/toast': { request: { text: string }; response: null };
}

export type MessageType = keyof Protocol;
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
    if (sender.id !== browser.runtime.id || !isEnvelope(message) || message.type !== type) return undefined;
    return Promise.resolve(handler(message.data as Request<T>, sender));
  };
  browser.runtime.onMessage.addListener(listener);
  return () => browser.runtime.onMessage.removeListener(listener);
}
