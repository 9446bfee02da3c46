import { browser, defineBackground } from '#imports';
import { t } from '@/utils/browser/i18n';
import { describeSave, saveInBackground } from '@/utils/browser/library';
import { onMessage, sendToTab } from '@/utils/browser/messaging';
import { readerUrl } from '@/utils/browser/tabs';
import { runSync, SYNC_ALARM, SYNC_PERIOD_MINUTES } from '@/utils/browser/sync';
import { quietly } from '../utils/browser/quietly.ts';

const SAVE_MENU = 'naqi-save';

// Wiring only: the badge counts what was cleaned on each tab; commands open the reader and
// save; the context menu saves; saves from extension pages come here to fetch images.
export default defineBackground(() => {
  void browser.action.setBadgeBackgroundColor({ color: '#0f766e' });

  onMessage('badge/count', ({ count }, sender) => {
    const tabId = sender.tab?.id;
    if (tabId !== undefined) void browser.action.setBadgeText({ tabId, text: count > 0 ? String(count) : '' });
    return null;
  });

  // Only extension pages save through this message (messaging checks the sender), never a page.
  // After each save, sync (local first: the save is done whatever the server does).
  onMessage('library/save', async (request) => {
    const outcome = await saveInBackground(request);
    if (outcome.ok) void runSync();
    return outcome;
  });

  // Sync: "Sync now" and deletes in the library page, and a schedule.
  onMessage('sync/now', async () => {
    await runSync();
    return null;
  });
  void browser.alarms.get(SYNC_ALARM).then((alarm) => {
    if (!alarm) void browser.alarms.create(SYNC_ALARM, { periodInMinutes: SYNC_PERIOD_MINUTES, delayInMinutes: 1 });
  });
  browser.alarms.onAlarm.addListener((alarm) => {
    if (alarm.name === SYNC_ALARM) void runSync();
  });

  /** A save without a popup: the outcome is said on the page itself. */
  const saveTab = async (tabId: number): Promise<void> => {
    const outcome = await saveInBackground({ article: null, tabId });
    if (outcome.ok) void runSync();
    await sendToTab(tabId, 'page/toast', { text: describeSave(outcome) }).catch(quietly(undefined, 'page/toast'));
  };

  // Firefox for Android has no page context menu and no keyboard shortcuts: without them the
  // popup's Save button is the way in, and the rest of the background must still start.
  const menus = browser.contextMenus as typeof browser.contextMenus | undefined;
  if (menus) {
    browser.runtime.onInstalled.addListener(() => {
      void menus
        .removeAll()
        .then(() =>
          menus.create({ id: SAVE_MENU, title: t('menuSave'), contexts: ['page'], documentUrlPatterns: ['http://*/*', 'https://*/*'] }),
        );
    });
    menus.onClicked.addListener((info, tab) => {
      if (info.menuItemId === SAVE_MENU && tab?.id !== undefined) void saveTab(tab.id);
    });
  }

  const commands = browser.commands as typeof browser.commands | undefined;
  commands?.onCommand.addListener((command, tab) => {
    if (tab?.id === undefined) return;
    if (command === 'open-reader') void browser.tabs.create({ url: readerUrl({ tabId: tab.id }), index: tab.index + 1 });
    else if (command === 'save-article') void saveTab(tab.id);
  });
});
