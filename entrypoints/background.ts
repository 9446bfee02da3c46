import { browser, defineBackground } from '#imports';
import { onMessage } from '@/utils/messaging';

// Wiring only: the badge counts what was cleaned on each tab; a command opens the reader.
export default defineBackground(() => {
  void browser.action.setBadgeBackgroundColor({ color: '#0f766e' });

  onMessage('badge/count', ({ count }, sender) => {
    const tabId = sender.tab?.id;
    if (tabId !== undefined) void browser.action.setBadgeText({ tabId, text: count > 0 ? String(count) : '' });
    return null;
  });

  browser.commands.onCommand.addListener((command, tab) => {
    if (command !== 'open-reader' || tab?.id === undefined) return;
    void browser.tabs.create({ url: `${browser.runtime.getURL('/reader.html')}?tabId=${tab.id}`, index: tab.index + 1 });
  });
});
