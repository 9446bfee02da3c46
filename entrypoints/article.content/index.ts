import './style.css';
import { defineContentScript } from '#imports';
import { ignoreForgedRestarts, silenceStartAnnouncement } from '@/utils/browser/messaging';
import { startArticleOnDemand } from './article';
import { startLiveCleanup } from './live';
import { startPageImages } from './page-images';
import { startToasts } from './toasts';
import { quietly } from '../../utils/browser/quietly.ts';

// WXT creates the script's context (which announces it on the page) after this module loads
// and before main runs: silence the announcement here, where the page never sees it.
const unsilence = typeof document === 'undefined' ? () => undefined : silenceStartAnnouncement(document);

// The first stage, on every page: small (no detection rules, no Readability, no DOMPurify).
// Each feature is started with the script's context and stops with it; the live cleanup and
// the extraction are later stages loaded only where they are needed (./stages.ts).
export default defineContentScript({
  matches: ['http://*/*', 'https://*/*'],
  runAt: 'document_idle',
  // No window.postMessage carrying the extension id to every script of the page (issue 12).
  noScriptStartedPostMessage: true,
  main(ctx) {
    unsilence();
    ignoreForgedRestarts('article');
    // Whatever happens (a page that broke the DOM APIs, an extension update mid-load), never
    // throw into the page's console.
    try {
      const verdict = startLiveCleanup(ctx);
      startArticleOnDemand(ctx, verdict);
      startPageImages(ctx);
      startToasts(ctx);
    } catch (error) {
      // Nothing to undo: a feature that failed to start registered nothing.
      quietly(undefined, 'content script start')(error);
    }
  },
});
