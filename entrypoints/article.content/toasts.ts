import type { ContentScriptContext } from '#imports';
import { onMessage } from '@/utils/browser/messaging';
import { showToast } from '@/utils/live/toast';

/** A save from the menu or the keyboard says its outcome on the page. */
export function startToasts(ctx: ContentScriptContext): void {
  ctx.onInvalidated(onMessage('page/toast', ({ text }) => (showToast(document, text), null)));
}
