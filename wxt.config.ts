import preact from '@preact/preset-vite';
import { defineConfig } from 'wxt';

// See https://wxt.dev/api/config.html
export default defineConfig({
  // Explicit imports from '#imports' only: no core file can reach `browser` unseen.
  imports: false,
  vite: () => ({ plugins: [preact()] }),
  manifest: {
    name: '__MSG_extName__',
    description: '__MSG_extDescription__',
    // English is the fallback for browsers in languages we have no strings for.
    default_locale: 'en',
    permissions: ['storage', 'activeTab', 'scripting'],
    action: { default_title: '__MSG_extName__' },
    commands: {
      // Opens the popup (the reading view) from the keyboard.
      _execute_action: { suggested_key: { default: 'Alt+Shift+N' }, description: '__MSG_commandPopup__' },
      'open-reader': { suggested_key: { default: 'Alt+Shift+R' }, description: '__MSG_commandReader__' },
    },
  },
});
