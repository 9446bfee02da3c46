import { defineConfig } from 'vitest/config';

// Real-browser tests in Firefox ESR (puppeteer-core over WebDriver BiDi) with the built add-on
// (.output/firefox-mv3). Run `npm run build:firefox` first.
export default defineConfig({
  test: {
    include: ['tests/e2e/firefox/**/*.ff.ts'],
    environment: 'node',
    globalSetup: ['tests/e2e/harness/global-setup.ts'],
    // One Firefox at a time: a launch takes a core and several seconds.
    fileParallelism: false,
    testTimeout: 60_000,
    hookTimeout: 90_000,
    env: { TZ: 'UTC', NAQI_BROWSER: 'firefox' },
  },
});
