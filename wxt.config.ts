import preact from '@preact/preset-vite';
import { defineConfig } from 'wxt';

// See https://wxt.dev/api/config.html
export default defineConfig({
  // Explicit imports from '#imports' only: no core file can reach `browser` unseen.
  imports: false,
  // Manifest V3 in Firefox too: one background API (`action`, `_execute_action`) for both.
  manifestVersion: 3,
  vite: () => ({ plugins: [preact()] }),
  manifest: ({ browser }) => ({
    name: '__MSG_extName__',
    description: '__MSG_extDescription__',
    // English is the fallback for browsers in languages we have no strings for.
    default_locale: 'en',
    // alarms: the sync schedule (issue 16).
    permissions: ['storage', 'unlimitedStorage', 'activeTab', 'scripting', 'contextMenus', 'alarms'],
    // Image hosts, asked for when the reader saves an article, so its images read offline;
    // the sync server's origin, asked for when the reader sets sync up.
    optional_host_permissions: ['http://*/*', 'https://*/*'],
    action: { default_title: '__MSG_extName__' },
    // The content script's later stages (utils/live/stages.ts), imported by the first stage on
    // the pages that need them. Chrome: at a URL that changes every session (use_dynamic_url),
    // so a page cannot probe a fixed chrome-extension://<id>/ address to learn that Naqi is
    // installed (issue 12); Firefox's moz-extension:// host is random per install already.
    web_accessible_resources: [
      {
        resources: ['live-cleanup.js', 'article-extract.js'],
        matches: ['http://*/*', 'https://*/*'],
        ...(browser === 'firefox' ? {} : { use_dynamic_url: true }),
      },
    ],
    // Firefox: a stable id (storage survives reinstalls), the statement that nothing is collected,
    // and Firefox for Android (no context menu or keyboard shortcuts there: background.ts checks).
    // 140 (ESR) and 142 on Android: the first to read data_collection_permissions; every API used is older.
    ...(browser === 'firefox'
      ? {
          browser_specific_settings: {
            gecko: { id: 'naqi@naqi-reader.org', strict_min_version: '140.0', data_collection_permissions: { required: ['none'] } },
            gecko_android: { strict_min_version: '142.0' },
          },
        }
      : {}),
    commands: {
      // Opens the popup (the reading view) from the keyboard.
      _execute_action: { suggested_key: { default: 'Alt+Shift+N' }, description: '__MSG_commandPopup__' },
      'open-reader': { suggested_key: { default: 'Alt+Shift+R' }, description: '__MSG_commandReader__' },
      'save-article': { suggested_key: { default: 'Alt+Shift+S' }, description: '__MSG_commandSave__' },
    },
  }),
});
