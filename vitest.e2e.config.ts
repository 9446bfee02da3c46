import { defineConfig } from 'vitest/config';

// Real-browser tests: Chromium with the built extension (.output/chrome-mv3) on fixture pages.
// Run `npm run build` first; the global setup refuses to run without a build.
export default defineConfig({
  test: {
    include: ['tests/e2e/**/*.e2e.ts'],
    environment: 'node',
    globalSetup: ['tests/e2e/harness/global-setup.ts'],
    // One Chromium at a time: each costs a CPU core and ~300 MB, and CI has two cores.
    fileParallelism: false,
    testTimeout: 60_000,
    hookTimeout: 60_000,
    env: { TZ: 'UTC' },
  },
});
