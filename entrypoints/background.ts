import { browser, defineBackground } from '#imports';
import { onMessage } from '@/utils/messaging';

// Wiring only: the toolbar badge counts what was cleaned on each tab.
export default defineBackground(() => {
  void browser.action.setBadgeBackgroundColor({ color: '#0f766e' });
  onMessage('badge/count', ({ count }, sender) => {
    const tabId = sender.tab?.id;
    if (tabId !== undefined) void browser.action.setBadgeText({ tabId, text: count > 0 ? String(count) : '' });
    return null;
  });
});
